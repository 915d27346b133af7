/**
 * Writes a figure as `<stem>.svg` and `<stem>.png`, each through a temporary name
 * and a rename; sharp (librsvg) rasterises the SVG at the density that gives the
 * PNG width asked for, so text stays crisp.
 */
import sharp from 'sharp';
import { writeFileAtomic } from '../util/atomic.js';
import type { Figure } from './figure.js';

/** The default PNG width in pixels. */
export const defaultFigureWidthPx = 1000;

/** Writes both files and returns their paths, SVG first. */
export async function writeFigure(
  figure: Figure,
  stem: string,
  widthPx = defaultFigureWidthPx,
): Promise<[string, string]> {
  const svgPath = `${stem}.svg`;
  const pngPath = `${stem}.png`;
  // At sharp's default 72 dpi one SVG user unit is one pixel.
  const density = (72 * widthPx) / figure.widthUnits;
  const png = await sharp(Buffer.from(figure.svg), { density })
    .png({ compressionLevel: 9 })
    .toBuffer();
  writeFileAtomic(svgPath, figure.svg);
  writeFileAtomic(pngPath, png);
  return [svgPath, pngPath];
}
