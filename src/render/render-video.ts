/**
 * `icarus render`: a scene into an MP4 and a poster PNG. Frames go straight from the
 * GL context into ffmpeg's stdin; nothing is kept on disk but the results.
 */
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { Stages } from '../log/progress.js';
import { type Scene, type SceneOptions } from '../scene/load-scene.js';
import { resolveFfmpeg } from '../video/ffmpeg-binary.js';
import { openVideoEncoder } from '../video/video-encoder.js';
import { frameTimes, fullFrameCount } from './frame-times.js';
import { createFrameRenderer } from './frame-renderer.js';
import { progressAt } from './frame-geometry.js';
import {
  checkLandscapePath,
  checkOutputs,
  loadLandscape,
  loadSceneWithOutput,
} from './prepare-render.js';
import { writePng } from './write-png.js';
import { type GlSurface } from '../gl/headless-context.js';

const log = logger('render');

export interface RenderVideoOptions {
  scenePath: string;
  /** Presets, `--set` overrides and quality from the command line. */
  scene?: SceneOptions;
  /** Overrides `output.path` (must end in .mp4); the poster goes beside it as .png. */
  out?: string;
  /** An ffmpeg binary; see `resolveFfmpeg` for the default order. */
  ffmpeg?: string;
  /** Train the landscape again even when its bundle exists. */
  force?: boolean;
  /**
   * A preview of this many frames (1 to fps x duration) spread over the whole
   * duration; without `out` it writes `-preview` files beside the scene's outputs.
   */
  frames?: number;
  /**
   * Frames [start, end) of the full video (frame i at i / fps seconds), for a part
   * of a render split across runs; not with `frames`.
   */
  range?: FrameRange;
  /** Write the poster (default true). */
  poster?: boolean;
  /** A GL context to draw on (a batch worker's); default a context of its own. */
  surface?: GlSurface;
}

/** Frame indices [start, end) of the full video. */
export interface FrameRange {
  start: number;
  end: number;
}

export interface RenderVideoResult {
  videoPath: string;
  posterPath: string;
  frames: number;
  /** Frames drawn and encoded per second of wall time. */
  framesPerSecond: number;
}

export async function renderVideo(
  options: RenderVideoOptions,
): Promise<RenderVideoResult> {
  let scene = loadSceneWithOutput(
    options.scenePath,
    {
      ...(options.out !== undefined ? { out: options.out } : {}),
      preview: options.frames !== undefined,
    },
    options.scene,
  );
  if (scene.output.transparent) {
    // H.264 in yuv420p has no alpha; a transparent poster beside an opaque video
    // would not match it.
    log.warn(
      'output.transparent applies to stills only; the video and poster are opaque',
    );
    scene = { ...scene, output: { ...scene.output, transparent: false } };
  }
  checkOutputs(scene);
  if (options.frames !== undefined) checkFrames(scene, options.frames);
  checkLandscapePath(scene);
  const { output } = scene;
  const times = selectTimes(scene, options);
  // Probed before the landscape trains and the display starts.
  const ffmpeg = await resolveFfmpeg(options.ffmpeg);
  if (options.frames !== undefined && options.out === undefined) {
    log.info(
      `preview of ${times.length} frames -> ${output.path} (the full render is untouched)`,
    );
  }
  const bundle = await loadLandscape(scene, options.force ?? false);

  const renderer = await createFrameRenderer(scene, bundle, options.surface);
  const stages = new Stages(2, 'render');
  try {
    const encoder = openVideoEncoder({
      ffmpegPath: ffmpeg.path,
      path: output.path,
      widthPx: output.width,
      heightPx: output.height,
      fps: output.fps,
      crf: output.crf,
      preset: output.encoderPreset,
    });
    const started = performance.now();
    try {
      const bar = stages.stage('render frames', times.length, 'frames');
      for (const [i, t] of times.entries()) {
        await encoder.write(await renderer.render(t));
        const epoch = progressAt(scene, t) * bundle.manifest.curve.epochs;
        bar.update(i + 1, `curve epoch ${epoch.toFixed(1)}`);
      }
      bar.stop();
      const encode = stages.stage('encode', 1, 'video');
      await encoder.finish();
      encode.update(1);
      encode.stop();
    } catch (error) {
      encoder.abort();
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    const framesPerSecond = times.length / seconds;
    log.info(
      `${times.length} frames ${output.width}x${output.height} in ${seconds.toFixed(1)} s ` +
        `(${framesPerSecond.toFixed(1)} fps) -> ${output.path}`,
    );

    const result = {
      videoPath: output.path,
      posterPath: output.poster,
      frames: times.length,
      framesPerSecond,
    };
    if (options.poster === false) return result;
    const posterTime = output.posterTimeSeconds ?? 0.85 * output.durationSeconds;
    await writePng(
      output.poster,
      await renderer.render(posterTime),
      output.width,
      output.height,
    );
    log.info(`poster at ${posterTime.toFixed(1)} s -> ${output.poster}`);
    return result;
  } finally {
    renderer.destroy();
  }
}

/** The times of the frames to draw: the full video, a preview, or a range of it. */
function selectTimes(scene: Scene, options: RenderVideoOptions): number[] {
  const { durationSeconds, fps } = scene.output;
  const { range } = options;
  if (range === undefined) return frameTimes(durationSeconds, fps, options.frames);
  const full = fullFrameCount(durationSeconds, fps);
  if (options.frames !== undefined) {
    throw new IcarusError('a preview (--preview) and a frame range cannot be combined');
  }
  const { start, end } = range;
  if (!(
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    0 <= start &&
    start < end &&
    end <= full
  )) {
    throw new IcarusError(
      `frames ${start}:${end}: expected whole numbers with 0 <= start < end <= ${full} ` +
        `(the full video: output.fps ${fps} x output.durationSeconds ${durationSeconds} in ${scene.file})`,
      `give a range inside 0:${full}`,
    );
  }
  return frameTimes(durationSeconds, fps).slice(start, end);
}

/** A preview has 1 to fps x duration frames: more would make a longer video. */
function checkFrames(scene: Scene, frames: number): void {
  const { fps, durationSeconds } = scene.output;
  const full = fullFrameCount(durationSeconds, fps);
  if (Number.isInteger(frames) && frames >= 1 && frames <= full) return;
  throw new IcarusError(
    `--frames ${frames}: expected a whole number from 1 to ${full} (the full video: ` +
      `output.fps ${fps} x output.durationSeconds ${durationSeconds} in ${scene.file})`,
    `give at most ${full} frames, or leave out --frames to render the full video`,
  );
}
