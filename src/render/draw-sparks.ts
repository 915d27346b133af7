/**
 * Sparks drifting up through the scene, like embers off the wings. Their starting
 * places come from the scene's seed and their motion is a function of time only, so
 * frames are reproducible.
 */
import type createREGL from 'regl';
import { lightBlend } from './light-blend.js';
import seedrandom from 'seedrandom';
import { type Mat4 } from '../gl/mat4.js';
import { viewportUniform } from './draw-backdrop.js';

export interface SparkProps {
  viewProjection: Mat4;
  timeSeconds: number;
}

export interface SparkOptions {
  count: number;
  seed: number;
  color: [number, number, number];
  /** Framebuffer pixels per output pixel, so sparks keep their size when supersampled. */
  pixelScale: number;
  /** Half-extents of the box they drift in (x, height, z). */
  extent: [number, number, number];
}

export function createDrawSparks(
  regl: createREGL.Regl,
  options: SparkOptions,
): (props: SparkProps) => void {
  if (options.count === 0) return () => {};
  const random = seedrandom(`icarus-sparks-${options.seed}`);
  const base = new Float32Array(options.count * 4);
  const extra = new Float32Array(options.count * 4);
  const [ex, ey, ez] = options.extent;
  for (let i = 0; i < options.count; i++) {
    base.set(
      [
        (random() * 2 - 1) * ex,
        random() * ey,
        (random() * 2 - 1) * ez,
        0.02 + 0.05 * random(),
      ],
      i * 4,
    );
    extra.set(
      [
        random() * 6.283,
        0.6 + 1.6 * random() ** 3,
        1 + 3 * random(),
        0.01 + 0.03 * random(),
      ],
      i * 4,
    );
  }
  const draw = regl<Record<string, unknown>, Record<string, unknown>, SparkProps>({
    vert: `
      precision highp float;
      uniform mat4 viewProjection;
      uniform vec2 viewport;
      uniform float timeSeconds;
      uniform float height;
      uniform float pixelScale;
      attribute vec4 base;
      attribute vec4 extra;
      varying float vLight;
      void main() {
        float y = mod(base.y + base.w * timeSeconds, height);
        vec3 p = vec3(
          base.x + extra.w * sin(timeSeconds * 0.7 + extra.x),
          y - 0.05,
          base.z + extra.w * cos(timeSeconds * 0.5 + extra.x));
        vec4 clip = viewProjection * vec4(p, 1.0);
        float fade = smoothstep(0.0, 0.15, y) * smoothstep(height, height * 0.6, y);
        float flicker = 0.65 + 0.35 * sin(timeSeconds * extra.z + extra.x * 3.0);
        vLight = fade * flicker;
        gl_PointSize = clamp(extra.y * pixelScale * viewport.y / 360.0 / clip.w * 3.0, 1.0, 64.0);
        gl_Position = clip;
      }`,
    frag: `
      precision highp float;
      uniform vec3 color;
      varying float vLight;
      void main() {
        vec2 d = gl_PointCoord * 2.0 - 1.0;
        float r2 = dot(d, d);
        float light = max(exp(-r2 * 5.0) - exp(-5.0), 0.0) * vLight;
        gl_FragColor = vec4(color * light * 0.55, 1.0);
      }`,
    attributes: { base: regl.buffer(base), extra: regl.buffer(extra) },
    uniforms: {
      viewProjection: regl.prop<SparkProps, 'viewProjection'>('viewProjection'),
      timeSeconds: regl.prop<SparkProps, 'timeSeconds'>('timeSeconds'),
      viewport: viewportUniform,
      height: ey,
      pixelScale: options.pixelScale,
      color: options.color,
    },
    primitive: 'points',
    count: options.count,
    depth: { enable: true, mask: false },
    blend: { enable: true, func: lightBlend },
  });
  return (props) => draw(props);
}
