/**
 * Anti-aliasing by supersampling, and the finishing pass. headless-gl ignores
 * `antialias` (no multisampled default framebuffer), so the frame is drawn into a
 * framebuffer `factor` times the output size and averaged down in one shader pass,
 * which also lays it over the background (the underlay), adds the bloom, tone maps,
 * darkens the corners and adds film grain; the overlays go over the result at output
 * resolution (so text stays crisp). The pass flips the frame, so `readPixels` (which
 * starts at the bottom row) returns it top row first, and dithers so dark gradients
 * do not band: the grain does, or a +-0.5/255 dither where the grain is too faint.
 *
 * Colour: frames are drawn in sRGB-encoded values (palettes are sRGB hex) and the
 * samples are averaged in near-linear light. The framebuffer holds premultiplied
 * RGBA; additive light may exceed its alpha, so a transparent frame takes alpha =
 * max(alpha, brightest channel) before it is divided back to the straight alpha a PNG
 * stores.
 */
import type createREGL from 'regl';
import { createBloom } from './bloom.js';
import { fullFrameCorners, fullFrameVert } from './full-frame.js';

/** The finishing effects; each is off at 0. */
export interface FinishOptions {
  /** Exposure before ACES-like filmic tone mapping; 0 leaves colours as drawn. */
  exposure: number;
  vignette: number;
  /** Film grain amplitude (0-1 of full scale). */
  grain: number;
  bloom: number;
  /** Bloom spread, 1 about 1% of the frame height. */
  bloomRadius: number;
  bloomThreshold: number;
  /** Keep the frame's alpha (a transparent background) instead of opaque output. */
  transparent: boolean;
  /**
   * The opaque background the frame is laid over, output size, rows from the bottom;
   * null for none (the frame as drawn).
   */
  underlay?: createREGL.Texture2D | null;
}

export const noFinish: FinishOptions = {
  exposure: 0,
  vignette: 0,
  grain: 0,
  bloom: 0,
  bloomRadius: 1,
  bloomThreshold: 0.6,
  transparent: false,
};

/** An image laid over the output: straight RGBA, top row first, at output pixels. */
export interface OverlayImage {
  texture: createREGL.Texture2D;
  /** Left, top, width, height in output pixels. */
  rect: [number, number, number, number];
  opacity: number;
}

export interface FinishFrame {
  /** Seeds the grain: the same seed gives the same grain. */
  grainSeed: number;
  /** Up to two overlays, the second over the first. */
  overlays: OverlayImage[];
}

export interface Supersampler {
  /** The framebuffer to draw a frame into (output size times `factor`). */
  framebuffer: createREGL.Framebuffer2D;
  widthPx: number;
  heightPx: number;
  /**
   * Finishes the framebuffer into the default framebuffer and reads it: RGBA, top row
   * first, into `into` (widthPx x heightPx x 4 bytes) or else a new array.
   */
  resolve(frame?: FinishFrame, into?: Uint8Array): Uint8Array;
}

/**
 * GLSL averaging the factor x factor samples under output `pixel` into `c`. The loop
 * bounds are the factor, fixed when the shader is built: llvmpipe runs every
 * iteration of a loop, wanted or not, texture reads included.
 */
function averageGlsl(factor: number): string {
  return `vec4 sum = vec4(0.0);
        for (int i = 0; i < ${factor}; i++) {
          for (int j = 0; j < ${factor}; j++) {
            vec2 texel = pixel * factor + vec2(float(i), float(j)) + 0.5;
            // Averaged in (nearly) linear light: gamma 2 instead of the sRGB curve
            // keeps thin bright lines from thinning and roping as they would when
            // sRGB-encoded values are averaged, at the price of a square root.
            vec4 texel4 = texture2D(source, texel / sourceSize);
            sum += vec4(texel4.rgb * texel4.rgb, texel4.a);
          }
        }
        vec4 c = sum / (factor * factor);
        c.rgb = sqrt(c.rgb);`;
}

/**
 * `glsl` when the effect's strength is above 0, else nothing: effects are in or out
 * of the finishing shader when it is built, as llvmpipe runs both sides of a branch.
 */
function on(strength: number, glsl: string): string {
  return strength > 0 ? glsl : '';
}

