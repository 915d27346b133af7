/**
 * Colours of the plane's level bands: a reversed turbo map (d3's jet-like map), so
 * the low-loss valley is red and the hill blue, as in the reference's figures.
 */
import { formatHex } from 'culori';
import { interpolateTurbo } from 'd3-scale-chromatic';

/** Opacity of the filled bands over the white page; the contour lines are opaque. */
export const bandOpacity = 0.55;

// Turbo's two ends are nearly black; the middle 85 % keeps every band readable.
const lowEnd = 0.95;
const highEnd = 0.1;

/**
 * The colour (#rrggbb) of band k of N + 1 (k = 0..N). The levels are evenly spaced in
 * log(value - min), so the band index is the log normalisation of (value - min) and
 * the colours step evenly along the map: band 0 the lowest, band N the catch-all.
 */
export function bandColour(band: number, levelCount: number): string {
  const position = levelCount > 0 ? band / levelCount : 0;
  const colour = interpolateTurbo(lowEnd + (highEnd - lowEnd) * position);
  return formatHex(colour) ?? '#000000';
}

/** A colour seen through `opacity` over white, as the PNG shows a filled band. */
export function overWhite(hex: string, opacity: number): [number, number, number] {
  const channel = (i: number): number => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return [0, 1, 2].map((i) => channel(i) * opacity + 255 * (1 - opacity)) as [
    number,
    number,
    number,
  ];
}
