/**
 * A palette colours the whole picture: the ramp on the membrane (first stop = lowest
 * loss), the background gradient, the curve, the segment and the markers. The palettes
 * themselves are preset files under config/presets/palettes/ (see presets.ts).
 */
import { type z } from 'zod';
import { type palette } from './sections/palette.js';

/** A colour as `#rrggbb`. */
export type Hex = string;

/** Every colour of a palette, as the renderer receives it. */
export type Palette = z.output<typeof palette>;

/** `#rrggbb` as [r, g, b] in 0-1. */
export function hexToRgb(hex: Hex): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}
