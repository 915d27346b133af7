/**
 * Anti-aliasing by supersampling. headless-gl ignores `antialias` (no multisampled
 * default framebuffer), so the frame is drawn into a framebuffer `factor` times the
 * output size and averaged down in a shader pass. The same pass flips the frame, so
 * `readPixels` (which starts at the bottom row) returns it top row first, and adds
 * a +-0.5/255 dither so dark gradients do not band after 8-bit rounding.
 */
import type createREGL from 'regl';
import { fullFrameCorners, fullFrameVert } from './full-frame.js';

export interface Supersampler {
  /** The framebuffer to draw a frame into (output size times `factor`). */
  framebuffer: createREGL.Framebuffer2D;
  widthPx: number;
  heightPx: number;
  /**
   * Averages the framebuffer into the default framebuffer and reads it: RGBA, top row
   * first, in a new array each call (so a frame still being written to ffmpeg is safe).
   */
  resolve(): Uint8Array;
}

/** Limit: `factor` 1-4 (the shader's loop bound). */
export function createSupersampler(
  regl: createREGL.Regl,
  widthPx: number,
  heightPx: number,
  factor: number,
): Supersampler {
  const color = regl.texture({
    width: widthPx * factor,
    height: heightPx * factor,
    format: 'rgba',
    type: 'uint8',
    min: 'nearest',
    mag: 'nearest',
  });
  const framebuffer = regl.framebuffer({ color, depthStencil: true });

  const downsample = regl({
    vert: fullFrameVert,
    frag: `
      precision highp float;
      uniform sampler2D source;
      uniform vec2 outSize;
      uniform float factor;
      void main() {
        // Output row y (from the bottom) takes source rows from the top: the flip.
        vec2 pixel = floor(vec2(gl_FragCoord.x, outSize.y - gl_FragCoord.y));
        vec2 sourceSize = outSize * factor;
        vec3 sum = vec3(0.0);
        for (int i = 0; i < 4; i++) {
          for (int j = 0; j < 4; j++) {
            if (float(i) < factor && float(j) < factor) {
              vec2 texel = pixel * factor + vec2(float(i), float(j)) + 0.5;
              sum += texture2D(source, texel / sourceSize).rgb;
            }
          }
        }
        vec3 rgb = sum / (factor * factor);
        float noise = fract(sin(dot(pixel, vec2(12.9898, 78.233))) * 43758.5453);
        gl_FragColor = vec4(rgb + (noise - 0.5) / 255.0, 1.0);
      }`,
    attributes: { corner: fullFrameCorners },
    uniforms: {
      source: color,
      outSize: [widthPx, heightPx],
      factor,
    },
    depth: { enable: false },
    count: 3,
    framebuffer: null,
    viewport: { x: 0, y: 0, width: widthPx, height: heightPx },
  });

  return {
    framebuffer,
    widthPx,
    heightPx,
    resolve() {
      downsample();
      // Outside a command regl reads the default framebuffer; RGBA, never RGB.
      const data = new Uint8Array(widthPx * heightPx * 4);
      return regl.read({ x: 0, y: 0, width: widthPx, height: heightPx, data });
    },
  };
}
