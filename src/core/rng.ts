/**
 * Seeded pseudo-random numbers. The seed is part of every share link, so a link reproduces its
 * random draws exactly. sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 128-bit state,
 * passes PractRand) uses only 32-bit integer arithmetic, which is fast in JavaScript.
 */
export interface Rng {
  /** Uniform in (0, 1): never exactly 0, so log(u) is finite. */
  uniform(): number;
  /** Standard normal N(0, 1) (Box–Muller; the second value of each pair is cached). */
  normal(): number;
  /** Fills `out` with N(0, scale²) draws and returns it. */
  fillNormal(out: Float64Array, scale?: number): Float64Array;
}

/** Mixes (seed, stream) into 4 well-spread 32-bit words (splitmix32), so nearby seeds are independent. */
function seedWords(seed: number, stream: number): [number, number, number, number] {
  let s = (Math.imul(seed | 0, 0x9e3779b9) ^ Math.imul(stream | 0, 0x85ebca6b) ^ 0x6a09e667) >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  return [next(), next(), next(), next()];
}

/**
 * A generator for `seed`; `stream` selects an independent sequence for the same seed (e.g. the
 * covariance draw and the simulation draws use different streams of the link's one seed).
 */
export function createRng(seed: number, stream = 0): Rng {
  let [a, b, c, d] = seedWords(seed, stream);
  const nextU32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextU32(); // warm up past the seeding transient
  const uniform = () => (nextU32() + 0.5) / 4294967296;
  let spare = NaN;
  const normal = () => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = NaN;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const th = 2 * Math.PI * uniform();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
  const fillNormal = (out: Float64Array, scale = 1) => {
    for (let i = 0; i < out.length; i++) out[i] = scale * normal();
    return out;
  };
  return { uniform, normal, fillNormal };
}
