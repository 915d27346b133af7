/**
 * The frame sink of the video formats: pipes frames into ffmpeg and leaves a finished
 * video under its final name, or nothing: ffmpeg writes a temporary sibling that is
 * renamed only when it exits 0 and ffprobe counts in it every frame written (an
 * encoder that drops frames fails the render rather than leaving a short video). On
 * failure the error carries the tail of ffmpeg's stderr; on Ctrl-C ffmpeg is killed
 * and the partial file removed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { temporaryPath } from '../util/atomic.js';
import { exitOf } from '../util/child-exit.js';
import { onCleanup } from '../util/cleanup.js';
import {
  encoderArgs,
  type EncoderSettings,
  type VideoFormatName,
} from './encoder-args.js';
import { type FrameSink } from './frame-sink.js';
import { probeVideo } from './probe-video.js';

const log = logger('ffmpeg');
const stderrTailLines = 15;

export interface FfmpegSinkOptions extends Omit<EncoderSettings, 'outputPath'> {
  format: VideoFormatName;
  ffmpegPath: string;
  /** The final video path. */
  path: string;
}

/**
 * `write` resolves once ffmpeg has read the frame (the pipe drained), so ffmpeg
 * encodes it while the next one is drawn; `finish` closes stdin, waits for ffmpeg
 * and renames the file into place.
 */
export function openFfmpegSink(options: FfmpegSinkOptions): FrameSink {
  const { widthPx, heightPx, format } = options;
  if ((format === 'mp4' || format === 'webm') && (widthPx % 2 || heightPx % 2)) {
    throw new IcarusError(
      `video size ${widthPx}x${heightPx} is odd; ${format} in yuv420p needs even sizes`,
      'use an even width and height',
    );
  }
  mkdirSync(dirname(options.path), { recursive: true });
  const tmp = temporaryPath(options.path);
  const args = encoderArgs(format, { ...options, outputPath: tmp });
  log.debug(`${options.ffmpegPath} ${args.join(' ')}`);
  const child = spawn(options.ffmpegPath, args, { stdio: ['pipe', 'ignore', 'pipe'] });

  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-16_000);
  });
  const exited = new Promise<{ code: number | null; error?: Error }>((resolveExit) => {
    child.on('error', (error) => resolveExit({ code: null, error }));
    child.on('close', (code) => resolveExit({ code }));
  });
  // A write after ffmpeg died fails with EPIPE; the exit status explains it.
  let pipeError: Error | undefined;
  let framesWritten = 0;
  child.stdin.on('error', (error) => (pipeError = error));

  const removePartial = (): void => rmSync(tmp, { force: true });
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    removePartial();
  };
  // On Ctrl-C, wait for the killed ffmpeg too, so it is reaped, not left a zombie.
  const unregister = onCleanup(async () => {
    kill();
    await exitOf(child, 2000);
  });
  const failure = async (): Promise<IcarusError> => {
    const { code, error } = await exited;
    removePartial();
    unregister();
    if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      return new IcarusError(
        `ffmpeg '${options.ffmpegPath}' cannot be run (not found)`,
        'install ffmpeg, or pass --ffmpeg PATH / set ICARUS_FFMPEG',
      );
    }
    const tail = stderr.trim().split('\n').slice(-stderrTailLines).join('\n  ');
    const said = tail ? `:\n  ${tail}` : '';
    if (!error && code === 0) {
      // Exit 0 with frames unwritten or no file: not an ffmpeg failure as such.
      return new IcarusError(
        `ffmpeg '${options.ffmpegPath}' exited with code 0 but wrote no video ` +
          `(or stopped reading frames) for ${options.path}${said}`,
        'check that --ffmpeg / ICARUS_FFMPEG names a real ffmpeg binary',
      );
    }
    return new IcarusError(
      `ffmpeg failed (${error ? error.message : `exit code ${code}`}) writing ${options.path}` +
        said,
    );
  };

  return {
    // Each write waits until its frame is in the pipe, so the caller may draw the
    // next frame into the same array.
    framesHeld: 0,
    async write(frame) {
      if (pipeError || child.exitCode !== null) throw await failure();
      framesWritten++;
      await new Promise<void>((resolveWritten) => {
        const done = (): void => {
          child.off('close', done);
          resolveWritten();
        };
        child.stdin.write(frame, done);
        child.on('close', done);
      });
      if (pipeError || child.exitCode !== null) throw await failure();
    },
    async finish() {
      child.stdin.end();
      const { code, error } = await exited;
      if (error || code !== 0 || !existsSync(tmp)) throw await failure();
      try {
        checkFrameCount(tmp, options.path, framesWritten);
      } catch (mismatch) {
        removePartial();
        unregister();
        throw mismatch;
      }
      unregister();
      renameSync(tmp, options.path);
    },
    abort() {
      unregister();
      kill();
    },
  };
}

/**
 * Refuses a finished video (at `tmp`, not yet under its final name `path`) that does
 * not hold the `written` frames it was given, by ffprobe's packet count.
 */
function checkFrameCount(tmp: string, path: string, written: number): void {
  const { frames } = probeVideo(tmp);
  if (frames === written) return;
  throw new IcarusError(
    `ffmpeg wrote ${frames} of the ${written} frames rendered for ${path}, so nothing ` +
      'was written there (the encoder dropped frames)',
    'render again, maybe at another size or format; if it persists, report the ' +
      'ffmpeg version (see the sidecar of an earlier render or ffmpeg -version)',
  );
}
