/**
 * The membrane: the wing mesh lit by a warm key light and a cool rim light, coloured by the palette ramp on the loss level (stepped toward filled
 * contour bands), with contour lines at log-spaced levels, feather rays and barbs
 * down the gradient flow, and the light the paths and the flyer cast (from the light
 * map). It
 * covers the plane below the threshold and fades out across a feathered edge, and
 * fogs toward the fog colour with distance. Over a transparent background it writes
 * premultiplied colour with the fade as alpha.
 */
import type createREGL from 'regl';
import { normalize, type Mat4, type Vec3 } from '../gl/mat4.js';
import { hexToRgb, type Palette } from '../scene/palettes.js';
import { viewportUniform } from './draw-backdrop.js';
import { type FlowRaster } from './flow-strokes.js';
import { type SurfaceField } from './surface-field.js';
import { type WingMesh } from './wing-mesh.js';

export interface MembraneProps {
  viewProjection: Mat4;
  eye: Vec3;
  lightmap: createREGL.Framebuffer2D;
  /** The level (0-1) the membrane reaches now. */
  threshold: number;
  /** Fog from this distance from the eye to full at the second. */
  fogRange: [number, number];
}

export interface MembraneOptions {
  palette: Palette;
  ramp: createREGL.Texture2D;
  backdrop: createREGL.Texture2D;
  field: SurfaceField;
  /** Width of the feathered edge, in levels. */
  edge: number;
  /** Strength of the stepped contour bands (0-1). */
  bands: number;
  /** Feather rays per wing (0: none). */
  feathers: number;
  flow: FlowRaster;
  /** Brightness of the flow strokes (0: none). */
  flowStrength: number;
  fogColor: [number, number, number];
  /** How much fog at full distance (0: none). */
  fog: number;
}

export const keyLight: Vec3 = [0.45, 0.8, 0.4];

/** GLSL arrays need a fixed size; the section allows at most this many contours. */
const maxContours = 16;

