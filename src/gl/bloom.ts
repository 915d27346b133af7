/**
 * Bloom: a bright pass at a quarter of the output's size per side (four reads spread
 * over each block of the supersampled source, which is blurred next anyway), then two
 * rounds of a separable Gaussian (5 bilinear reads per direction, 9 taps), the second
 * twice as wide, both at an eighth of the size: the blurred light is smooth enough
 * that the first round at a quarter gave frames within 3/255 of these. llvmpipe
 * shades on the CPU, so the passes stay this small: a bright pass at half size cost
 * more than the four blurs together. Limit: four reads see a quarter
 * of the pixels under them (at supersample 1), so a bright line one pixel thin blooms
 * by where it falls; lines that thin are dim in Icarus's scenes.
 */
import type createREGL from 'regl';
import { fullFrameCorners, fullFrameVert } from './full-frame.js';

export interface BloomOptions {
  /** The background under the frame (output size), which blooms too; null for none. */
  underlay: createREGL.Texture2D | null;
  /** Brightness (0-1) from which a pixel blooms. */
  threshold: number;
  /** Tap spacing in quarter-size texels (the spread grows with it). */
  spread: number;
}

export interface Bloom {
  /** The blurred result (straight RGB, alpha unused), a quarter of the output size. */
  texture: createREGL.Texture2D;
  /** Runs the passes from `source` (the supersampled frame). */
  run(): void;
}

interface PassProps {
  input: createREGL.Texture2D;
  output: createREGL.Framebuffer2D;
  /** Size of the output, for its texture coordinates. */
  size: number[];
  /** One input texel times the tap direction, in texture coordinates. */
  step: number[];
}

export function createBloom(
  regl: createREGL.Regl,
  source: createREGL.Texture2D,
  outputWidthPx: number,
  outputHeightPx: number,
  options: BloomOptions,
): Bloom {
  const target = (divisor: number) => {
    const width = Math.max(1, Math.ceil(outputWidthPx / divisor));
    const height = Math.max(1, Math.ceil(outputHeightPx / divisor));
    const texture = regl.texture({ width, height, min: 'linear', mag: 'linear' });
    return {
      texture,
      framebuffer: regl.framebuffer({ color: texture, depthStencil: false }),
      size: [width, height],
    };
  };
  const b = target(4);
  const c = target(8);
  const d = target(8);
  // A quarter-size pixel spans 4 x factor source texels; reads this far either side of
  // its centre land on texel centres (not boundaries), spread over the block.
  const factor = Math.round(source.width / outputWidthPx);
  const tapTexels = 2 * factor - 0.5;
  const pass = (frag: string) =>
    regl<Record<string, unknown>, Record<string, unknown>, PassProps>({
      vert: fullFrameVert,
      frag: `precision highp float;
        uniform sampler2D inputTexture;
        uniform vec2 size;
        uniform vec2 direction;
        uniform float threshold;
        uniform vec2 tapOffset;
        uniform sampler2D underlay;
        ${frag}`,
      attributes: { corner: fullFrameCorners },
      uniforms: {
        inputTexture: regl.prop<PassProps, 'input'>('input'),
        direction: regl.prop<PassProps, 'step'>('step'),
        size: regl.prop<PassProps, 'size'>('size'),
        threshold: options.threshold,
        tapOffset: [tapTexels / source.width, tapTexels / source.height],
        underlay: options.underlay ?? source,
      },
      framebuffer: regl.prop<PassProps, 'output'>('output'),
      depth: { enable: false, mask: false },
      count: 3,
    });
  const bright = pass(`
    void main() {
      vec2 uv = gl_FragCoord.xy / size;
      vec2 d = tapOffset;
      vec4 c = 0.25 * (texture2D(inputTexture, uv + vec2(-d.x, -d.y))
        + texture2D(inputTexture, uv + vec2(d.x, -d.y))
        + texture2D(inputTexture, uv + vec2(-d.x, d.y))
        + texture2D(inputTexture, uv + vec2(d.x, d.y)));
        ${
          options.underlay
            ? 'c.rgb += (1.0 - min(c.a, 1.0)) * texture2D(underlay, uv).rgb;'
            : ''
        }
      float luma = dot(c.rgb, vec3(0.2126, 0.7152, 0.0722));
      // Only the part above the threshold blooms, so a bright area adds a rim of
      // light rather than a wash over itself.
      float keep = max(luma - threshold, 0.0) / max(luma, 1e-4);
      gl_FragColor = vec4(c.rgb * keep, 1.0);
    }`);
  const blur = pass(`
    void main() {
      vec2 uv = gl_FragCoord.xy / size;
      // 9 Gaussian taps folded into 5 bilinear reads (offsets 1.38 and 3.23 texels).
      vec2 o1 = direction * 1.3846153846;
      vec2 o2 = direction * 3.2307692308;
      vec3 c = texture2D(inputTexture, uv).rgb * 0.2270270270;
      c += (texture2D(inputTexture, uv + o1).rgb + texture2D(inputTexture, uv - o1).rgb) * 0.3162162162;
      c += (texture2D(inputTexture, uv + o2).rgb + texture2D(inputTexture, uv - o2).rgb) * 0.0702702703;
      gl_FragColor = vec4(c, 1.0);
    }`);
  const s = options.spread;
  const [qw = 1, qh = 1] = b.size;
  const [, eh = 1] = c.size;
  return {
    texture: d.texture,
    run() {
      bright({
        input: source,
        output: b.framebuffer,
        size: b.size,
        step: [0, 0],
      });
      // Reading the quarter-size bright pass at eighth-size pixel centres averages
      // it. Steps are in the input's texture coordinates: s quarter-size texels are
      // s / 2 eighth-size ones, the same spread.
      blur({
        input: b.texture,
        output: c.framebuffer,
        size: c.size,
        step: [s / qw, 0],
      });
      blur({
        input: c.texture,
        output: d.framebuffer,
        size: d.size,
        step: [0, s / qh],
      });
      // The second round, twice as wide.
      blur({
        input: d.texture,
        output: c.framebuffer,
        size: c.size,
        step: [(2 * s) / qw, 0],
      });
      blur({
        input: c.texture,
        output: d.framebuffer,
        size: d.size,
        step: [0, s / eh],
      });
    },
  };
}
