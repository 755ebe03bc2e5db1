import { describe, expect, test } from 'vitest';
import {
  alphaCritical,
  betaCritical,
  spectralRadius,
  type MamlVariant,
} from '../../../src/core/stability/boundaries';
import { symmetricEigenvalues } from '../../../src/core/linalg/symmetricEigen';
import { gridAxis } from '../../../src/core/stability/grid';

/** Spectral radius of the explicit 2×2 update matrix I − βH(I − αH)^k, k = 1 or 2. */
function matrixRadius(h: number[][], alpha: number, beta: number, variant: MamlVariant) {
  const mul = (a: number[][], b: number[][]) =>
    a.map((r) => [0, 1].map((j) => r[0] * b[0][j] + r[1] * b[1][j]));
  const s = [
    [1 - alpha * h[0][0], -alpha * h[0][1]],
    [-alpha * h[1][0], 1 - alpha * h[1][1]],
  ];
  let m = mul(h, s);
  if (variant === 'second-order') m = mul(m, s);
  const u = m.map((r, i) => r.map((v, j) => (i === j ? 1 : 0) - beta * v));
  // eigenvalues of a general 2×2 (real here: u is a polynomial in the symmetric H)
  const tr = u[0][0] + u[1][1];
  const det = u[0][0] * u[1][1] - u[0][1] * u[1][0];
  const disc = Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  return Math.max(Math.abs(tr / 2 + disc), Math.abs(tr / 2 - disc));
}

describe('closed-form MAML stability boundaries', () => {
  const H = [
    [21.5, 5.1],
    [5.1, 2.4],
  ];
  const lambdas = symmetricEigenvalues(Float64Array.of(H[0][0], H[0][1], H[1][0], H[1][1]), 2);

  test('2×2 eigenvalues satisfy the characteristic equation', () => {
    for (const l of lambdas) expect((H[0][0] - l) * (H[1][1] - l) - H[0][1] ** 2).toBeCloseTo(0, 9);
    expect(symmetricEigenvalues(Float64Array.from(H.flat()), 2)[1]).toBeCloseTo(lambdas[1], 10);
  });

  test.each(['first-order', 'second-order'] as const)(
    '%s: β_c(α) is exactly where the update matrix reaches spectral radius 1',
    (variant) => {
      for (const alpha of [-0.05, 0, 0.01, 0.03, 0.9 / lambdas[1]]) {
        const bc = betaCritical(alpha, lambdas, variant);
        expect(Number.isFinite(bc) && bc > 0).toBe(true);
        expect(matrixRadius(H, alpha, bc * 0.999, variant)).toBeLessThan(1);
        expect(matrixRadius(H, alpha, bc * 1.001, variant)).toBeGreaterThan(1);
        expect(spectralRadius(alpha, bc, lambdas, variant)).toBeCloseTo(1, 9);
      }
    },
  );

  test('first order: no β is stable beyond α_c = 1/λ_max; second order stays stable', () => {
    const alpha = 1.2 * alphaCritical(lambdas);
    expect(betaCritical(alpha, lambdas, 'first-order')).toBe(0);
    expect(matrixRadius(H, alpha, 1e-4, 'first-order')).toBeGreaterThan(1);
    expect(betaCritical(alpha, lambdas, 'second-order')).toBeGreaterThan(0);
    // α = 0: both reduce to plain GD, β_c = 2/λ_max (LeCun et al.)
    expect(betaCritical(0, lambdas, 'first-order')).toBeCloseTo(2 / lambdas[1], 12);
    expect(betaCritical(0, lambdas, 'second-order')).toBeCloseTo(2 / lambdas[1], 12);
    // negative α: β_c = 2/(λ + |α|λ²) (theory.md §2)
    const l = lambdas[1];
    expect(betaCritical(-0.01, lambdas, 'first-order')).toBeCloseTo(2 / (l + 0.01 * l * l), 12);
  });

  test('Jacobi eigenvalues of a random symmetric matrix: trace and determinant-free checks', () => {
    const n = 7;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = Math.sin(3 * i + 7 * j + 1);
    const ev = symmetricEigenvalues(a, n);
    let tr = 0;
    let fro = 0;
    for (let i = 0; i < n; i++) {
      tr += a[i * n + i];
      for (let j = 0; j < n; j++) fro += a[i * n + j] ** 2;
    }
    expect(ev.reduce((s, v) => s + v, 0)).toBeCloseTo(tr, 10);
    expect(ev.reduce((s, v) => s + v * v, 0)).toBeCloseTo(fro, 10);
  });

  test('grid axes: end points exact, log axis geometric, log falls back to linear for α ≤ 0', () => {
    const log = gridAxis([1e-5, 9e-2], 5, 'log');
    expect(log[0]).toBe(1e-5);
    expect(log[4]).toBe(9e-2);
    expect(log[2] / log[1]).toBeCloseTo(log[1] / log[0], 10);
    expect(gridAxis([-1, 1], 5, 'log')).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
});
