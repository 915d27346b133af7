/**
 * Where the parts of a split render go, beside the video a whole render writes:
 * `renders/icarus.mp4` in 4 shards is `renders/icarus.part-0-of-4.mp4` ..
 * `renders/icarus.part-3-of-4.mp4` (the index zero-padded to the width of n - 1, so
 * the names sort), and `--frames 30:60` is `renders/icarus.range-30-60.mp4` (the end
 * excluded, as in the flag; not `.frames-`, which reads like the PNG sequence). A `.frames` PNG sequence numbers its files by the full
 * video's frame index, so every part writes into the one folder under its own name.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { type GridShard } from '../landscape/grid-shard.js';
import { findFormatOfPath } from '../video/output-format.js';
import { type FrameRange } from './render-video.js';

/** The path part `shard.index` of `shard.count` of the video at `videoPath` writes. */
export function partPath(videoPath: string, shard: GridShard): string {
  if (isSequence(videoPath)) return videoPath;
  const width = String(shard.count - 1).length;
  const index = String(shard.index).padStart(width, '0');
  return besideWith(videoPath, `.part-${index}-of-${shard.count}`);
}

/** The path a render of `range` writes for the video at `videoPath`. */
export function rangePath(videoPath: string, range: FrameRange): string {
  if (isSequence(videoPath)) return videoPath;
  return besideWith(videoPath, `.range-${range.start}-${range.end}`);
}

/**
 * The parts `<stem>.part-i-of-n<ext>` beside `videoPath`, by the count n they were
 * rendered for: the paths by index, undefined where a part is missing. Empty when
 * the folder is missing.
 */
export function findParts(videoPath: string): Map<number, (string | undefined)[]> {
  const folder = dirname(videoPath);
  const extension = extname(videoPath);
  const stem = basename(videoPath, extension);
  const pattern = new RegExp(
    `^${escapeRegExp(stem)}\\.part-(\\d+)-of-(\\d+)${escapeRegExp(extension)}$`,
  );
  const byCount = new Map<number, (string | undefined)[]>();
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    // No folder, no parts: the caller says which are missing.
  }
  for (const name of names.sort()) {
    const match = pattern.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const count = Number(match[2]);
    if (!(index < count)) continue;
    const parts = byCount.get(count) ?? Array.from({ length: count }, () => undefined);
    parts[index] = join(folder, name);
    byCount.set(count, parts);
  }
  return byCount;
}

function isSequence(path: string): boolean {
  return findFormatOfPath(path)?.kind === 'sequence';
}

/** `a/b.mp4` with `.part-0-of-4` -> `a/b.part-0-of-4.mp4`. */
function besideWith(path: string, infix: string): string {
  const extension = extname(path);
  return join(dirname(path), `${basename(path, extension)}${infix}${extension}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
