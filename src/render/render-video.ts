/**
 * `icarus render`: a scene into a video (MP4, WebM, GIF, ProRes MOV or a PNG
 * sequence, by output.path's extension), a poster still with its thumbnail, and a
 * sidecar JSON beside each. Frames go straight from the GL context into the frame
 * sink; nothing is kept on disk but the results.
 */
import { rmSync } from 'node:fs';
import { IcarusError } from '../config/errors.js';
import { type LandscapeBundle } from '../landscape/manifest.js';
import { logger } from '../log/logger.js';
import { Stages } from '../log/progress.js';
import {
  type Scene,
  type SceneOptions,
  type SceneOutput,
} from '../scene/load-scene.js';
import { gifSizePx } from '../video/encoder-args.js';
import { type FfmpegBinary, resolveFfmpeg } from '../video/ffmpeg-binary.js';
import { type FrameSinkOptions, openFrameSink } from '../video/frame-sink.js';
import { checkSequenceFolder } from '../video/png-sequence-sink.js';
import {
  formatOfPath,
  type OutputFormat,
  type OutputFormatName,
  outputFormats,
} from '../video/output-format.js';
import { frameTimes, fullFrameCount } from './frame-times.js';
import { createFrameRenderer, type FrameRenderer } from './frame-renderer.js';
import { progressAt } from './frame-geometry.js';
import {
  checkLandscapePath,
  checkOutputs,
  loadLandscape,
  loadSceneWithOutput,
} from './prepare-render.js';
import {
  buildSidecar,
  sequencePartSidecars,
  sidecarPathOf,
  writeSidecar,
} from './sidecar.js';
import {
  stillSettings,
  thumbnailPathOf,
  writeStill,
  writeThumbnail,
} from './write-still.js';
import { type GlSurface } from '../gl/headless-context.js';

const log = logger('render');

export interface RenderVideoOptions {
  scenePath: string;
  /** Presets, `--set` overrides and quality from the command line. */
  scene?: SceneOptions;
  /**
   * Overrides `output.path` (a video or `.frames` extension of the registry); the
   * poster goes beside it with the same name and output.poster's extension.
   */
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
   * of a render split across runs; not with `frames`, and only for the formats whose
   * parts can be joined (not GIF). A `.frames` part writes its frames into the
   * folder as it is.
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
  /** The video file, or the `.frames` folder. */
  videoPath: string;
  format: OutputFormatName;
  /** The sidecar JSON of the video. */
  sidecarPath: string;
  /** output.poster, written unless `poster: false` (its sidecar: `<posterPath>.json`). */
  posterPath: string;
  /** The poster's thumbnail, when one was written. */
  thumbnailPath?: string;
  frames: number;
  /** Seconds to draw and encode the frames (the poster not included). */
  renderSeconds: number;
  /** Frames drawn and encoded per second of wall time. */
  framesPerSecond: number;
}

export async function renderVideo(
  options: RenderVideoOptions,
): Promise<RenderVideoResult> {
  const loaded = loadSceneWithOutput(
    options.scenePath,
    {
      ...(options.out !== undefined ? { out: options.out } : {}),
      preview: options.frames !== undefined,
    },
    options.scene,
  );
  const format = formatOfPath(loaded.output.path, `${loaded.file}: key 'output.path'`, [
    'video',
    'sequence',
  ]);
  const scene = opaqueUnlessAlpha(loaded, format);
  checkOutputs(scene);
  if (options.frames !== undefined) checkFrames(scene, options.frames);
  if (options.range !== undefined) checkJoinable(scene, format);
  checkLandscapePath(scene);
  // Before the landscape trains: a whole sequence replaces its folder.
  if (format.kind === 'sequence' && options.range === undefined) {
    checkSequenceFolder(scene.output.path);
  }
  const { output } = scene;
  const fps = fileFps(scene, format);
  const times = selectTimes(scene, fps, options);
  // Probed before the landscape trains and the display starts.
  const ffmpeg =
    format.kind === 'video' ? await resolveFfmpeg(options.ffmpeg) : undefined;
  if (options.frames !== undefined && options.out === undefined) {
    log.info(
      `preview of ${frameCount(times.length)} -> ${output.path} (the full render is untouched)`,
    );
  }
  const bundle = await loadLandscape(scene, options.force ?? false);

  const job: FramesJob = {
    format,
    fps,
    times,
    ...(ffmpeg !== undefined ? { ffmpeg } : {}),
    ...(options.range !== undefined ? { range: options.range } : {}),
    ...(options.frames !== undefined ? { preview: options.frames } : {}),
  };
  const renderer = await createFrameRenderer(scene, bundle, options.surface);
  try {
    const renderSeconds = await renderFrames(scene, bundle, renderer, job);
    const framesPerSecond = times.length / renderSeconds;
    log.info(
      `${frameCount(times.length)} ${output.width}x${output.height} in ${renderSeconds.toFixed(1)} s ` +
        `(${framesPerSecond.toFixed(1)} fps), ${format.name} -> ${output.path}`,
    );
    // A whole sequence replaced its folder: the sidecars of earlier parts are stale.
    if (format.kind === 'sequence' && options.range === undefined) {
      for (const part of sequencePartSidecars(output.path)) rmSync(part.path);
    }
    const sidecarPath = writeVideoSidecar(scene, bundle, renderer, {
      ...job,
      renderSeconds,
    });

    const result: RenderVideoResult = {
      videoPath: output.path,
      format: format.name,
      sidecarPath,
      posterPath: output.poster,
      frames: times.length,
      renderSeconds,
      framesPerSecond,
    };
    if (options.poster === false) return result;
    const thumbnailPath = await writePoster(scene, bundle, renderer);
    return { ...result, ...(thumbnailPath !== undefined ? { thumbnailPath } : {}) };
  } finally {
    renderer.destroy();
  }
}

