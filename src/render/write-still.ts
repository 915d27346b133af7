/**
 * Stills, posters and thumbnails: an RGBA frame (straight alpha, top row first)
 * encoded by sharp as PNG, JPEG or WebP and written atomically (temporary name,
 * rename). An opaque frame is written without an alpha channel; a transparent one
 * keeps it, except in JPEG, which has none: there the frame is laid over the flat
 * `background` colour.
 */
import { basename, dirname, extname, join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { type Scene } from '../scene/load-scene.js';
import { writeFileAtomic } from '../util/atomic.js';
import { type OutputFormat } from '../video/output-format.js';

export interface StillSettings {
  widthPx: number;
  heightPx: number;
  /** The frame has a transparent background to keep. */
  transparent: boolean;
  /** 1 to 100. */
  jpegQuality: number;
  /** 1 to 100; 100 is lossless. */
  webpQuality: number;
  /** `#rrggbb` under a transparent frame written as JPEG. */
  background: string;
}

/**
 * The still settings of a scene's frames; a transparent frame written as JPEG lies
 * over the bottom colour of the backdrop.
 */
export function stillSettings(scene: Scene): StillSettings {
  const { output, palette } = scene;
  return {
    widthPx: output.width,
    heightPx: output.height,
    transparent: output.transparent,
    jpegQuality: output.jpegQuality,
    webpQuality: output.webpQuality,
    background: palette.background[1],
  };
}

/** JPEG quality of thumbnails: small files where a few artefacts do not show. */
const thumbnailQuality = 82;

/** Writes `rgba` to `path` in `format` (a still format of the registry). */
export async function writeStill(
  path: string,
  format: OutputFormat,
  rgba: Uint8Array,
  settings: StillSettings,
): Promise<void> {
  writeFileAtomic(path, await encodeStill(format, rgba, settings));
}

/** The encoded still; throws for a format that is not a still. */
export async function encodeStill(
  format: OutputFormat,
  rgba: Uint8Array,
  s: StillSettings,
): Promise<Buffer> {
  const image = rawImage(rgba, s);
  switch (format.name) {
    case 'png':
      return (s.transparent ? image : image.removeAlpha())
        .png({ compressionLevel: 9 })
        .toBuffer();
    case 'jpeg':
      return flat(image, s).jpeg({ quality: s.jpegQuality, mozjpeg: true }).toBuffer();
    case 'webp':
      return (s.transparent ? image : image.removeAlpha())
        .webp(
          s.webpQuality >= 100
            ? { lossless: true }
            : { quality: s.webpQuality, alphaQuality: 100 },
        )
        .toBuffer();
    default:
      throw new Error(`${format.name} is not a still format`);
  }
}

/** `renders/icarus.png` -> `renders/icarus.thumb.jpg`. */
export function thumbnailPathOf(posterPath: string): string {
  const name = basename(posterPath, extname(posterPath));
  return join(dirname(posterPath), `${name}.thumb.jpg`);
}

/**
 * A small JPEG of the frame, `widthPx` wide (never wider than the frame), the height
 * in proportion; a transparent frame is laid over `settings.background`.
 */
export async function writeThumbnail(
  path: string,
  rgba: Uint8Array,
  widthPx: number,
  settings: StillSettings,
): Promise<void> {
  const jpeg = await flat(rawImage(rgba, settings), settings)
    .resize({ width: Math.min(widthPx, settings.widthPx) })
    .jpeg({ quality: thumbnailQuality, mozjpeg: true })
    .toBuffer();
  writeFileAtomic(path, jpeg);
}

function rawImage(rgba: Uint8Array, s: StillSettings): Sharp {
  return sharp(rgba, { raw: { width: s.widthPx, height: s.heightPx, channels: 4 } });
}

function flat(image: Sharp, s: StillSettings): Sharp {
  return s.transparent
    ? image.flatten({ background: s.background })
    : image.removeAlpha();
}
