/**
 * `icarus render`: a scene into an MP4 and a poster PNG. Frames go straight from the
 * GL context into ffmpeg's stdin; nothing is kept on disk but the results.
 */
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { Stages } from '../log/progress.js';
import { resolveFfmpeg } from '../video/ffmpeg-binary.js';
import { openVideoEncoder } from '../video/video-encoder.js';
import { frameTimes } from './frame-times.js';
import { createFrameRenderer } from './frame-renderer.js';
import { progressAt } from './frame-geometry.js';
import { checkOutputs, loadLandscape, loadSceneWithOutput } from './prepare-render.js';
import { writePng } from './write-png.js';

const log = logger('render');

export interface RenderVideoOptions {
  scenePath: string;
  /** Overrides `output.path`. */
  out?: string;
  /** An ffmpeg binary; see `resolveFfmpeg` for the default order. */
  ffmpeg?: string;
  /** Train the landscape again even when its bundle exists. */
  force?: boolean;
  /** A preview of this many frames spread over the whole duration. */
  frames?: number;
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
  const scene = loadSceneWithOutput(options.scenePath, options.out);
  checkOutputs(scene);
  if (
    options.frames !== undefined &&
    !(Number.isInteger(options.frames) && options.frames >= 1)
  ) {
    throw new IcarusError(
      `--frames ${options.frames}: expected a whole number of 1 or more`,
    );
  }
  const { output } = scene;
  const times = frameTimes(output.durationSeconds, output.fps, options.frames);
  const ffmpeg = await resolveFfmpeg(options.ffmpeg);
  const bundle = await loadLandscape(scene, options.force ?? false);

  const renderer = await createFrameRenderer(scene, bundle);
  const stages = new Stages(2, 'render');
  try {
    const encoder = openVideoEncoder({
      ffmpegPath: ffmpeg.path,
      path: output.path,
      widthPx: output.width,
      heightPx: output.height,
      fps: output.fps,
      crf: output.crf,
    });
    const started = performance.now();
    try {
      const bar = stages.stage('render frames', times.length, 'frames');
      for (const [i, t] of times.entries()) {
        await encoder.write(renderer.render(t));
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

    const posterTime = output.posterTimeSeconds ?? 0.85 * output.durationSeconds;
    await writePng(
      output.poster,
      renderer.render(posterTime),
      output.width,
      output.height,
    );
    log.info(`poster at ${posterTime.toFixed(1)} s -> ${output.poster}`);
    return {
      videoPath: output.path,
      posterPath: output.poster,
      frames: times.length,
      framesPerSecond,
    };
  } finally {
    renderer.destroy();
  }
}
