/** One batch job drawn on a lent GL context: a video (with its poster) or a still. */
import { type GlSurface } from '../gl/headless-context.js';
import { renderStill } from '../render/render-still.js';
import { renderVideo } from '../render/render-video.js';
import { type SceneOptions } from '../scene/load-scene.js';
import { type OutputFormat } from '../video/output-format.js';

/** What a worker needs to render a job; plain data, sent between processes. */
export interface JobRequest {
  scenePath: string;
  options: SceneOptions;
  kind: OutputFormat['kind'];
  /** Absolute; a video's poster goes beside it as `<name>.png`. */
  output: string;
  timeSeconds?: number;
  /** A video's ffmpeg binary (render's --ffmpeg). */
  ffmpeg?: string;
}

export interface JobReply {
  /** Wall time of the render, or of the attempt. */
  seconds: number;
  /** Why the render failed (its message, with the fix when known). */
  error?: string;
}

/**
 * Renders `request` on `surface`; the landscape must exist (it is only loaded). A
 * failure is caught and returned, so the worker goes on to its next job.
 */
export async function renderJob(
  request: JobRequest,
  surface: () => Promise<GlSurface>,
): Promise<JobReply> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    await render(request, await surface());
    return { seconds: seconds() };
  } catch (error) {
    return {
      seconds: seconds(),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

async function render(request: JobRequest, surface: GlSurface): Promise<void> {
  const { scenePath, options, output } = request;
  if (request.kind === 'still') {
    await renderStill({
      scenePath,
      scene: options,
      out: output,
      surface,
      ...(request.timeSeconds !== undefined
        ? { timeSeconds: request.timeSeconds }
        : {}),
    });
  } else {
    await renderVideo({
      scenePath,
      scene: options,
      out: output,
      surface,
      ...(request.ffmpeg !== undefined ? { ffmpeg: request.ffmpeg } : {}),
    });
  }
}
