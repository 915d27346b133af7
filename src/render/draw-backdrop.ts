/**
 * The background. It does not change over the video, so it is drawn once into a
 * texture the size of the output; the finishing pass lays the frame over it (and the
 * bloom's bright pass reads it, so the sun blooms). The frame itself is drawn over
 * clear black, premultiplied, so pixels the wings do not cover cost no shading. A
 * transparent scene has no background and makes none.
 */
import type createREGL from 'regl';
import { type Palette, hexToRgb } from '../scene/palettes.js';
import { backdropGlsl } from './backdrop-glsl.js';
import { fullFrameCorners, fullFrameVert } from '../gl/full-frame.js';

/** The background as a texture of `widthPx` x `heightPx`, rows from the bottom. */
export function createBackdrop(
  regl: createREGL.Regl,
  palette: Palette,
  widthPx: number,
  heightPx: number,
): createREGL.Texture2D {
  const texture = regl.texture({
    width: widthPx,
    height: heightPx,
    min: 'nearest',
    mag: 'nearest',
  });
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
  return texture;
}

/** The current viewport size in pixels, for screen-space shapes. */
export function viewportUniform(context: createREGL.DefaultContext): [number, number] {
  return [context.viewportWidth, context.viewportHeight];
}
