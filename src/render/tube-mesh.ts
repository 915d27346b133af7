/**
 * A tube around a 3D polyline, for the curve and the segment: WebGL 1 draws lines one
 * pixel wide, so a thick path has to be triangles. Frames follow the path by parallel
 * transport, so the tube does not twist.
 */
import { cross, dot, normalize, sub, type Vec3 } from '../gl/mat4.js';
import { type EmissiveMesh } from './emissive-mesh.js';

/** A tube of `radius` with `sides` around `points` (two or more, open ends). */
export function buildTube(points: Vec3[], radius: number, sides: number): EmissiveMesh {
  const n = points.length;
  const ring = sides + 1;
  const positions = new Float32Array(n * ring * 3);
  const normals = new Float32Array(n * ring * 3);
  const along = new Float32Array(n * ring);
  let normal: Vec3 | undefined;

  for (let i = 0; i < n; i++) {
    const p = points[i] as Vec3;
    const tangent = normalize(
      sub(points[Math.min(i + 1, n - 1)] as Vec3, points[Math.max(i - 1, 0)] as Vec3),
    );
    normal = transport(normal, tangent);
    const binormal = cross(tangent, normal);
    for (let s = 0; s < ring; s++) {
      const angle = (2 * Math.PI * s) / sides;
      const c = Math.cos(angle);
      const si = Math.sin(angle);
      const d: Vec3 = [
        c * normal[0] + si * binormal[0],
        c * normal[1] + si * binormal[1],
        c * normal[2] + si * binormal[2],
      ];
      const k = i * ring + s;
      positions.set(
        [p[0] + radius * d[0], p[1] + radius * d[1], p[2] + radius * d[2]],
        k * 3,
      );
      normals.set(d, k * 3);
      along[k] = i / (n - 1);
    }
  }

  const elements = new Uint32Array((n - 1) * sides * 6);
  let e = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let s = 0; s < sides; s++) {
      const a = i * ring + s;
      const b = a + ring;
      elements.set([a, b, a + 1, a + 1, b, b + 1], e);
      e += 6;
    }
  }
  return { positions, normals, along, elements };
}

/** The previous frame's normal made perpendicular to the new tangent. */
function transport(previous: Vec3 | undefined, tangent: Vec3): Vec3 {
  let n = previous ?? (Math.abs(tangent[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0]);
  n = sub(n, [
    tangent[0] * dot(n, tangent),
    tangent[1] * dot(n, tangent),
    tangent[2] * dot(n, tangent),
  ]);
  return normalize(n);
}
