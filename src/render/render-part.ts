/**
 * A render of one part of a scene's video: `--frames A:B` or `--shard i/n`. The part
 * goes beside the whole video's path under its own name (see part-paths.ts), and the
 * part that starts at frame 0 writes the scene's poster, so the parts joined by
 * `icarus concat` and their poster are what a single render leaves.
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { loadScene } from '../scene/load-scene.js';
import { findFormatOfPath, formatOfPath } from '../video/output-format.js';
import { type FullVideo, parseFrameRange, rangeText } from './frame-range.js';
import { fullFrameCount } from './frame-times.js';
import { partPath, rangePath } from './part-paths.js';
import {
  type Environment,
  parseRenderShard,
  type RenderShard,
  shardFrames,
} from './render-shard.js';
import {
  type FrameRange,
  renderVideo,
  type RenderVideoOptions,
  type RenderVideoResult,
} from './render-video.js';

const log = logger('render');

export interface RenderPartOptions extends Omit<
  RenderVideoOptions,
  'frames' | 'range' | 'poster'
> {
  /** `--frames A:B`: frames [A, B) of the full video; not with `shard`. */
  frames?: string;
  /** `--shard i/n`, `/n` or `auto` (see render-shard.ts); not with `frames`. */
  shard?: string;
  /** Where scheduler variables are read (default process.env). */
  env?: Environment;
}

export interface RenderPartResult extends RenderVideoResult {
  range: FrameRange;
  /** The shard, when the part is one of `--shard`. */
  shard?: RenderShard;
}

/** Renders the part `options.frames` or `options.shard` names. */
export async function renderPart(
  options: RenderPartOptions,
): Promise<RenderPartResult> {
  const { frames, shard: shardText, env, out, ...rest } = options;
  if (frames !== undefined && shardText !== undefined) {
    throw new IcarusError(
      `--frames ${frames} and --shard ${shardText} cannot be combined`,
      'give --frames A:B for one range, or --shard i/n for part i of n equal ranges',
    );
  }
  if (frames === undefined && shardText === undefined) {
    throw new Error('renderPart needs frames or shard');
  }
  const scene = loadScene(options.scenePath, options.scene);
  const whole = out !== undefined ? resolve(out) : scene.output.path;
  const format =
    out !== undefined
      ? formatOfPath(out, '--out', ['video', 'sequence'])
      : findFormatOfPath(whole);
  const flag = frames !== undefined ? `--frames ${frames}` : `--shard ${shardText}`;
  if (format && !format.joinable) {
    throw new IcarusError(
      `${flag}: '${whole}' is ${format.name === 'gif' ? 'a GIF' : format.name}, whose ` +
        'parts cannot be joined by stream copy',
      'render it whole, or render the parts to .mp4, .webm, .mov or .frames',
    );
  }
  const { durationSeconds, fps } = scene.output;
  const video: FullVideo = {
    frameCount: fullFrameCount(durationSeconds, fps),
    about: `output.fps ${fps} x output.durationSeconds ${durationSeconds} in ${scene.file}`,
  };
  const shard =
    shardText !== undefined
      ? parseRenderShard(shardText, env ?? process.env)
      : undefined;
  const range = shard
    ? shardFrames(shard, video)
    : parseFrameRange(frames ?? '', video);
  // --out with --frames names the part itself; with --shard (one command on every
  // node) it names the whole video, and each part goes beside it.
  const path = shard
    ? partPath(whole, shard)
    : out !== undefined
      ? whole
      : rangePath(whole, range);
  const poster =
    out !== undefined
      ? join(
          dirname(whole),
          `${basename(whole, extname(whole))}${extname(scene.output.poster)}`,
        )
      : scene.output.poster;
  const writesPoster = range.start === 0;

  const what = shard
    ? `part ${shard.index} of ${shard.count} (${shard.source})`
    : `frames ${rangeText(range)}`;
  log.info(
    `${what}: frames ${rangeText(range)} of ${video.frameCount} -> ${path}` +
      (writesPoster ? ` and the poster ${poster}` : ''),
  );
  // The paths go in as the last --set, so the part's sidecar records where it went,
  // and the poster keeps the name a whole render gives it.
  const sets = [
    ...(rest.scene?.set ?? []),
    `output.path=${path}`,
    `output.poster=${poster}`,
  ];
  const result = await renderVideo({
    ...rest,
    scene: { ...rest.scene, set: sets },
    range,
    poster: writesPoster,
  });
  return { ...result, range, ...(shard ? { shard } : {}) };
}
