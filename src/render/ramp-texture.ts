/**
 * The membrane's colour by level, as a texture read once per pixel: the palette ramp
 * stepped toward filled contour bands in RGB, and the distance to the nearest
 * contour level in alpha (for the contour lines). A loop over the contour levels in
 * the shader cost about a tenth of the membrane's time on llvmpipe.
 */
import type createREGL from 'regl';
import { type Hex, hexToRgb } from '../scene/palettes.js';

/** Texels across levels 0-1: enough that a contour line keeps its peak. */
export const levelTextureWidth = 8192;
/** Contour distances up to this many levels are stored; lines are far thinner. */
export const contourReach = 0.1;

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

export interface LevelTexel {
  /** The ramp colour, stepped `bands` of the way toward the band's lower level. */
  rgb: [number, number, number];
  /** Levels to the nearest contour level (Infinity with none). */
  contourDistance: number;
}

/** What the texture holds at `level`; `contours` in any order. */
export function levelTexel(
  stops: Hex[],
  contours: number[],
  bands: number,
  level: number,
): LevelTexel {
  let lower = 0;
  let contourDistance = Infinity;
  for (const c of contours) {
    if (level >= c) lower = Math.max(lower, c);
    contourDistance = Math.min(contourDistance, Math.abs(level - c));
  }
  const shade = contours.length > 0 ? level + (lower - level) * bands : level;
  return { rgb: rampColor(stops, shade), contourDistance };
}

/**
 * The texture's RGBA bytes. Texel x holds level (x + 0.5) / width, so the shader
 * reads level v at u = v. Alpha is sqrt(distance / contourReach): fine steps near a
 * contour, where lines are drawn; the shader squares it back.
 */
export function levelTextureData(
  stops: Hex[],
  contours: number[],
  bands: number,
  width = levelTextureWidth,
): Uint8Array {
  const data = new Uint8Array(width * 4);
  for (let x = 0; x < width; x++) {
    const level = (x + 0.5) / width;
    const { rgb, contourDistance } = levelTexel(stops, contours, bands, level);
    const alpha = Math.sqrt(Math.min(contourDistance / contourReach, 1));
    data.set([...rgb.map((c) => Math.round(c * 255)), Math.round(alpha * 255)], x * 4);
  }
  return data;
}

export function createLevelTexture(
  regl: createREGL.Regl,
  stops: Hex[],
  contours: number[],
  bands: number,
): createREGL.Texture2D {
  return regl.texture({
    width: levelTextureWidth,
    height: 1,
    data: levelTextureData(stops, contours, bands),
    min: 'nearest',
    mag: 'nearest',
    wrapS: 'clamp',
    wrapT: 'clamp',
  });
}
