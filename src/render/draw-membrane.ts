/**
 * The membrane: the wing mesh lit by a warm key light and a cool rim light, coloured
 * by the palette ramp on the loss level (stepped toward filled contour bands), with
 * contour lines at log-spaced levels, feather rays, barbs down the gradient flow and
 * the light the paths and the flyer cast (both from the light map). It covers the
 * plane below the threshold and fades out across a feathered edge, and fogs toward
 * the fog colour with distance. The level and normal come per pixel from the field
 * texture, so the mesh can be coarse. It writes premultiplied colour with the fade as
 * alpha; the finishing pass lays it over the background.
 */
import type createREGL from 'regl';
import { normalize, type Mat4, type Vec3 } from '../gl/mat4.js';
import { hexToRgb, type Palette } from '../scene/palettes.js';
import { type SurfaceField } from './surface-field.js';
import { contourReach, createLevelTexture } from './ramp-texture.js';
import { createFieldTexture } from './field-texture.js';
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
  field: SurfaceField;
  /** Samples of the field's level and normal along the segment (world X length 1). */
  texelsPerUnit: number;
  /** Width of the feathered edge, in levels. */
  edge: number;
  /** Strength of the stepped contour bands (0-1). */
  bands: number;
  /** Feather rays per wing (0: none). */
  feathers: number;
  /** Brightness of the flow strokes (0: none). */
  flowStrength: number;
  fogColor: [number, number, number];
  /** How much fog at full distance (0: none). */
  fog: number;
}

export const keyLight: Vec3 = [0.45, 0.8, 0.4];

/**
 * The triangles with a corner inside the elliptical outline the shader fades to: the
 * rest would be shaded only to be drawn clear (llvmpipe shades every fragment drawn).
 */
export function insideOutline(mesh: WingMesh, field: SurfaceField): Uint32Array {
  const { positions, elements } = mesh;
  const radius = outlineRadius(field);
  const inside = (vertex: number): boolean =>
    radius(positions[vertex * 3] ?? 0, positions[vertex * 3 + 2] ?? 0) < 1;
  const kept: number[] = [];
  for (let t = 0; t < elements.length; t += 3) {
    const corners = [elements[t] ?? 0, elements[t + 1] ?? 0, elements[t + 2] ?? 0];
    if (corners.some(inside)) kept.push(...corners);
  }
  return Uint32Array.from(kept);
}

/** Where (x, z) lies against the elliptical outline: 0 at its middle, 1 on it. */
function outlineRadius(field: SurfaceField): (x: number, z: number) => number {
  const midX = 0.5 * (field.xMin + field.xMax);
  const halfX = 0.5 * (field.xMax - field.xMin);
  const midZ = 0.5 * (field.zMin + field.zMax);
  const halfZ = 0.5 * (field.zMax - field.zMin);
  return (x, z) => Math.hypot((x - midX) / halfX, (z - midZ) / halfZ);
}

/** GLSL's smoothstep, edges in either order. */
function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(Math.max((x - edge0) / (edge1 - edge0), 0), 1);
  return t * t * (3 - 2 * t);
}

/**
 * Per vertex, what the shader needs of the wing's fixed shape: the feather ray's
 * angle (`feathers` rays per wing), how strongly feathered the place is (most
 * mid-wing, less up the hills) and the elliptical outline's fade. They depend on the
 * position and level alone, so they are worked out once here and not per frame (atan
 * is costly on llvmpipe); they vary slowly across a cell, so they interpolate.
 */
export function featherAttributes(
  mesh: WingMesh,
  field: SurfaceField,
  feathers: number,
): Float32Array {
  const { positions, levels } = mesh;
  const radius = outlineRadius(field);
  const out = new Float32Array(levels.length * 3);
  for (let i = 0; i < levels.length; i++) {
    const x = positions[i * 3] ?? 0;
    const z = positions[i * 3 + 2] ?? 0;
    const level = levels[i] ?? 0;
    out[i * 3] = (Math.atan2(Math.abs(z), x) * feathers) / Math.PI;
    out[i * 3 + 1] = smoothstep(0.2, 0.55, Math.hypot(x, z)) * (1 - 0.7 * level);
    out[i * 3 + 2] = smoothstep(1, 0.72, radius(x, z));
  }
  return out;
}

