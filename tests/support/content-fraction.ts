/** How much of a rendered frame is drawn content rather than background. */

/**
 * Fraction of the RGBA `pixels` whose colour is more than `by` (RGB distance) from
 * the frame's corner pixel, taken as the background; alpha is ignored.
 */
export function contentFraction(pixels: Uint8Array, by = 30): number {
  let count = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const d = Math.hypot(
      (pixels[i] ?? 0) - (pixels[0] ?? 0),
      (pixels[i + 1] ?? 0) - (pixels[1] ?? 0),
      (pixels[i + 2] ?? 0) - (pixels[2] ?? 0),
    );
    if (d > by) count++;
  }
  return count / (pixels.length / 4);
}
