/** A palette ramp as a 256 x 1 texture: level 0 (lowest loss) on the left. */
import type createREGL from 'regl';
import { type Hex, hexToRgb } from '../scene/palettes.js';

export const rampWidth = 256;

/** The ramp's colour at `level` (0-1), stops evenly spaced, as 0-1 RGB. */
export function rampColor(stops: Hex[], level: number): [number, number, number] {
  const position = Math.min(Math.max(level, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(position), stops.length - 2);
  const t = position - i;
  const a = hexToRgb(stops[i] ?? '#000000');
  const b = hexToRgb(stops[i + 1] ?? '#000000');
  const smooth = t * t * (3 - 2 * t);
  return [0, 1, 2].map((c) => (a[c] ?? 0) + ((b[c] ?? 0) - (a[c] ?? 0)) * smooth) as [
    number,
    number,
    number,
  ];
}

export function createRampTexture(
  regl: createREGL.Regl,
  stops: Hex[],
): createREGL.Texture2D {
  const data = new Uint8Array(rampWidth * 4);
  for (let x = 0; x < rampWidth; x++) {
    const rgb = rampColor(stops, x / (rampWidth - 1));
    data.set([...rgb.map((c) => Math.round(c * 255)), 255], x * 4);
  }
  return regl.texture({
    width: rampWidth,
    height: 1,
    data,
    min: 'linear',
    mag: 'linear',
    wrapS: 'clamp',
    wrapT: 'clamp',
  });
}
