/**
 * The plane through w1, the bend theta and w2 (shared/REFERENCE.md):
 * u = (w2 - w1) / dx with dx = |w2 - w1|; v = the part of (theta - w1) orthogonal to
 * u, divided by dy = its norm. A point (x, y) of the plane is w1 + x u + y v, so w1
 * sits at (0, 0), w2 at (dx, 0) and theta at (<theta - w1, u>, dy).
 */
import { combine, dot, norm } from './vector.js';

export interface PlaneBasis {
  origin: Float32Array;
  u: Float32Array;
  v: Float32Array;
  dx: number;
  dy: number;
}

export function planeBasis(
  w1: Float32Array,
  bend: Float32Array,
  w2: Float32Array,
): PlaneBasis {
  const toW2 = combine([w2, w1], [1, -1]);
  const dx = norm(toW2);
  const u = combine([toW2], [1 / dx]);
  const toBend = combine([bend, w1], [1, -1]);
  const along = dot(toBend, u);
  const off = combine([toBend, u], [1, -along]);
  const dy = norm(off);
  if (!(dx > 0) || !(dy > 0)) {
    throw new Error(
      `plane: the endpoints and the bend are collinear (dx ${dx}, dy ${dy}); ` +
        'the curve did not move off the segment, so no plane holds all three',
    );
  }
  const v = combine([off], [1 / dy]);
  return { origin: w1, u, v, dx, dy };
}

/** Plane coordinates of `w` and its distance from the plane. */
export function project(
  basis: PlaneBasis,
  w: Float32Array,
): { x: number; y: number; off: number } {
  const rel = combine([w, basis.origin], [1, -1]);
  const x = dot(rel, basis.u);
  const y = dot(rel, basis.v);
  const off = Math.sqrt(Math.max(0, dot(rel, rel) - x * x - y * y));
  return { x, y, off };
}

/**
 * Evenly spaced grid coordinates over [-before, 1 + after] (alpha or beta); `after`
 * defaults to `before`.
 */
export function gridAxis(count: number, before: number, after = before): number[] {
  // 1 + 2m and 1 + m + m can round apart; equal margins keep the first form, so
  // the default grid is the one measured before margins could differ.
  const span = before === after ? 1 + 2 * before : 1 + before + after;
  return Array.from({ length: count }, (_, i) => -before + (span * i) / (count - 1));
}
