/**
 * The light the paths cast on the membrane, drawn from above into a texture over the
 * wing domain (x from xMin to xMax, z from -zMax to zMax): wide soft strokes along
 * each path and discs at the markers, in RGB. The membrane shader adds it to its
 * colour. Alpha holds the feather barbs (the flow raster, over the same domain), put
 * there once and kept: one texture read in the membrane instead of two.
 */
import type createREGL from 'regl';
import { type Point2 } from '../landscape/manifest.js';
import { fullFrameCorners, fullFrameVert } from '../gl/full-frame.js';
import { type FlowRaster } from './flow-strokes.js';
import { type SurfaceField } from './surface-field.js';

export interface LightStroke {
  /** World (x, z) points; a single point draws a disc. */
  points: Point2[];
  color: [number, number, number];
  intensity: number;
  /** Half-width of the stroke in world units. */
  radius: number;
}

export interface Lightmap {
  framebuffer: createREGL.Framebuffer2D;
  draw(strokes: LightStroke[]): void;
}

/** The light map at the flow raster's size, the barbs in its alpha. */
export function createLightmap(
  regl: createREGL.Regl,
  field: SurfaceField,
  flow: FlowRaster,
): Lightmap {
  const { widthPx, heightPx } = flow;
  const texels = new Uint8Array(widthPx * heightPx * 4);
  flow.data.forEach((barb, i) => (texels[i * 4 + 3] = barb));
  const framebuffer = regl.framebuffer({
    color: regl.texture({
      width: widthPx,
      height: heightPx,
      data: texels,
      min: 'linear',
      mag: 'linear',
    }),
    depthStencil: false,
  });
  // Light only: the barbs in alpha stay as they are.
  const lightOnly: [boolean, boolean, boolean, boolean] = [true, true, true, false];
  const clearLight = regl({
    vert: fullFrameVert,
    frag: `
      precision highp float;
      void main() { gl_FragColor = vec4(0.0); }`,
    attributes: { corner: fullFrameCorners },
    depth: { enable: false, mask: false },
    colorMask: lightOnly,
    count: 3,
    framebuffer,
  });
  const position = regl.buffer({ usage: 'dynamic', type: 'float', length: 4 });
  const across = regl.buffer({ usage: 'dynamic', type: 'float', length: 4 });
  const color = regl.buffer({ usage: 'dynamic', type: 'float', length: 4 });
  const draw = regl<
    Record<string, unknown>,
    Record<string, unknown>,
    { count: number }
  >({
    vert: `
      precision highp float;
      attribute vec2 position;
      attribute vec2 across;
      attribute vec4 color;
      varying vec2 vAcross;
      varying vec4 vColor;
      void main() {
        vAcross = across;
        vColor = color;
        gl_Position = vec4(position, 0.0, 1.0);
      }`,
    frag: `
      precision highp float;
      varying vec2 vAcross;
      varying vec4 vColor;
      void main() {
        float r2 = dot(vAcross, vAcross);
        float light = max(exp(-r2 * 3.5) - exp(-3.5), 0.0);
        gl_FragColor = vec4(vColor.rgb * light * vColor.a, 1.0);
      }`,
    attributes: { position, across, color },
    count: regl.prop<{ count: number }, 'count'>('count'),
    depth: { enable: false, mask: false },
    blend: { enable: true, func: { src: 'one', dst: 'one' } },
    colorMask: lightOnly,
    framebuffer,
  });

  const toClip = (x: number, z: number): Point2 => [
    ((x - field.xMin) / (field.xMax - field.xMin)) * 2 - 1,
    ((z + field.zMax) / (2 * field.zMax)) * 2 - 1,
  ];

  return {
    framebuffer,
    draw(strokes) {
      const positions: number[] = [];
      const acrosses: number[] = [];
      const colors: number[] = [];
      const vertex = (x: number, z: number, u: number, v: number, s: LightStroke) => {
        positions.push(...toClip(x, z));
        acrosses.push(u, v);
        colors.push(...s.color, s.intensity);
      };
      for (const stroke of strokes) quads(stroke, vertex);
      clearLight();
      position({ data: new Float32Array(positions), usage: 'dynamic' });
      across({ data: new Float32Array(acrosses), usage: 'dynamic' });
      color({ data: new Float32Array(colors), usage: 'dynamic' });
      draw({ count: positions.length / 2 });
    },
  };
}

type Vertex = (x: number, z: number, u: number, v: number, s: LightStroke) => void;

/** Two triangles per path step (or one square for a point), in world units. */
function quads(stroke: LightStroke, vertex: Vertex): void {
  const r = stroke.radius;
  const pts = stroke.points;
  if (pts.length === 1) {
    const [x, z] = pts[0] as Point2;
    const square: [number, number][] = [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, -1],
      [1, 1],
      [-1, 1],
    ];
    for (const [u, v] of square) vertex(x + u * r, z + v * r, u, v, stroke);
    return;
  }
  for (let i = 0; i < pts.length - 1; i++) {
    const a = pts[i] as Point2;
    const b = pts[i + 1] as Point2;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    const nx = (-(b[1] - a[1]) / length) * r;
    const nz = ((b[0] - a[0]) / length) * r;
    vertex(a[0] - nx, a[1] - nz, -1, 0, stroke);
    vertex(b[0] - nx, b[1] - nz, -1, 0, stroke);
    vertex(b[0] + nx, b[1] + nz, 1, 0, stroke);
    vertex(a[0] - nx, a[1] - nz, -1, 0, stroke);
    vertex(b[0] + nx, b[1] + nz, 1, 0, stroke);
    vertex(a[0] + nx, a[1] + nz, 1, 0, stroke);
  }
}
