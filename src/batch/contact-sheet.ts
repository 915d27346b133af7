/**
 * The contact sheet: every job's poster scaled into one cell of a grid, labelled
 * with its scene, palette, camera, format and size; a failed job gets a labelled
 * empty cell. One PNG, written with sharp.
 */
import { existsSync } from 'node:fs';
import sharp from 'sharp';
import { writeFileAtomic } from '../util/atomic.js';

export interface ContactCell {
  /** The poster to show; undefined (or missing on disk) for an empty cell. */
  image: string | undefined;
  /** Label lines under the picture, first line brightest. */
  lines: string[];
  failed: boolean;
}

export interface SheetLayout {
  columns: number;
  rows: number;
  cellWidthPx: number;
  imageHeightPx: number;
  labelHeightPx: number;
  gapPx: number;
  widthPx: number;
  heightPx: number;
}

const cellWidthPx = 240;
const imageHeightPx = 135;
const labelHeightPx = 36;
const gapPx = 8;
const background = '#111114';
const emptyCell = '#26262c';
const font = 'font-family="DejaVu Sans, sans-serif"';

/** The grid for `count` cells: near square, as many columns as rows or one more. */
export function sheetLayout(count: number): SheetLayout {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  const rows = Math.max(1, Math.ceil(count / columns));
  return {
    columns,
    rows,
    cellWidthPx,
    imageHeightPx,
    labelHeightPx,
    gapPx,
    widthPx: columns * cellWidthPx + (columns + 1) * gapPx,
    heightPx: rows * (imageHeightPx + labelHeightPx) + (rows + 1) * gapPx,
  };
}

/** Writes the sheet of `cells` (in order, row by row) to `path`, atomically. */
export async function writeContactSheet(
  path: string,
  cells: readonly ContactCell[],
): Promise<SheetLayout> {
  const layout = sheetLayout(cells.length);
  const layers = await Promise.all(
    cells.map(async (cell, i) => {
      const left = gapPx + (i % layout.columns) * (cellWidthPx + gapPx);
      const top =
        gapPx +
        Math.floor(i / layout.columns) * (imageHeightPx + labelHeightPx + gapPx);
      return [
        { input: await cellPicture(cell), left, top },
        { input: Buffer.from(labelSvg(cell)), left, top: top + imageHeightPx },
      ];
    }),
  );
  const png = await sharp({
    create: {
      width: layout.widthPx,
      height: layout.heightPx,
      channels: 4,
      background,
    },
  })
    .composite(layers.flat())
    .png({ compressionLevel: 9 })
    .toBuffer();
  writeFileAtomic(path, png);
  return layout;
}

/** The poster fitted into the cell (letterboxed), or an empty cell. */
async function cellPicture(cell: ContactCell): Promise<Buffer> {
  if (cell.image === undefined || !existsSync(cell.image)) {
    return emptyPicture(cell.failed ? 'FAILED' : 'no poster', cell.failed);
  }
  try {
    return await sharp(cell.image)
      .resize({
        width: cellWidthPx,
        height: imageHeightPx,
        fit: 'contain',
        background: '#000000',
      })
      .png()
      .toBuffer();
  } catch {
    // A poster replaced by something else since: the sheet still shows every job.
    return emptyPicture('unreadable poster', true);
  }
}

function emptyPicture(text: string, failed: boolean): Buffer {
  const colour = failed ? '#ff6b6b' : '#9a9aa6';
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cellWidthPx}" height="${imageHeightPx}">` +
      `<rect width="100%" height="100%" fill="${emptyCell}"/>` +
      `<text x="50%" y="54%" text-anchor="middle" ${font} font-size="16" fill="${colour}">${text}</text>` +
      '</svg>',
  );
}

function labelSvg(cell: ContactCell): string {
  const lines = cell.lines
    .map((line, i) => {
      const colour = i === 0 ? '#e6e6ea' : cell.failed ? '#ff8a8a' : '#a0a0aa';
      return (
        `<text x="4" y="${14 + 15 * i}" ${font} font-size="11" fill="${colour}">` +
        `${escapeXml(line)}</text>`
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cellWidthPx}" height="${labelHeightPx}">` +
    `${lines}</svg>`
  );
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
