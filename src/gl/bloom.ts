/**
 * Bloom at a quarter of the pixels of the output: a bright pass that shrinks the
 * frame (four reads spread over each block of the supersampled source, which is
 * blurred next anyway), then two rounds of a separable Gaussian (5 bilinear reads per
 * direction, 9 taps). llvmpipe shades on the CPU, so the passes stay this small.
 */
import type createREGL from 'regl';
import { fullFrameCorners, fullFrameVert } from './full-frame.js';

export interface BloomOptions {
  /** Brightness (0-1) from which a pixel blooms. */
  threshold: number;
  /** Tap spacing in bloom texels (the spread grows with it). */
  spread: number;
}

export interface Bloom {
  /** The last blurred result (straight RGB, alpha unused). */
  texture: createREGL.Texture2D;
  /** Runs the passes from `source` (the supersampled frame). */
  run(): void;
}

export function createBloom(
  regl: createREGL.Regl,
  source: createREGL.Texture2D,
  widthPx: number,
  heightPx: number,
  options: BloomOptions,
): Bloom {
  const texture = () =>
    regl.texture({ width: widthPx, height: heightPx, min: 'linear', mag: 'linear' });
  const a = texture();
  const b = texture();
  const fbA = regl.framebuffer({ color: a, depthStencil: false });
  const fbB = regl.framebuffer({ color: b, depthStencil: false });
  const pass = (frag: string) =>
    regl<
      Record<string, unknown>,
      Record<string, unknown>,
      { input: createREGL.Texture2D; output: createREGL.Framebuffer2D; step: number[] }
    >({
      vert: fullFrameVert,
      frag: `precision highp float;
        uniform sampler2D inputTexture;
        uniform vec2 size;
        uniform vec2 direction;
        uniform float threshold;
        ${frag}`,
      attributes: { corner: fullFrameCorners },
      uniforms: {
        inputTexture: regl.prop<{ input: createREGL.Texture2D }, 'input'>('input'),
        direction: regl.prop<{ step: number[] }, 'step'>('step'),
        size: [widthPx, heightPx],
        threshold: options.threshold,
      },
      framebuffer: regl.prop<{ output: createREGL.Framebuffer2D }, 'output'>('output'),
      depth: { enable: false, mask: false },
      count: 3,
    });
  const bright = pass(`
    void main() {
      vec2 uv = gl_FragCoord.xy / size;
      vec2 d = 0.25 / size;
      vec4 c = 0.25 * (texture2D(inputTexture, uv + vec2(-d.x, -d.y))
        + texture2D(inputTexture, uv + vec2(d.x, -d.y))
        + texture2D(inputTexture, uv + vec2(-d.x, d.y))
        + texture2D(inputTexture, uv + vec2(d.x, d.y)));
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
      vec2 o1 = direction * 1.3846153846 / size;
      vec2 o2 = direction * 3.2307692308 / size;
      vec3 c = texture2D(inputTexture, uv).rgb * 0.2270270270;
      c += (texture2D(inputTexture, uv + o1).rgb + texture2D(inputTexture, uv - o1).rgb) * 0.3162162162;
      c += (texture2D(inputTexture, uv + o2).rgb + texture2D(inputTexture, uv - o2).rgb) * 0.0702702703;
      gl_FragColor = vec4(c, 1.0);
    }`);
  const s = options.spread;
  return {
    texture: a,
    run() {
      bright({ input: source, output: fbA, step: [0, 0] });
      for (const spread of [s, 2 * s]) {
        blur({ input: a, output: fbB, step: [spread, 0] });
        blur({ input: b, output: fbA, step: [0, spread] });
      }
    },
  };
}