/**
 * A transparent scene stays transparent only for a format with alpha; the others
 * (and their poster, which should match them) render opaque, with a warning.
 */
function opaqueUnlessAlpha(scene: Scene, format: OutputFormat): Scene {
  if (!scene.output.transparent || format.alpha) return scene;
  log.warn(
    `output.transparent: ${format.name} has no alpha, so the video and poster are ` +
      'opaque (.webm, .mov and .frames keep a transparent background)',
  );
  return { ...scene, output: { ...scene.output, transparent: false } };
}

/** Frames per second of the file: a GIF's output.gifFps when lower than output.fps. */
function fileFps(scene: Scene, format: OutputFormat): number {
  const { fps, gifFps } = scene.output;
  return format.name === 'gif' ? Math.min(fps, gifFps) : fps;
}

/** A range renders a part to join later: only formats whose parts join. */
function checkJoinable(scene: Scene, format: OutputFormat): void {
  if (format.joinable) return;
  const joinable = outputFormats.filter((f) => f.joinable).map((f) => f.extension);
  throw new IcarusError(
    `a frame range renders a part to join later, and ${format.name} parts cannot be ` +
      `joined (${scene.output.path})`,
    `render the whole video, or name a ${joinable.join(', ')} output`,
  );
}

interface FramesJob {
  format: OutputFormat;
  /** Frames per second of the file. */
  fps: number;
  times: number[];
  ffmpeg?: FfmpegBinary;
  range?: FrameRange;
  /** A preview's frame count (its frames spread over the whole duration). */
  preview?: number;
}

/**
 * Draws every frame into the format's sink; returns the seconds taken. A frame is
 * drawn while the sink still encodes the one before (its write resolves when it can
 * take more).
 */
async function renderFrames(
  scene: Scene,
  bundle: LandscapeBundle,
  renderer: FrameRenderer,
  job: FramesJob,
): Promise<number> {
  const { output } = scene;
  const stages = new Stages(2, 'render');
  const sink = openFrameSink({
    format: job.format,
    path: output.path,
    fps: job.fps,
    ...sinkSettings(output),
    ...(job.ffmpeg !== undefined ? { ffmpegPath: job.ffmpeg.path } : {}),
    ...(job.range !== undefined && job.format.kind === 'sequence'
      ? { firstFrame: job.range.start }
      : {}),
  });
  const started = performance.now();
  try {
    const bar = stages.stage('render frames', job.times.length, 'frames');
    // Frames are drawn into a ring of arrays, one more than the sink may still read.
    const ring = Array.from(
      { length: sink.framesHeld + 1 },
      () => new Uint8Array(renderer.widthPx * renderer.heightPx * 4),
    );
    for (const [i, t] of job.times.entries()) {
      await sink.write(await renderer.render(t, ring[i % ring.length]));
      const epoch = progressAt(scene, t) * bundle.manifest.curve.epochs;
      bar.update(i + 1, `curve epoch ${epoch.toFixed(1)}`);
    }
    bar.stop();
    const encode = stages.stage('encode', 1, job.format.name);
    await sink.finish();
    encode.update(1);
    encode.stop();
  } catch (error) {
    sink.abort();
    throw error;
  }
  return (performance.now() - started) / 1000;
}

