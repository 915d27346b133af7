/**
 * Round halos around points (the endpoints and the bend): camera-facing squares a
 * number of pixels wide with a bright core and a soft fringe, added to the frame.
 */
import type createREGL from 'regl';
import { lightBlend } from './light-blend.js';
import { type Mat4, type Vec3 } from '../gl/mat4.js';
import { viewportUniform } from './draw-backdrop.js';

export interface Halo {
  center: Vec3;
  color: [number, number, number];
  /** Radius in framebuffer pixels. */
  radiusPx: number;
  intensity: number;
}

export function createDrawHalos(
  regl: createREGL.Regl,
): (halos: Halo[], viewProjection: Mat4) => void {
  const center = regl.buffer({ usage: 'dynamic', type: 'float', length: 4 });
  const corner = regl.buffer({ usage: 'dynamic', type: 'float', length: 4 });
  const color = regl.buffer({ usage: 'dynamic', type: 'float', length: 4 });
  const size = regl.buffer({ usage: 'dynamic', type: 'float', length: 4 });
  const draw = regl<
    Record<string, unknown>,
    Record<string, unknown>,
    { viewProjection: Mat4; count: number }
  >({
    vert: `
      precision highp float;
      uniform mat4 viewProjection;
      uniform vec2 viewport;
      attribute vec3 center;
      attribute vec2 corner;
      attribute vec4 color;
      attribute float size;
      varying vec2 vCorner;
      varying vec4 vColor;
      void main() {
        vec4 clip = viewProjection * vec4(center, 1.0);
        clip.xy += corner * size * 2.0 / viewport * clip.w;
        vCorner = corner;
        vColor = color;
        gl_Position = clip;
      }`,
    frag: `
      precision highp float;
      varying vec2 vCorner;
      varying vec4 vColor;
      void main() {
        float r2 = dot(vCorner, vCorner);
        float light = exp(-r2 * 7.0) * 0.8 + exp(-r2 * 40.0) * 0.9 - exp(-7.0) * 0.8;
        gl_FragColor = vec4(vColor.rgb * max(light, 0.0) * vColor.a, 1.0);
      }`,
    attributes: { center, corner, color, size },
    uniforms: {
      viewProjection: regl.prop<{ viewProjection: Mat4 }, 'viewProjection'>(
        'viewProjection',
      ),
      viewport: viewportUniform,
    },
    count: regl.prop<{ count: number }, 'count'>('count'),
    depth: { enable: false, mask: false },
    blend: { enable: true, func: lightBlend },
  });
  const corners = [-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1];
  return (halos, viewProjection) => {
    const n = halos.length * 6;
    const centers = new Float32Array(n * 3);
    const cornersData = new Float32Array(n * 2);
    const colors = new Float32Array(n * 4);
    const sizes = new Float32Array(n);
    halos.forEach((halo, h) => {
      for (let v = 0; v < 6; v++) {
        const k = h * 6 + v;
        centers.set(halo.center, k * 3);
        cornersData.set([corners[v * 2] ?? 0, corners[v * 2 + 1] ?? 0], k * 2);
        colors.set([...halo.color, halo.intensity], k * 4);
        sizes[k] = halo.radiusPx;
      }
    });
    center({ data: centers, usage: 'dynamic' });
    corner({ data: cornersData, usage: 'dynamic' });
    color({ data: colors, usage: 'dynamic' });
    size({ data: sizes, usage: 'dynamic' });
    draw({ viewProjection, count: n });
  };
}
