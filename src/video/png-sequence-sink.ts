/**
 * The frame sink of a PNG sequence: a folder (its name ends in `.frames`) holding
 * `000000.png`, `000001.png`, ..., numbered by each frame's index in the full video,
 * so the parts of a split render fill one folder. sharp encodes each PNG (RGB when
 * opaque, RGBA when transparent) off the main thread while the next frame is drawn.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
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

type SequenceOptions = Pick<
  FrameSinkOptions,
  'path' | 'widthPx' | 'heightPx' | 'transparent' | 'firstFrame'
>;

/**
 * A full sequence is written into a temporary sibling folder, which replaces `path`
 * on `finish` (abort and Ctrl-C remove it). A part (`firstFrame` given) writes each
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
