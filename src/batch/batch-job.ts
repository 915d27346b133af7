/** One render of a batch: a scene with its presets, overrides, format and size. */
import { type SceneOptions } from '../scene/load-scene.js';
import { type Quality } from '../scene/quality.js';
import { type OutputFormat, type OutputFormatName } from '../video/output-format.js';

export interface BatchJob {
  /** From 1, in the order the batch file expands (scene, palette, camera, format, size). */
  index: number;
  /** The scene file as the batch file names it. */
  scenePath: string;
  /** The scene file's name without folder and extension ({scene}). */
  sceneName: string;
  palette: string;
  camera: string;
  format: OutputFormatName;
  kind: OutputFormat['kind'];
  quality: Quality;
  /** The size rendered (after the quality's scaling). */
  widthPx: number;
  heightPx: number;
  /** What the render is given: presets, overrides (the size among them), quality. */
  options: SceneOptions;
  /** Still formats: seconds into the video of the frame; undefined for the poster time. */
  timeSeconds: number | undefined;
  /** Absolute paths of the output and of its poster (a still is its own poster). */
  output: string;
  poster: string;
  /** The scene's landscape (a training config or a bundle folder), absolute. */
  landscape: string;
  /** The fully resolved scene as JSON, without its paths: what the render draws. */
  sceneJson: string;
  /** Frames in the output: the full video's for a video or sequence, 1 for a still. */
  frames: number;
  /** Pixels to draw, to start the longest jobs first. */
  costPx: number;
}

/** `320x180` */
export function sizeOf(job: Pick<BatchJob, 'widthPx' | 'heightPx'>): string {
  return `${job.widthPx}x${job.heightPx}`;
}

/** `icarus ember orbit mp4 320x180`: a job in messages and labels. */
export function describeJob(job: BatchJob): string {
  return `${job.sceneName} ${job.palette} ${job.camera} ${job.format} ${sizeOf(job)}`;
}
