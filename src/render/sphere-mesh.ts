/** A UV sphere, for the endpoint and bend markers. */
import { type Vec3 } from '../gl/mat4.js';
import { type EmissiveMesh } from './emissive-mesh.js';

export function buildSphere(center: Vec3, radius: number, segments = 16): EmissiveMesh {
  const rings = Math.max(4, Math.round(segments / 2));
  const count = (rings + 1) * (segments + 1);
  const positions = new Float32Array(count * 3);
  const normals = new Float32Array(count * 3);
  for (let r = 0; r <= rings; r++) {
    const theta = (Math.PI * r) / rings;
    for (let s = 0; s <= segments; s++) {
      const phi = (2 * Math.PI * s) / segments;
      const n: Vec3 = [
        Math.sin(theta) * Math.cos(phi),
        Math.cos(theta),
        Math.sin(theta) * Math.sin(phi),
      ];
      const k = r * (segments + 1) + s;
      normals.set(n, k * 3);
      positions.set(
        [
          center[0] + radius * n[0],
          center[1] + radius * n[1],
          center[2] + radius * n[2],
        ],
        k * 3,
      );
    }
  }
  const elements = new Uint32Array(rings * segments * 6);
  let e = 0;
  for (let r = 0; r < rings; r++) {
    for (let s = 0; s < segments; s++) {
      const a = r * (segments + 1) + s;
      const b = a + segments + 1;
      elements.set([a, b, a + 1, a + 1, b, b + 1], e);
      e += 6;
    }
  }
  return { positions, normals, along: new Float32Array(count), elements };
}
