/**
 * The frame sink of a PNG sequence: a folder (its name ends in `.frames`) holding
 * `000000.png`, `000001.png`, ..., numbered by each frame's index in the full video,
 * so the parts of a split render fill one folder. sharp encodes each PNG (RGB when
 * opaque, RGBA when transparent) off the main thread while the next frame is drawn.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { IcarusError } from '../config/errors.js';
import { commitPath, temporaryPath, writeFileAtomic } from '../util/atomic.js';
import { onCleanup } from '../util/cleanup.js';
import { type FrameSink, type FrameSinkOptions } from './frame-sink.js';

/** PNGs being encoded at once; more would only hold more frames in memory. */
const maxInFlight = 2;

/**
 * zlib level of the frames: 6 (sharp's default) is several times faster than 9 for
 * a few percent more bytes, which matters at hundreds of frames.
 */
const compressionLevel = 6;

/** The file name of frame `index` of the full video: 000042.png. */
export function sequenceFrameName(index: number): string {
  return `${String(index).padStart(6, '0')}.png`;
}

/**
 * Refuses to replace the folder `path` when it holds anything but frames
 * (`000042.png`), their temporary files and Icarus sidecars: a whole render replaces
 * the folder, and must not take unrelated files or subfolders with it. Stale frames
 * may go. A missing folder passes.
 */
export function checkSequenceFolder(path: string): void {
  if (!existsSync(path) || !statSync(path).isDirectory()) return;
  const others = readdirSync(path, { withFileTypes: true }).filter(
    (entry) => !(entry.isFile() && replaceable(join(path, entry.name), entry.name)),
  );
  if (others.length === 0) return;
  const shown = others
    .slice(0, 3)
    .map((entry) => `'${entry.name}'${entry.isDirectory() ? ' (a folder)' : ''}`)
    .join(', ');
  throw new IcarusError(
    `${path} holds ${others.length} ${others.length === 1 ? 'entry' : 'entries'} ` +
      `that ${others.length === 1 ? 'is' : 'are'} no frame of a sequence (${shown}` +
      `${others.length > 3 ? ', ...' : ''}); a whole render replaces the folder`,
    'move them out, or name another .frames folder (--out)',
  );
}

function replaceable(file: string, name: string): boolean {
  if (/^\d{6,}\.png$/.test(name)) return true;
  if (/^\.\d{6,}\.png\.partial-/.test(name)) return true;
  if (!name.endsWith('.json')) return false;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { icarusVersion?: unknown };
    return typeof data.icarusVersion === 'string';
  } catch {
    return false;
  }
}

type SequenceOptions = Pick<
  FrameSinkOptions,
  'path' | 'widthPx' | 'heightPx' | 'transparent' | 'firstFrame'
>;

/**
 * A full sequence is written into a temporary sibling folder, which replaces `path`
 * on `finish` (abort and Ctrl-C remove it); a `path` holding more than frames is
 * refused (checkSequenceFolder). A part (`firstFrame` given) writes each
 * frame into `path` itself, atomically, and leaves the other frames there alone.
 */
export function openPngSequenceSink(options: SequenceOptions): FrameSink {
  const { path, widthPx, heightPx, transparent } = options;
  const part = options.firstFrame !== undefined;
  if (existsSync(path) && !statSync(path).isDirectory()) {
    throw new IcarusError(
      `${path} is a file; a PNG sequence is a folder of frames`,
      'remove the file, or name the sequence another .frames folder',
    );
  }
  if (!part) checkSequenceFolder(path);
  const folder = part ? path : temporaryPath(path);
  mkdirSync(folder, { recursive: true });
  const unregister = part
    ? () => undefined
    : onCleanup(() => rmSync(folder, { recursive: true, force: true }));

  let next = options.firstFrame ?? 0;
  let stopped = false;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const encode = async (frame: Uint8Array, file: string): Promise<void> => {
    let image = sharp(frame, {
      raw: { width: widthPx, height: heightPx, channels: 4 },
    });
    if (!transparent) image = image.removeAlpha();
    const png = await image.png({ compressionLevel }).toBuffer();
    if (!stopped) writeFileAtomic(file, png);
  };
  const settle = async (): Promise<void> => {
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  };

  return {
    // sharp reads a frame while it encodes it: a write resolves with fewer than
    // maxInFlight encodes running, so up to one less than that hold their frames.
    framesHeld: maxInFlight - 1,
    async write(frame) {
      if (failure !== undefined) throw failure;
      const job = encode(frame, join(folder, sequenceFrameName(next++)))
        .catch((error: unknown) => void (failure ??= error))
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      if (failure !== undefined) throw failure;
    },
    async finish() {
      await settle();
      unregister();
      if (!part) commitPath(folder, path);
    },
    abort() {
      stopped = true;
      unregister();
      if (!part) rmSync(folder, { recursive: true, force: true });
    },
  };
}
