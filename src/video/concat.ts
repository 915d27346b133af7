/**
 * Joins videos end to end without re-encoding: ffmpeg's concat demuxer with stream
 * copy (`-c copy`). The inputs must be alike (codec, size, rate, pixel format), as
 * the parts of one split render are; each starts on a keyframe since it was encoded
 * on its own. Every input's duration is given to the demuxer as its frames / fps, so
 * the joined timestamps run on without a gap or an overlap at the joins. The result
 * is written under a temporary name, its frame count checked by ffprobe, then renamed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { temporaryPath } from '../util/atomic.js';
import { onCleanup } from '../util/cleanup.js';
import { formatOfPath, type OutputFormatName } from './output-format.js';
import { framesPerSecond, probeVideo, type VideoProbe } from './probe-video.js';

const log = logger('concat');

/** ffmpeg's muxer for each joinable video format. */
const muxers: Partial<Record<OutputFormatName, string>> = {
  mp4: 'mp4',
  mov: 'mov',
  webm: 'webm',
};

export interface ConcatOptions {
  /** The videos in order, probed already (see probeVideo). */
  inputs: readonly VideoProbe[];
  /** The joined video; its extension picks the container. */
  out: string;
  ffmpegPath: string;
}

/**
 * Refuses inputs that differ in codec, size, rate, pixel format or alpha (a
 * transparent and an opaque WebM both say yuv420p), naming both.
 */
export function checkAlike(inputs: readonly VideoProbe[]): void {
  const first = inputs[0];
  if (!first) throw new IcarusError('nothing to join', 'give the videos to join');
  const describe = (v: VideoProbe): string =>
    `${v.codec} ${v.widthPx}x${v.heightPx} at ${v.frameRate} fps, ${v.pixelFormat}, ` +
    (v.alpha ? 'transparent' : 'opaque');
  for (const input of inputs.slice(1)) {
    if (describe(input) === describe(first)) continue;
    throw new IcarusError(
      `${input.path} (${describe(input)}) does not match ${first.path} ` +
        `(${describe(first)}); stream copy joins only videos encoded alike`,
      'render every part with the same scene, flags (--set, --quality, ...) and format',
    );
  }
}

/** Joins `inputs` into `out`; returns the probe of the joined video. */
export async function concatVideos(options: ConcatOptions): Promise<VideoProbe> {
  const { inputs, ffmpegPath } = options;
  checkAlike(inputs);
  const out = resolve(options.out);
  const format = formatOfPath(out, 'concat --out', ['video']);
  const muxer = muxers[format.name];
  if (!muxer || !format.joinable) {
    throw new IcarusError(
      `concat --out '${options.out}': ${format.name} videos cannot be joined by stream copy`,
      'join .mp4, .webm or .mov parts',
    );
  }
  for (const input of inputs) {
    if (resolve(input.path) === out) {
      throw new IcarusError(
        `concat: the output ${out} is also one of the inputs`,
        'write the joined video to another path',
      );
    }
  }
  mkdirSync(dirname(out), { recursive: true });
  const tmp = temporaryPath(out);
  const list = `${tmp}.txt`;
  const removeTemporaries = (): void => {
    rmSync(tmp, { force: true });
    rmSync(list, { force: true });
  };
  const unregister = onCleanup(removeTemporaries);
  try {
    writeFileSync(list, concatList(inputs));
    await runFfmpeg(ffmpegPath, [
      ...['-hide_banner', '-nostats', '-loglevel', 'error', '-y'],
      ...['-f', 'concat', '-safe', '0', '-i', list, '-map', '0', '-c', 'copy'],
      ...(muxer === 'webm' ? [] : ['-movflags', '+faststart']),
      ...['-f', muxer, tmp],
    ]);
    const joined = probeVideo(tmp);
    const expected = inputs.reduce((sum, input) => sum + input.frames, 0);
    if (joined.frames !== expected) {
      throw new IcarusError(
        `concat: the joined video has ${joined.frames} frames, the inputs ${expected} ` +
          `(${inputs.map((i) => i.frames).join(' + ')}); nothing was written to ${out}`,
        'check that every input plays to its end (ffprobe), or render the parts again',
      );
    }
    renameSync(tmp, out);
    log.info(
      `${inputs.length} part${inputs.length === 1 ? '' : 's'}, ${joined.frames} ` +
        `frame${joined.frames === 1 ? '' : 's'} -> ${out}`,
    );
    return { ...joined, path: out };
  } finally {
    removeTemporaries();
    unregister();
  }
}

/**
 * The concat demuxer's list: each file, quoted, with its duration as frames / fps
 * (to the microsecond). Left to itself the demuxer takes a duration from the
 * container that can be a fraction of a frame long, which shifts every later
 * timestamp at each join.
 */
export function concatList(inputs: readonly VideoProbe[]): string {
  return inputs
    .map((input) => {
      const quoted = resolve(input.path).replace(/'/g, "'\\''");
      const seconds = input.frames / framesPerSecond(input.frameRate);
      return `file '${quoted}'\nduration ${seconds.toFixed(6)}\n`;
    })
    .join('');
}

function runFfmpeg(ffmpegPath: string, args: string[]): Promise<void> {
  log.debug(`${ffmpegPath} ${args.join(' ')}`);
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8_000);
    });
    const unregister = onCleanup(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', (error) => {
      unregister();
      rejectRun(
        new IcarusError(
          `ffmpeg '${ffmpegPath}' cannot be run (${error.message})`,
          'install ffmpeg, or pass --ffmpeg PATH / set ICARUS_FFMPEG',
        ),
      );
    });
    child.on('close', (code) => {
      unregister();
      if (code === 0) return resolveRun();
      const tail = stderr.trim().split('\n').slice(-10).join('\n  ');
      rejectRun(
        new IcarusError(
          `ffmpeg failed joining the parts (exit code ${code})` +
            (tail ? `:\n  ${tail}` : ''),
        ),
      );
    });
  });
}
