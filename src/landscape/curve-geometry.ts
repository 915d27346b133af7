/**
 * A curve as the landscape stage handles it: its control points theta_0 = w1 ..
 * theta_(n-1) = w2 with names for the workers' caches, the plane it is drawn on, and
 * its projection onto that plane.
 */
import { type CurveShape, curveCoefficients, curvePath } from '../method/curves.js';
import { type PlaneBasis, planeBasis, project } from '../method/plane.js';
import { combine } from '../method/vector.js';
import { type Point2 } from './manifest.js';

/** Which point with w1 and w2 spans the plane. */
export type PlaneThird = 'bend' | 'curve-midpoint';

export interface CurveControls {
  shape: CurveShape;
  /** Names of theta_k for the workers' product caches; `tag` keeps snapshots apart. */
  keys: string[];
  vectors: Float32Array[];
}

export function curveControls(
  shape: CurveShape,
  w1: Float32Array,
  bends: Float32Array[],
  w2: Float32Array,
  tag = 'bend',
): CurveControls {
  return {
    shape,
    keys: ['w1', ...bends.map((_, i) => `${tag}-${i + 1}`), 'w2'],
    vectors: [w1, ...bends, w2],
  };
}

/**
 * The plane of the reference: through w1, the bend and w2 for a 3-point curve (both
 * kinds). A longer curve has no single bend, so its plane goes through the curve's
 * midpoint phi(0.5); for 3 points that point lies on the same plane, so the two rules
 * agree where both apply, but the bend keeps the reference's dy.
 */
export function curvePlane(controls: CurveControls): {
  basis: PlaneBasis;
  through: PlaneThird;
  third: Float32Array;
} {
  const { vectors, shape } = controls;
  const w1 = vectors[0] as Float32Array;
  const w2 = vectors[vectors.length - 1] as Float32Array;
  const through: PlaneThird = shape.controlPoints === 3 ? 'bend' : 'curve-midpoint';
  const third =
    through === 'bend'
      ? (vectors[1] as Float32Array)
      : combine(vectors, curveCoefficients(shape, 0.5));
  return { basis: planeBasis(w1, third, w2), through, third };
}

export interface ProjectedCurve {
  /** The curve's points at `ts`, in plane coordinates. */
  points: Point2[];
  /** The interior control points, in plane coordinates. */
  bends: Point2[];
  /** Each interior control point's distance from the plane. */
  offPlane: number[];
}

/**
 * Projects a curve onto the plane. Plane coordinates are affine in the weights and a
 * curve's weights c_k(t) sum to 1, so each curve point is the same combination of the
 * projected control points.
 */
export function projectCurve(
  basis: PlaneBasis,
  controls: CurveControls,
  ts: number[],
): ProjectedCurve {
  // w1 and w2 sit at (0, 0) and (dx, 0) by the plane's definition; projecting them
  // would only add rounding.
  const at = controls.vectors.map((v, k, all) =>
    k === 0
      ? { x: 0, y: 0, off: 0 }
      : k === all.length - 1
        ? { x: basis.dx, y: 0, off: 0 }
        : project(basis, v),
  );
  const points = curvePath(controls.shape, ts).map((c): Point2 => {
    let x = 0;
    let y = 0;
    c.forEach((weight, k) => {
      const p = at[k] as { x: number; y: number };
      x += weight * p.x;
      y += weight * p.y;
    });
    return [x, y];
  });
  const interior = at.slice(1, -1);
  return {
    points,
    bends: interior.map((p): Point2 => [p.x, p.y]),
    offPlane: interior.map((p) => p.off),
  };
}
