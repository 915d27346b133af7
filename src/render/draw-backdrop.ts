/**
 * The background. It does not change over the video, so `backdrop()` is drawn once
 * into a texture the size of the frame; each frame copies it with one texture read,
 * and the membrane reads it to fade its edges into the same colour. A transparent
 * scene has no background: the texture is left clear (alpha 0) and nothing is drawn.
 */
import type createREGL from 'regl';
import { type Palette, hexToRgb } from '../scene/palettes.js';
import { backdropGlsl } from './backdrop-glsl.js';
import { fullFrameCorners, fullFrameVert } from '../gl/full-frame.js';

export interface Backdrop {
  /** The background, as large as the framebuffer it is drawn into. */
  texture: createREGL.Texture2D;
  /** Fills the current framebuffer with the background. */
  draw(): void;
}

export function createBackdrop(
  regl: createREGL.Regl,
  palette: Palette,
  widthPx: number,
  heightPx: number,
  transparent = false,
): Backdrop {
  const texture = regl.texture({
    width: widthPx,
    height: heightPx,
    data: new Uint8Array(widthPx * heightPx * 4),
    min: 'nearest',
    mag: 'nearest',
  });
  if (transparent) return { texture, draw: () => {} };
  const target = regl.framebuffer({ color: texture, depthStencil: false });
  regl({
    vert: fullFrameVert,
    frag: `
      precision highp float;
      ${backdropGlsl}
      void main() { gl_FragColor = vec4(backdrop(gl_FragCoord.xy), 1.0); }`,
    attributes: { corner: fullFrameCorners },
    uniforms: {
      bgTop: hexToRgb(palette.background[0]),
      bgBottom: hexToRgb(palette.background[1]),
      haloColor: hexToRgb(palette.halo),
      viewport: [widthPx, heightPx],
    },
    depth: { enable: false, mask: false },
    count: 3,
    framebuffer: target,
  })();

  const copy = regl({
    vert: fullFrameVert,
    frag: `
      precision highp float;
      uniform sampler2D backdrop;
      uniform vec2 viewport;
      void main() { gl_FragColor = texture2D(backdrop, gl_FragCoord.xy / viewport); }`,
    attributes: { corner: fullFrameCorners },
    uniforms: { backdrop: texture, viewport: viewportUniform },
    depth: { enable: false, mask: false },
    count: 3,
  });
  return { texture, draw: () => copy() };
}

/** The current viewport size in pixels, for screen-space shapes. */
export function viewportUniform(context: createREGL.DefaultContext): [number, number] {
  return [context.viewportWidth, context.viewportHeight];
}
