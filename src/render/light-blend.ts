/**
 * Blending for light added to the frame (glows, halos, sparks): colour adds, alpha is
 * left as it is. Over an opaque frame that is plain additive blending; over a
 * transparent one the light stays premultiplied colour above its alpha, which the
 * finishing pass turns into coverage (see `supersampler.ts`).
 */
export const lightBlend = {
  srcRGB: 'one',
  dstRGB: 'one',
  srcAlpha: 'zero',
  dstAlpha: 'one',
} as const;
