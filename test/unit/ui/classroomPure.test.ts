import { describe, expect, test } from 'vitest';
import { curvesToCsv } from '../../../src/core/curvesCsv';
import { fileStem } from '../../../src/ui/export/download';
import { texNum } from '../../../src/ui/math/texNumber';
import { theoryEquations } from '../../../src/ui/theory/equations';
import { parseLink } from '../../../src/core/params';
import { computeTheoryReport } from '../../../src/core/theoryReport';

describe('texNum', () => {
  test('plain, negative and exponent forms contain only TeX we build', () => {
    expect(texNum(0.25)).toBe('0.25');
    expect(texNum(-1.01123, 4, true)).toBe('(-1.011)');
    expect(texNum(1.5e-5)).toBe('1.5\\times 10^{-5}');
    expect(texNum(NaN)).toBe('\\text{—}');
  });
});

describe('curvesToCsv', () => {
  test('curves on different grids share one header; missing cells stay empty', () => {
    const csv = curvesToCsv({
      a: { x: [0, 1], theory: [1, null] },
      b: { x: [0.5], simMean: [2], simStderr: [0.1] },
    });
    expect(csv).toBe('curve,x,theory,simMean,simStderr\na,0,1,,\na,1,,,\nb,0.5,,2,0.1\n');
  });
});

test('fileStem keeps ASCII letters, digits and decimal points, Greek spelled out', () => {
  expect(fileStem('Loss vs αr (αt = 0.2)')).toBe('loss-vs-alpha_r-alpha_t-0.2');
  expect(fileStem('Loss vs training rate αt (αr = −1.5)')).toBe(
    'loss-vs-training-rate-alpha_t-alpha_r-minus-1.5',
  );
  expect(fileStem('Training curve at α = 1.000e-5, β = 0.3')).toBe(
    'training-curve-at-alpha-1.000e-5-beta-0.3',
  );
  expect(fileStem('meta-lr-stability-linear')).toBe('meta-lr-stability-linear');
  expect(fileStem('<script>')).toBe('script');
});

describe('theoryEquations', () => {
  const eq = (q: string) => theoryEquations(computeTheoryReport(parseLink(q).params));
  test('Theorem 1 with Eq. 8 (Fig. 2 sizes: αt⁻ ≈ −1.011) and the optimal αr', () => {
    const blocks = eq('alphaT=0.2&alphaR=0.2');
    expect(blocks.map((b) => b.title)).toEqual([
      expect.stringMatching(/Theorem 1/),
      expect.stringMatching(/Eq\. 8/),
      expect.stringMatching(/adaptation/),
    ]);
    expect(blocks[1]!.substituted).toContain('= -1.011 < 0');
    expect(blocks[0]!.substituted).toContain('= 0.721819');
  });
  test('Theorem 2 shows Eq. 10; Theorem 3 its exact minimisers; none without theory', () => {
    expect(eq('m=40').map((b) => b.title)[1]).toMatch(/Eq\. 10/);
    expect(eq('cov=wishart')[0]!.title).toMatch(/Theorem 3/);
    expect(eq('cov=diag&p=20&m=20&nv=5')).toEqual([]);
  });
});

describe('curvePath', () => {
  test('spans the box, breaks at gaps, puts the minimum at the bottom', async () => {
    const { curvePath } = await import('../../../src/ui/gallery/thumbnailPath');
    const { d, sx, sy } = curvePath([0, 1, 2, 3], [2, 1, null, 2], 100, 50);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(sx(0)).toBe(4);
    expect(sx(3)).toBe(96);
    expect(sy(1)).toBe(46);
  });
});
