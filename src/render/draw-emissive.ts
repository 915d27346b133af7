/**
 * Glowing solids: a bright core where the surface faces the camera, the colour toward
 * the silhouette, and an optional light pulse travelling along a path over time.
 * Buffers are refilled on every call, so one command draws any number of meshes.
 */
import type createREGL from 'regl';
import { lightBlend } from './light-blend.js';
import { type Mat4, type Vec3 } from '../gl/mat4.js';
import { type EmissiveMesh } from './emissive-mesh.js';

export interface EmissiveProps {
  viewProjection: Mat4;
  eye: Vec3;
  color: [number, number, number];
  /** Overall brightness (1 = full). */
  intensity: number;
  /** Strength of the travelling pulse (0 = none). */
  pulse: number;
  timeSeconds: number;
  /**
   * Draw only the parts hidden behind what is already drawn, added faintly: a path
   * that runs under the membrane (a snapshot whose loss is below the plane's there)
   * stays visible as what it is instead of breaking off.
   */
  hidden?: boolean;
}

export function createDrawEmissive(
  regl: createREGL.Regl,
): (mesh: EmissiveMesh, props: EmissiveProps) => void {
  const position = regl.buffer({ usage: 'dynamic', type: 'float', length: 4 });
  const normal = regl.buffer({ usage: 'dynamic', type: 'float', length: 4 });
  const along = regl.buffer({ usage: 'dynamic', type: 'float', length: 4 });
  const elements = regl.elements({ usage: 'dynamic', type: 'uint32', length: 4 });
  const config = {
    vert: `
      precision highp float;
      uniform mat4 viewProjection;
      attribute vec3 position;
      attribute vec3 normal;
      attribute float along;
      varying vec3 vPosition;
      varying vec3 vNormal;
      varying float vAlong;
      void main() {
        vPosition = position;
        vNormal = normal;
        vAlong = along;
        gl_Position = viewProjection * vec4(position, 1.0);
      }`,
    frag: `
      precision highp float;
      uniform vec3 eye;
      uniform vec3 color;
      uniform float intensity;
      uniform float pulse;
      uniform float timeSeconds;
      varying vec3 vPosition;
      varying vec3 vNormal;
      varying float vAlong;
      void main() {
        vec3 n = normalize(vNormal);
        vec3 v = normalize(eye - vPosition);
        float facing = max(dot(n, v), 0.0);
        float wave = fract(vAlong * 0.8 - timeSeconds * 0.16) - 0.5;
        float travelling = pulse * exp(-wave * wave * 90.0);
        vec3 rgb = color * (0.35 + 0.85 * facing + 1.2 * travelling);
        // facing^5 by multiplication: pow is exp2(log2) on llvmpipe.
        float facing2 = facing * facing;
        rgb += vec3(1.0) * (0.75 * facing2 * facing2 * facing + 0.6 * travelling);
        gl_FragColor = vec4(rgb * intensity, 1.0);
      }`,
    attributes: { position, normal, along },
    elements,
    uniforms: {
      viewProjection: regl.prop<EmissiveProps, 'viewProjection'>('viewProjection'),
      eye: regl.prop<EmissiveProps, 'eye'>('eye'),
      color: regl.prop<EmissiveProps, 'color'>('color'),
      intensity: regl.prop<EmissiveProps, 'intensity'>('intensity'),
      pulse: regl.prop<EmissiveProps, 'pulse'>('pulse'),
      timeSeconds: regl.prop<EmissiveProps, 'timeSeconds'>('timeSeconds'),
    },
  };
  const draw = regl<Record<string, unknown>, Record<string, unknown>, EmissiveProps>({
    ...config,
    depth: { enable: true, mask: true },
  });
  const drawHidden = regl<
    Record<string, unknown>,
    Record<string, unknown>,
    EmissiveProps
  >({
    ...config,
    depth: { enable: true, mask: false, func: 'greater' },
    blend: { enable: true, func: lightBlend },
  });
  return (mesh, props) => {
    position({ data: mesh.positions, usage: 'dynamic' });
    normal({ data: mesh.normals, usage: 'dynamic' });
    along({ data: mesh.along, usage: 'dynamic' });
    elements({ data: mesh.elements, type: 'uint32', usage: 'dynamic' });
    if (props.hidden) drawHidden(props);
    else draw(props);
  };
}
