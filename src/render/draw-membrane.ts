/**
 * The membrane: the wing mesh lit by a warm key light and a cool rim light, coloured
 * by the palette ramp on the loss level, with iso-lines and the light the curve casts
 * on it (from the light map). Its edges and its highest (clipped) parts fade into the
 * background colour, so the low-loss wings stand out.
 */
import type createREGL from 'regl';
import { normalize, type Mat4, type Vec3 } from '../gl/mat4.js';
import { hexToRgb, type Palette } from '../scene/palettes.js';
import { viewportUniform } from './draw-backdrop.js';
import { type SurfaceField } from './surface-field.js';
import { type WingMesh } from './wing-mesh.js';

export interface MembraneProps {
  viewProjection: Mat4;
  eye: Vec3;
  lightmap: createREGL.Framebuffer2D;
}

export interface MembraneOptions {
  palette: Palette;
  ramp: createREGL.Texture2D;
  backdrop: createREGL.Texture2D;
  field: SurfaceField;
  contours: number;
  /** Feather rays per wing (0: none). */
  feathers: number;
}

export const keyLight: Vec3 = [0.45, 0.8, 0.4];

export function createDrawMembrane(
  regl: createREGL.Regl,
  mesh: WingMesh,
  options: MembraneOptions,
): (props: MembraneProps) => void {
  const { palette, field } = options;
  const key = normalize(keyLight);
  const draw = regl<Record<string, unknown>, Record<string, unknown>, MembraneProps>({
    vert: `
      precision highp float;
      uniform mat4 viewProjection;
      attribute vec3 position;
      attribute vec3 normal;
      attribute float level;
      varying vec3 vPosition;
      varying vec3 vNormal;
      varying float vLevel;
      void main() {
        vPosition = position;
        vNormal = normal;
        vLevel = level;
        gl_Position = viewProjection * vec4(position, 1.0);
      }`,
    frag: `
      #extension GL_OES_standard_derivatives : enable
      precision highp float;
      uniform sampler2D backdrop;
      uniform vec2 viewport;
      uniform sampler2D ramp;
      uniform sampler2D lightmap;
      uniform vec3 eye;
      uniform vec3 keyDirection;
      uniform vec3 keyColor;
      uniform vec3 rimColor;
      uniform vec4 domain;
      uniform float contours;
      uniform float feathers;
      varying vec3 vPosition;
      varying vec3 vNormal;
      varying float vLevel;
      void main() {
        vec3 n = normalize(vNormal);
        vec3 v = normalize(eye - vPosition);
        if (dot(n, v) < 0.0) n = -n;
        vec3 base = texture2D(ramp, vec2(vLevel, 0.5)).rgb;

        // Wrapped diffuse keeps the shadowed side of the hill readable.
        float wrapped = dot(n, keyDirection) * 0.5 + 0.5;
        vec3 h = normalize(keyDirection + v);
        float specular = pow(max(dot(n, h), 0.0), 36.0) * (1.0 - vLevel);
        float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0);
        vec3 color = base * (0.16 + 0.8 * wrapped * wrapped * keyColor);
        color += 0.22 * specular * keyColor + rim * rimColor * (0.25 + 0.5 * vLevel);

        // Feathers: rays from the middle of the segment, strongest mid-wing.
        float reach = length(vPosition.xz);
        float angle = atan(abs(vPosition.z), vPosition.x) * feathers / 3.14159265;
        float ray = 1.0 - min(abs(fract(angle) - 0.5) / max(fwidth(angle), 1e-4), 1.0);
        float vane = 0.5 + 0.5 * cos(6.2831853 * angle);
        float feathering = smoothstep(0.2, 0.55, reach) * (1.0 - 0.7 * vLevel);
        color *= 1.0 + feathering * (0.1 * vane - 0.05);
        color = mix(color, color * 1.3 + 0.03, 0.3 * ray * feathering);

        if (contours > 0.0) {
          float k = vLevel * contours;
          float d = abs(fract(k - 0.5) - 0.5) / max(fwidth(k), 1e-4);
          float line = 1.0 - min(d, 1.0);
          color = mix(color, color * 1.4 + 0.05, 0.35 * line);
        }

        vec2 lightUv = vec2(
          (vPosition.x - domain.x) / (domain.y - domain.x),
          (vPosition.z + domain.z) / (2.0 * domain.z));
        color += texture2D(lightmap, lightUv).rgb;

        // An elliptical outline instead of the grid's rectangle, and the highest
        // (clipped) ground fading out, leave the low-loss wings standing alone.
        vec2 centered = vec2(
          (vPosition.x - 0.5 * (domain.x + domain.y)) / (0.5 * (domain.y - domain.x)),
          vPosition.z / domain.z);
        float outline = smoothstep(1.0, 0.72, length(centered));
        float fade = outline * (1.0 - 0.85 * smoothstep(0.6, 1.0, vLevel));
        gl_FragColor = vec4(mix(texture2D(backdrop, gl_FragCoord.xy / viewport).rgb, color, fade), 1.0);
      }`,
    attributes: {
      position: regl.buffer(mesh.positions),
      normal: regl.buffer(mesh.normals),
      level: regl.buffer(mesh.levels),
    },
    elements: regl.elements({ data: mesh.elements, type: 'uint32' }),
    uniforms: {
      backdrop: options.backdrop,
      viewport: viewportUniform,
      ramp: options.ramp,
      lightmap: regl.prop<MembraneProps, 'lightmap'>('lightmap'),
      viewProjection: regl.prop<MembraneProps, 'viewProjection'>('viewProjection'),
      eye: regl.prop<MembraneProps, 'eye'>('eye'),
      keyDirection: key,
      keyColor: hexToRgb(palette.key),
      rimColor: hexToRgb(palette.rim),
      domain: [field.xMin, field.xMax, field.zMax, 0],
      contours: options.contours,
      feathers: options.feathers,
    },
    depth: { enable: true, mask: true },
    cull: { enable: false },
  });
  return (props) => draw(props);
}