/** Limit: `factor` 1-4 (the shader's loop bound); at most two overlays. */
export function createSupersampler(
  regl: createREGL.Regl,
  widthPx: number,
  heightPx: number,
  factor: number,
  finish: FinishOptions = noFinish,
): Supersampler {
  const color = regl.texture({
    width: widthPx * factor,
    height: heightPx * factor,
    format: 'rgba',
    type: 'uint8',
    // Nearest: llvmpipe filters on the CPU, and every read here is a texel centre.
    min: 'nearest',
    mag: 'nearest',
  });
  const framebuffer = regl.framebuffer({ color, depthStencil: true });
  const bloom =
    finish.bloom > 0
      ? createBloom(regl, color, widthPx, heightPx, {
          underlay: finish.underlay ?? null,
          threshold: finish.bloomThreshold,
          // Quarter-size texels: 1.8 of them at 720p is about 1% of the height.
          spread: (0.5 * finish.bloomRadius * heightPx) / 720,
        })
      : null;
  const empty = regl.texture({ width: 1, height: 1, data: new Uint8Array(4) });
  // Over an opaque frame the overlays are blended in afterwards, each over its own
  // rectangle only: in the pass they would cost two texture reads on every pixel.
  // Over a transparent frame, straight alpha needs them inside the pass.
  const overlaysInPass = finish.transparent;
  // Grain whose least amplitude (0.4 x grain, in the darks and lights) is a level of
  // 8 bits or more is a dither itself; fainter grain gets the +-0.5/255 dither too.
  const grainDithers = finish.grain * 0.4 * 255 >= 1;
  const drawOverlay = createDrawOverlay(regl, widthPx, heightPx);

  const downsample = regl<
    Record<string, unknown>,
    Record<string, unknown>,
    { seed: number[]; layers: OverlayImage[] }
  >({
    // One triangle over the frame: llvmpipe shades the tiles it covers whole without
    // testing edges. A grid of cells carrying the vignette at their corners cost more
    // in edge tests than the vignette costs per pixel.
    vert: fullFrameVert,
    frag: `
      precision highp float;
      uniform sampler2D source;
      uniform sampler2D bloomTexture;
      uniform sampler2D underlay;
      uniform sampler2D overlay0;
      uniform sampler2D overlay1;
      uniform vec4 rect0;
      uniform vec4 rect1;
      uniform float opacity0;
      uniform float opacity1;
      uniform vec2 outSize;
      uniform float factor;
      uniform float bloom;
      uniform float exposure;
      uniform float grain;
      uniform vec2 seed;
      uniform float vignette;

      // Dave Hoskins' hash without sine (sin is a long polynomial on llvmpipe): one
      // value a pixel, for the grain and the dither. (Three values cost llvmpipe a
      // twentieth of this pass more, and a nearest read of a noise tile as much.)
      float hash1(vec2 p) {
        vec3 p3 = fract(vec3(p.xyx) * 0.1031);
        p3 += dot(p3, p3.yzx + 33.33);
        return fract((p3.x + p3.y) * p3.z);
      }

      // Narkowicz's fit of the ACES filmic curve.
      vec3 filmic(vec3 x) {
        return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
      }

      vec4 over(vec4 under, sampler2D image, vec4 rect, float opacity, vec2 pixel) {
        // pixel counts rows from the bottom of the image; rects from its top.
        vec2 fromTop = vec2(pixel.x, outSize.y - 1.0 - pixel.y);
        vec2 uv = (fromTop + 0.5 - rect.xy) / rect.zw;
        if (opacity <= 0.0 || any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0))))
          return under;
        vec4 top = texture2D(image, uv);
        float a = top.a * opacity;
        return vec4(top.rgb * a, a) + under * (1.0 - a);
      }

      void main() {
        // Output row y (from the bottom) takes source rows from the top: the flip.
        vec2 pixel = floor(vec2(gl_FragCoord.x, outSize.y - gl_FragCoord.y));
        vec2 sourceSize = outSize * factor;
        ${factor === 1 ? 'vec4 c = texture2D(source, (pixel + 0.5) / sourceSize);' : averageGlsl(factor)}
        ${
          finish.underlay
            ? `// Over the background: the frame is premultiplied, so this is "over".
        c = vec4(c.rgb + (1.0 - min(c.a, 1.0)) * texture2D(underlay, (pixel + 0.5) / outSize).rgb, 1.0);`
            : ''
        }
        ${on(finish.bloom, 'c.rgb += bloom * texture2D(bloomTexture, (pixel + 0.5) / outSize).rgb;')}

        ${
          finish.transparent
            ? `float alpha = min(max(c.a, max(c.r, max(c.g, c.b))), 1.0);
        vec3 rgb = c.rgb / max(alpha, 1e-4);`
            : `float alpha = 1.0;
        vec3 rgb = c.rgb;`
        }
        ${on(finish.exposure, 'rgb = filmic(rgb * exposure);')}
        ${on(
          finish.vignette,
          `vec2 centered = (gl_FragCoord.xy / outSize - 0.5) * vec2(outSize.x / outSize.y, 1.0);
        float corners = 1.0 - vignette * smoothstep(0.08, 0.75, dot(centered, centered));
        // Over a background the corners darken; a transparent frame fades out there
        // instead (darker colour at the same alpha turns grey over a light page).
        ${finish.transparent ? 'alpha' : 'rgb'} *= corners;`,
        )}
        float noise = hash1(pixel + seed);
        ${on(
          finish.grain,
          `// Uniform, with the spread (standard deviation) of the sum of two uniform
        // values in -0.5..0.5.
        float g = (noise - 0.5) * 1.4142;
        // Grain shows most in the mid-tones, as on film.
        float luma = dot(rgb, vec3(0.2126, 0.7152, 0.0722));
        rgb += g * grain * (0.4 + 2.4 * luma * (1.0 - luma));`,
        )}

        ${
          overlaysInPass
            ? `vec4 premultiplied = vec4(clamp(rgb, 0.0, 1.0) * alpha, alpha);
        premultiplied = over(premultiplied, overlay0, rect0, opacity0, pixel);
        premultiplied = over(premultiplied, overlay1, rect1, opacity1, pixel);
        float a = premultiplied.a;
        vec3 straight = premultiplied.rgb / max(a, 1e-4);`
            : `float a = alpha;
        vec3 straight = clamp(rgb, 0.0, 1.0);`
        }
        gl_FragColor = vec4(straight${grainDithers ? '' : ' + (noise - 0.5) / 255.0'}, a);
      }`,
    attributes: { corner: fullFrameCorners },
    count: 3,
    uniforms: {
      source: color,
      bloomTexture: bloom?.texture ?? empty,
      underlay: finish.underlay ?? empty,
      outSize: [widthPx, heightPx],
      factor,
      bloom: finish.bloom,
      exposure: finish.exposure,
      vignette: finish.vignette,
      grain: finish.grain,
      seed: regl.prop<{ seed: number[] }, 'seed'>('seed'),
      overlay0: (_: unknown, p: { layers: OverlayImage[] }) =>
        p.layers[0]?.texture ?? empty,
      overlay1: (_: unknown, p: { layers: OverlayImage[] }) =>
        p.layers[1]?.texture ?? empty,
      rect0: (_: unknown, p: { layers: OverlayImage[] }) =>
        p.layers[0]?.rect ?? [0, 0, 1, 1],
      rect1: (_: unknown, p: { layers: OverlayImage[] }) =>
        p.layers[1]?.rect ?? [0, 0, 1, 1],
      opacity0: (_: unknown, p: { layers: OverlayImage[] }) =>
        p.layers[0]?.opacity ?? 0,
      opacity1: (_: unknown, p: { layers: OverlayImage[] }) =>
        p.layers[1]?.opacity ?? 0,
    },
    depth: { enable: false },
    framebuffer: null,
    viewport: { x: 0, y: 0, width: widthPx, height: heightPx },
  });

  return {
    framebuffer,
    widthPx,
    heightPx,
    resolve(frame, into) {
      bloom?.run();
      const s = frame?.grainSeed ?? 0;
      // Two offsets far apart in the hash's domain; whole numbers keep them exact.
      const layers = frame?.overlays ?? [];
      downsample({ seed: [(s * 37) % 4099, (s * 91) % 3989], layers });
      if (!overlaysInPass) {
        for (const layer of layers) if (layer.opacity > 0) drawOverlay(layer);
      }
      // Outside a command regl reads the default framebuffer; RGBA, never RGB.
      const size = widthPx * heightPx * 4;
      if (into !== undefined && into.length !== size) {
        throw new Error(
          `a ${widthPx}x${heightPx} frame needs ${size} bytes, not ${into.length}`,
        );
      }
      const data = into ?? new Uint8Array(size);
      return regl.read({ x: 0, y: 0, width: widthPx, height: heightPx, data });
    },
  };
}