export function createDrawMembrane(
  regl: createREGL.Regl,
  mesh: WingMesh,
  options: MembraneOptions,
): (props: MembraneProps) => void {
  const { palette, field } = options;
  const key = normalize(keyLight);
  const levels = field.contourLevels.slice(0, maxContours);
  const contourUniforms = Object.fromEntries(
    Array.from({ length: maxContours }, (_, i) => [
      `contourLevels[${i}]`,
      levels[i] ?? 2,
    ]),
  );
  const flowTexture = regl.texture({
    width: options.flow.widthPx,
    height: options.flow.heightPx,
    data: options.flow.data,
    min: 'linear',
    mag: 'linear',
  });
  const draw = regl<Record<string, unknown>, Record<string, unknown>, MembraneProps>({
    vert: `
      precision highp float;
      uniform mat4 viewProjection;
      attribute vec3 position;
      attribute vec3 normal;
      attribute float level;
      uniform float feathers;
      varying vec3 vPosition;
      varying vec3 vNormal;
      varying float vLevel;
      varying float vAngle;
      void main() {
        vPosition = position;
        vNormal = normal;
        vLevel = level;
        // The feather angle varies slowly across a cell, so it is interpolated rather
        // than computed per pixel (atan is costly on llvmpipe).
        vAngle = atan(abs(position.z), position.x) * feathers / 3.14159265;
        gl_Position = viewProjection * vec4(position, 1.0);
      }`,
    frag: `
      #extension GL_OES_standard_derivatives : enable
      precision highp float;
      uniform sampler2D backdrop;
      uniform vec2 viewport;
      uniform sampler2D ramp;
      uniform sampler2D lightmap;
      uniform sampler2D flowTexture;
      uniform vec3 eye;
      uniform vec3 keyDirection;
      uniform vec3 keyColor;
      uniform vec3 rimColor;
      uniform vec4 domain;
      uniform float contourLevels[${maxContours}];
      uniform float contourCount;
      uniform float bands;
      uniform float feathers;
      uniform float flowStrength;
      uniform float threshold;
      uniform float edge;
      uniform vec3 fogColor;
      uniform float fog;
      uniform vec2 fogRange;
      varying vec3 vPosition;
      varying vec3 vNormal;
      varying float vLevel;
      varying float vAngle;
      void main() {
        vec3 n = normalize(vNormal);
        vec3 v = normalize(eye - vPosition);
        if (dot(n, v) < 0.0) n = -n;

        // Filled contour bands: the ramp stepped toward the band's lower level.
        float lower = 0.0;
        float line = 0.0;
        float w = max(fwidth(vLevel), 1e-4);
        // The loop bound is the contour count, fixed when the shader is built:
        // llvmpipe runs every iteration of a loop, wanted or not.
        for (int i = 0; i < ${Math.max(levels.length, 1)}; i++) {
          float l = contourLevels[i];
          if (vLevel >= l) lower = l;
          line = max(line, 1.0 - min(abs(vLevel - l) / (1.3 * w), 1.0));
        }
        float shade = mix(vLevel, lower, bands * step(0.5, contourCount));
        vec3 base = texture2D(ramp, vec2(shade, 0.5)).rgb;

        // Wrapped diffuse keeps the shadowed side of the hill readable.
        float wrapped = dot(n, keyDirection) * 0.5 + 0.5;
        vec3 h = normalize(keyDirection + v);
        // Powers by multiplication: pow is exp2(log2) on llvmpipe.
        float s4 = max(dot(n, h), 0.0);
        s4 *= s4;
        s4 *= s4;
        float s32 = s4 * s4;
        s32 *= s32;
        s32 *= s32;
        float specular = s32 * s4 * (1.0 - vLevel);
        float facing = 1.0 - max(dot(n, v), 0.0);
        float rim = facing * facing * facing;
        vec3 color = base * (0.16 + 0.8 * wrapped * wrapped * keyColor);
        color += 0.22 * specular * keyColor + rim * rimColor * (0.25 + 0.5 * vLevel);

        // Feathers: rays from the middle of the segment, strongest mid-wing.
        float reach = length(vPosition.xz);
        float angle = vAngle;
        float ray = 1.0 - min(abs(fract(angle) - 0.5) / max(fwidth(angle), 1e-4), 1.0);
        float vane = 0.5 + 0.5 * cos(6.2831853 * angle);
        float feathering = smoothstep(0.2, 0.55, reach) * (1.0 - 0.7 * vLevel);
        color *= 1.0 + feathering * (0.1 * vane - 0.05);
        color = mix(color, color * 1.3 + 0.03, 0.3 * ray * feathering);

        vec2 domainUv = vec2(
          (vPosition.x - domain.x) / (domain.y - domain.x),
          (vPosition.z + domain.z) / (2.0 * domain.z));
        float barb = texture2D(flowTexture, domainUv).r;
        color = mix(color, color * 1.45 + 0.04, flowStrength * barb * (1.0 - 0.6 * vLevel));
        color = mix(color, color * 1.4 + 0.06, 0.55 * line);
        color += texture2D(lightmap, domainUv).rgb;

        // Covered below the threshold, across a feathered edge whose tips follow the
        // feather rays; an elliptical outline replaces the grid's rectangle.
        float tips = threshold + edge * (0.14 * vane - 0.07) * feathering;
        float cover = smoothstep(tips + 0.3 * edge, tips - 0.7 * edge, vLevel);
        float f = (vLevel - tips + 0.25 * edge) / (0.22 * edge);
        float fringe = exp(-f * f);
        color += 0.18 * fringe * (rimColor + base);
        vec2 centered = vec2(
          (vPosition.x - 0.5 * (domain.x + domain.y)) / (0.5 * (domain.y - domain.x)),
          (vPosition.z - 0.5 * (domain.w + domain.z)) / (0.5 * (domain.z - domain.w)));
        float outline = smoothstep(1.0, 0.72, length(centered));

        float distance = length(eye - vPosition);
        color = mix(color, fogColor, fog * smoothstep(fogRange.x, fogRange.y, distance));
        vec4 behind = texture2D(backdrop, gl_FragCoord.xy / viewport);
        gl_FragColor = mix(behind, vec4(color, 1.0), outline * cover);
      }`,
    attributes: {
      position: regl.buffer(mesh.positions),
      normal: regl.buffer(mesh.normals),
      level: regl.buffer(mesh.levels),
    },
    elements: regl.elements({ data: mesh.elements, type: 'uint32' }),
    uniforms: {
      ...contourUniforms,
      contourCount: levels.length,
      backdrop: options.backdrop,
      viewport: viewportUniform,
      ramp: options.ramp,
      flowTexture,
      lightmap: regl.prop<MembraneProps, 'lightmap'>('lightmap'),
      viewProjection: regl.prop<MembraneProps, 'viewProjection'>('viewProjection'),
      eye: regl.prop<MembraneProps, 'eye'>('eye'),
      threshold: regl.prop<MembraneProps, 'threshold'>('threshold'),
      fogRange: regl.prop<MembraneProps, 'fogRange'>('fogRange'),
      keyDirection: key,
      keyColor: hexToRgb(palette.key),
      rimColor: hexToRgb(palette.rim),
      // x range, then zMax and zMin (the light map spans -zMax..zMax either way).
      domain: [field.xMin, field.xMax, field.zMax, field.zMin],
      bands: options.bands,
      feathers: options.feathers,
      flowStrength: options.flowStrength,
      edge: options.edge,
      fogColor: options.fogColor,
      fog: options.fog,
    },
    depth: { enable: true, mask: true },
    cull: { enable: false },
  });
  return (props) => draw(props);
}
