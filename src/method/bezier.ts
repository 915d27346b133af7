/**
 * Bezier curves in weight space: phi(t) = sum_k C(n-1, k) t^k (1-t)^(n-1-k) theta_k,
 * theta_0 = w1 and theta_(n-1) = w2 fixed (shared/REFERENCE.md).
 */

/** Bernstein coefficients of the n control points at t. */
export function bezierCoefficients(t: number, controlPoints: number): number[] {
  const degree = controlPoints - 1;
  const out: number[] = [];
  for (let k = 0; k <= degree; k++) {
    out.push(binomial(degree, k) * t ** k * (1 - t) ** (degree - k));
  }
  return out;
}

function binomial(n: number, k: number): number {
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return out;
}

/** `count` evenly spaced values of t from 0 to 1 inclusive. */
export function evenTs(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i / (count - 1));
}

/**
 * Interior control points start on the straight segment ("init linear"): point j at
 * (1 - j/(n-1)) w1 + (j/(n-1)) w2, so the untrained curve is the segment.
 */
export function linearInitWeights(controlPoints: number): [number, number][] {
  const out: [number, number][] = [];
  for (let j = 1; j < controlPoints - 1; j++) {
    const s = j / (controlPoints - 1);
    out.push([1 - s, s]);
  }
  return out;
}
