/**
 * The soft glow around a path: a camera-facing ribbon a fixed number of pixels wide,
 * added to the frame with a Gaussian falloff across it. It ignores depth, like light
 * scattered in front of whatever hides the path.
 */
import type createREGL from 'regl';
import { lightBlend } from './light-blend.js';
import { type Mat4 } from '../gl/mat4.js';
import { viewportUniform } from './draw-backdrop.js';
import { type RibbonVertices } from './screen-ribbon.js';

export interface GlowProps {
  viewProjection: Mat4;
  color: [number, number, number];
  intensity: number;
  /** Half-width of the ribbon in framebuffer pixels. */
  widthPx: number;
}

export function createDrawGlow(
  regl: createREGL.Regl,
): (ribbon: RibbonVertices, props: GlowProps) => void {
  const buffers = ['position', 'previous', 'next', 'side', 'along'].map(() =>
    regl.buffer({ usage: 'dynamic', type: 'float', length: 4 }),
  ) as [
    createREGL.Buffer,
    createREGL.Buffer,
    createREGL.Buffer,
    createREGL.Buffer,
    createREGL.Buffer,
  ];
  const [position, previous, next, side, along] = buffers;
  const draw = regl<
    Record<string, unknown>,
    Record<string, unknown>,
    GlowProps & { count: number }
  >({
    vert: `
      precision highp float;
      uniform mat4 viewProjection;
      uniform vec2 viewport;
      uniform float widthPx;
      attribute vec3 position;
      attribute vec3 previous;
      attribute vec3 next;
      attribute float side;
      attribute float along;
      varying float vSide;
      varying float vAlong;
      void main() {
        vec2 aspect = vec2(viewport.x / viewport.y, 1.0);
        vec4 clip = viewProjection * vec4(position, 1.0);
        vec4 a = viewProjection * vec4(previous, 1.0);
        vec4 b = viewProjection * vec4(next, 1.0);
        vec2 direction = b.xy / b.w * aspect - a.xy / a.w * aspect;
        direction = length(direction) > 1e-6 ? normalize(direction) : vec2(1.0, 0.0);
        vec2 normal = vec2(-direction.y, direction.x);
        vec2 offset = normal * side * widthPx * 2.0 / viewport.y;
        clip.xy += offset / aspect * clip.w;
        vSide = side;
        vAlong = along;
        gl_Position = clip;
      }`,
    frag: `
      precision highp float;
      uniform vec3 color;
      uniform float intensity;
      varying float vSide;
      varying float vAlong;
      void main() {
        float ends = smoothstep(0.0, 0.04, vAlong) * smoothstep(1.0, 0.96, vAlong);
        float falloff = exp(-vSide * vSide * 4.0) - exp(-4.0);
        gl_FragColor = vec4(color * falloff * intensity * mix(0.6, 1.0, ends), 1.0);
      }`,
    attributes: { position, previous, next, side, along },
    uniforms: {
      viewProjection: regl.prop<GlowProps, 'viewProjection'>('viewProjection'),
      viewport: viewportUniform,
      widthPx: regl.prop<GlowProps, 'widthPx'>('widthPx'),
      color: regl.prop<GlowProps, 'color'>('color'),
      intensity: regl.prop<GlowProps, 'intensity'>('intensity'),
    },
    primitive: 'triangle strip',
    count: regl.prop<GlowProps & { count: number }, 'count'>('count'),
    depth: { enable: false, mask: false },
    blend: { enable: true, func: lightBlend },
  });
  return (ribbon, props) => {
    position({ data: ribbon.positions, usage: 'dynamic' });
    previous({ data: ribbon.previous, usage: 'dynamic' });
    next({ data: ribbon.next, usage: 'dynamic' });
    side({ data: ribbon.side, usage: 'dynamic' });
    along({ data: ribbon.along, usage: 'dynamic' });
    draw({ ...props, count: ribbon.count });
  };
}
