/**
 * Vertices for a ribbon that faces the camera, drawn as a triangle strip and widened
 * in the vertex shader by a width in pixels: the soft glow around a path.
 */
import { type Vec3 } from '../gl/mat4.js';

export interface RibbonVertices {
  positions: Float32Array;
  previous: Float32Array;
  next: Float32Array;
  /** -1 or +1: which edge of the ribbon. */
  side: Float32Array;
  along: Float32Array;
  count: number;
}

export function buildRibbon(points: Vec3[]): RibbonVertices {
  const n = points.length;
  const positions = new Float32Array(n * 6);
  const previous = new Float32Array(n * 6);
  const next = new Float32Array(n * 6);
  const side = new Float32Array(n * 2);
  const along = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const p = points[i] as Vec3;
    const a = points[Math.max(i - 1, 0)] as Vec3;
    const b = points[Math.min(i + 1, n - 1)] as Vec3;
    for (let s = 0; s < 2; s++) {
      const k = i * 2 + s;
      positions.set(p, k * 3);
      previous.set(a, k * 3);
      next.set(b, k * 3);
      side[k] = s === 0 ? -1 : 1;
      along[k] = i / (n - 1);
    }
  }
  return { positions, previous, next, side, along, count: n * 2 };
}