/**
 * Draws an overlay over its rectangle of the opaque default framebuffer: the pixels
 * whose centres fall inside it read the image at the same place the finishing pass
 * would (nearest texel, rows from the top), blended by the image's alpha times the
 * opacity; the frame's alpha stays 1.
 */
function createDrawOverlay(
  regl: createREGL.Regl,
  widthPx: number,
  heightPx: number,
): (layer: OverlayImage) => void {
  const draw = regl<Record<string, unknown>, Record<string, unknown>, OverlayImage>({
    vert: `
      precision highp float;
      attribute vec2 corner;
      uniform vec4 rect;
      uniform vec2 outSize;
      varying vec2 uv;
      void main() {
        uv = corner;
        // rect is left, top, width, height in pixels from the top-left corner; the
        // finishing pass stores the frame flipped (its top row at GL's bottom, so
        // readPixels returns it top row first), so rows from the top are GL's y.
        vec2 fromTop = rect.xy + corner * rect.zw;
        vec2 clip = fromTop / outSize * 2.0 - 1.0;
        gl_Position = vec4(clip, 0.0, 1.0);
      }`,
    frag: `
      precision highp float;
      uniform sampler2D image;
      uniform float opacity;
      varying vec2 uv;
      void main() {
        vec4 top = texture2D(image, uv);
        gl_FragColor = vec4(top.rgb, top.a * opacity);
      }`,
    attributes: { corner: [0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1] },
    uniforms: {
      image: regl.prop<OverlayImage, 'texture'>('texture'),
      rect: regl.prop<OverlayImage, 'rect'>('rect'),
      opacity: regl.prop<OverlayImage, 'opacity'>('opacity'),
      outSize: [widthPx, heightPx],
    },
    blend: {
      enable: true,
      func: {
        srcRGB: 'src alpha',
        dstRGB: 'one minus src alpha',
        srcAlpha: 0,
        dstAlpha: 1,
      },
    },
    depth: { enable: false },
    count: 6,
    framebuffer: null,
    viewport: { x: 0, y: 0, width: widthPx, height: heightPx },
  });
  return (layer) => draw(layer);
}