export function createDrawMembrane(
  regl: createREGL.Regl,
  mesh: WingMesh,
  options: MembraneOptions,
): (props: MembraneProps) => void {
  const { palette, field } = options;
  const key = normalize(keyLight);
  const levelTexture = createLevelTexture(
    regl,
    palette.ramp,
    field.contourLevels,
    options.bands,
  );
  const fieldTexture = createFieldTexture(regl, field, options.texelsPerUnit);
  const draw = regl<Record<string, unknown>, Record<string, unknown>, MembraneProps>({
    vert: `
      precision highp float;
      uniform mat4 viewProjection;
      attribute vec3 position;
      attribute vec3 feather;
      uniform vec3 domain;
      uniform vec4 fieldUv;
      uniform vec3 eye;
      uniform vec3 keyDirection;
      uniform float fog;
      uniform vec2 fogRange;
      varying vec2 vFieldUv;
      varying vec3 vView;
      varying vec3 vHalf;
      varying float vAngle;
      varying float vFeathering;
      varying float vOutline;
      varying vec2 vDomainUv;
      varying float vFog;
      void main() {
        vFieldUv = position.xz * fieldUv.xz + fieldUv.yw;
        vAngle = feather.x;
        vFeathering = feather.y;
        vOutline = feather.z;
        // The view and half vectors turn little across a cell: worked out here and
        // interpolated, not per pixel (llvmpipe shades on the CPU). The domain
        // coordinates are linear in the position, so they interpolate exactly.
        vView = normalize(eye - position);
        vHalf = normalize(keyDirection + vView);
        vDomainUv = vec2(
          (position.x - domain.x) / (domain.y - domain.x),
          (position.z + domain.z) / (2.0 * domain.z));
        // Fog ramps over a distance far larger than a cell.
        vFog = fog * smoothstep(fogRange.x, fogRange.y, length(eye - position));
        gl_Position = viewProjection * vec4(position, 1.0);
      }`,
    frag: `
      #extension GL_OES_standard_derivatives : enable
      precision highp float;
      uniform sampler2D fieldTexture;
      uniform sampler2D levelTexture;
      uniform float contourReach;
      uniform sampler2D lightmap;
      uniform vec3 keyDirection;
      uniform vec3 keyColor;
      uniform vec3 rimColor;
      uniform float flowStrength;
      uniform float threshold;
      uniform float edge;
      uniform vec3 fogColor;
      varying vec2 vFieldUv;
      varying vec3 vView;
      varying vec3 vHalf;
      varying float vAngle;
      varying float vFeathering;
      varying float vOutline;
      varying vec2 vDomainUv;
      varying float vFog;
      void main() {
        // The level and normal between the mesh's corners, from the finer field.
        vec4 field = texture2D(fieldTexture, vFieldUv);
        float level = field.a;
        vec3 n = normalize(field.xyz);
        vec3 v = vView;
        // The side the camera sees, by the triangle (its corners' order), not by the
        // smooth normal: where the surface turns away (a hill's crest seen from the
        // side) that normal points a little away from the eye, and flipping it there
        // would darken the silhouette pixel by pixel.
        if (!gl_FrontFacing) n = -n;

        // The ramp stepped toward the band's lower level, and the distance to the
        // nearest contour level (stored as a square root) for the contour lines.
        vec4 byLevel = texture2D(levelTexture, vec2(level, 0.5));
        vec3 base = byLevel.rgb;
        float w = max(fwidth(level), 1e-4);
        float contourDistance = byLevel.a * byLevel.a * contourReach;
        float line = 1.0 - min(contourDistance / (1.3 * w), 1.0);

        // Wrapped diffuse keeps the shadowed side of the hill readable.
        float wrapped = dot(n, keyDirection) * 0.5 + 0.5;
        // Powers by multiplication: pow is exp2(log2) on llvmpipe.
        float s4 = max(dot(n, vHalf), 0.0);
        s4 *= s4;
        s4 *= s4;
        float s32 = s4 * s4;
        s32 *= s32;
        s32 *= s32;
        float specular = s32 * s4 * (1.0 - level);
        float facing = 1.0 - max(dot(n, v), 0.0);
        float rim = facing * facing * facing;
        vec3 color = base * (0.16 + 0.8 * wrapped * wrapped * keyColor);
        color += 0.22 * specular * keyColor + rim * rimColor * (0.25 + 0.5 * level);

        // Feathers: rays from the middle of the segment.
        float across = abs(fract(vAngle) - 0.5);
        float ray = 1.0 - min(across / max(fwidth(vAngle), 1e-4), 1.0);
        // 0.5 + 0.5 cos(2 pi angle), within 0.02 by a smoothstep (cos is a long
        // polynomial on llvmpipe).
        float vane = smoothstep(0.0, 1.0, 2.0 * across);
        color *= 1.0 + vFeathering * (0.1 * vane - 0.05);
        color = mix(color, color * 1.3 + 0.03, 0.3 * ray * vFeathering);

        // The light the paths cast in RGB, the feather barbs in alpha.
        vec4 lightAndBarb = texture2D(lightmap, vDomainUv);
        float barb = lightAndBarb.a;
        color = mix(color, color * 1.45 + 0.04, flowStrength * barb * (1.0 - 0.6 * level));
        color = mix(color, color * 1.4 + 0.06, 0.55 * line);
        color += lightAndBarb.rgb;

        // Covered below the threshold, across a feathered edge whose tips follow the
        // feather rays; an elliptical outline replaces the grid's rectangle.
        float tips = threshold + edge * (0.14 * vane - 0.07) * vFeathering;
        float cover = smoothstep(tips + 0.3 * edge, tips - 0.7 * edge, level);
        float f = (level - tips + 0.25 * edge) / (0.22 * edge);
        // (1 - f^2 / 4)^4, within 0.06 of exp(-f^2) (exp is a long polynomial here).
        float bump = max(1.0 - 0.25 * f * f, 0.0);
        bump *= bump;
        float fringe = bump * bump;
        color += 0.18 * fringe * (rimColor + base);
        color = mix(color, fogColor, vFog);
        // Premultiplied: where it fades, the background shows through in the
        // finishing pass.
        gl_FragColor = vec4(color, 1.0) * (vOutline * cover);
      }`,
    attributes: {
      position: regl.buffer(mesh.positions),
      feather: regl.buffer(featherAttributes(mesh, field, options.feathers)),
    },
    elements: regl.elements({ data: insideOutline(mesh, field), type: 'uint32' }),
    uniforms: {
      fieldTexture: fieldTexture.texture,
      fieldUv: fieldTexture.uvTransform,
      levelTexture,
      contourReach,
      lightmap: regl.prop<MembraneProps, 'lightmap'>('lightmap'),
      viewProjection: regl.prop<MembraneProps, 'viewProjection'>('viewProjection'),
      eye: regl.prop<MembraneProps, 'eye'>('eye'),
      threshold: regl.prop<MembraneProps, 'threshold'>('threshold'),
      fogRange: regl.prop<MembraneProps, 'fogRange'>('fogRange'),
      keyDirection: key,
      keyColor: hexToRgb(palette.key),
      rimColor: hexToRgb(palette.rim),
      // x range, then zMax (the light map spans -zMax..zMax either way).
      domain: [field.xMin, field.xMax, field.zMax],
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
