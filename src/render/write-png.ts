/** Writes an RGBA frame (top row first) as a PNG, atomically (temporary name, rename). */
import sharp from 'sharp';
import { writeFileAtomic } from '../util/atomic.js';

export async function writePng(
  path: string,
  rgba: Uint8Array,
  widthPx: number,
  heightPx: number,
): Promise<void> {
  const png = await sharp(rgba, {
    raw: { width: widthPx, height: heightPx, channels: 4 },
  })
    .png({ compressionLevel: 9 })
    .toBuffer();
  writeFileAtomic(path, png);
}