/** The frame size and encoder settings of a scene's output, as its sink takes them. */
export function sinkSettings(
  output: SceneOutput,
): Pick<
  FrameSinkOptions,
  'widthPx' | 'heightPx' | 'transparent' | 'crf' | 'preset' | 'vp9Crf' | 'gifWidthPx'
> {
  return {
    widthPx: output.width,
    heightPx: output.height,
    transparent: output.transparent,
    crf: output.crf,
    preset: output.encoderPreset,
    vp9Crf: output.vp9Crf,
    gifWidthPx: output.gifWidth,
  };
}

/** The sidecar of the video (or sequence); returns its path. */
function writeVideoSidecar(
  scene: Scene,
  bundle: LandscapeBundle,
  renderer: FrameRenderer,
  job: FramesJob & { renderSeconds: number },
): string {
  const { output } = scene;
  const size =
    job.format.name === 'gif'
      ? gifSizePx(output.width, output.height, output.gifWidth)
      : { widthPx: output.width, heightPx: output.height };
  return writeSidecar(
    sidecarPathOf(output.path, job.format, job.range),
    buildSidecar({
      scene,
      bundle,
      format: job.format,
      output: {
        path: output.path,
        ...size,
        fps: job.fps,
        frames: job.times.length,
        ...(job.range !== undefined ? { range: job.range } : {}),
        ...(job.preview !== undefined ? { preview: job.preview } : {}),
        transparent: output.transparent,
      },
      backend: renderer.glStrings,
      ...(job.ffmpeg !== undefined ? { ffmpegVersion: job.ffmpeg.version } : {}),
      renderSeconds: job.renderSeconds,
    }),
  );
}

/**
 * The poster (output.poster, by its extension), its sidecar and, when
 * output.thumbnailWidth is not 0, its thumbnail; returns the thumbnail's path.
 */
async function writePoster(
  scene: Scene,
  bundle: LandscapeBundle,
  renderer: FrameRenderer,
): Promise<string | undefined> {
  const { output } = scene;
  const format = formatOfPath(output.poster, `${scene.file}: key 'output.poster'`, [
    'still',
  ]);
  const started = performance.now();
  const timeSeconds = output.posterTimeSeconds ?? 0.85 * output.durationSeconds;
  const frame = await renderer.render(timeSeconds);
  const settings = stillSettings(scene);
  await writeStill(output.poster, format, frame, settings);
  const renderSeconds = (performance.now() - started) / 1000;
  writeSidecar(
    sidecarPathOf(output.poster),
    buildSidecar({
      scene,
      bundle,
      format,
      output: {
        path: output.poster,
        widthPx: output.width,
        heightPx: output.height,
        frames: 1,
        timeSeconds,
        transparent: output.transparent && format.alpha,
      },
      backend: renderer.glStrings,
      renderSeconds,
    }),
  );
  log.info(`poster at ${timeSeconds.toFixed(1)} s -> ${output.poster}`);
  if (output.thumbnailWidth === 0) return undefined;
  const thumbnailPath = thumbnailPathOf(output.poster);
  await writeThumbnail(thumbnailPath, frame, output.thumbnailWidth, settings);
  // writeThumbnail never makes it wider than the frame.
  const thumbnailWidthPx = Math.min(output.thumbnailWidth, output.width);
  log.info(`thumbnail ${thumbnailWidthPx} px wide -> ${thumbnailPath}`);
  return thumbnailPath;
}

/** The times of the frames to draw: the full video, a preview, or a range of it. */
function selectTimes(
  scene: Scene,
  fileFps: number,
  options: RenderVideoOptions,
): number[] {
  const { durationSeconds, fps } = scene.output;
  const { range } = options;
  if (range === undefined) return frameTimes(durationSeconds, fileFps, options.frames);
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
    `--preview ${frames}: expected a whole number from 1 to ${full} (the full video: ` +
      `output.fps ${fps} x output.durationSeconds ${durationSeconds} in ${scene.file})`,
    `give at most ${full} frames, or leave out --preview to render the full video`,
  );
}

/** `1 frame`, `24 frames`. */
function frameCount(count: number): string {
  return `${count} frame${count === 1 ? '' : 's'}`;
}
