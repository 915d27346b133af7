/** `icarus still`: one frame of a scene as a PNG. */
import { resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { mustNotBeFolder, type SceneOptions } from '../scene/load-scene.js';
import { createFrameRenderer } from './frame-renderer.js';
import {
  checkLandscapePath,
  loadLandscape,
  loadSceneWithOutput,
  mustHaveExtension,
} from './prepare-render.js';
import { writePng } from './write-png.js';
import { type GlSurface } from '../gl/headless-context.js';

const log = logger('render');

export interface RenderStillOptions {
  scenePath: string;
  /** Presets, `--set` overrides, quality and transparency from the command line. */
  scene?: SceneOptions;
  /** Seconds into the video; default the poster time. */
  timeSeconds?: number;
  /** The PNG to write (must end in .png); default the scene's `output.poster`. */
  out?: string;
  force?: boolean;
  /** A GL context to draw on (a batch worker's); default a context of its own. */
  surface?: GlSurface;
}

/** Renders the frame and returns the PNG path. */
export async function renderStill(options: RenderStillOptions): Promise<string> {
  const scene = loadSceneWithOutput(options.scenePath, {}, options.scene);
  const { output } = scene;
  const time =
    options.timeSeconds ?? output.posterTimeSeconds ?? 0.85 * output.durationSeconds;
  if (!(time >= 0 && time <= output.durationSeconds)) {
    throw new IcarusError(
      `--time ${options.timeSeconds}: outside the video (0 to ${output.durationSeconds} s, ` +
        `output.durationSeconds in ${scene.file})`,
      `give a time from 0 to ${output.durationSeconds}`,
    );
  }
  let path = output.poster;
  if (options.out !== undefined) {
    path = resolve(mustHaveExtension(options.out, '--out', '.png', 'still writes PNG'));
    mustNotBeFolder(path, `--out '${options.out}'`);
  }
  checkLandscapePath(scene);
  const bundle = await loadLandscape(scene, options.force ?? false);
  const renderer = await createFrameRenderer(scene, bundle, options.surface);
  try {
    await writePng(path, await renderer.render(time), output.width, output.height);
  } finally {
    renderer.destroy();
  }
  log.info(
    `frame at ${time.toFixed(2)} s, palette ${scene.palette.preset}, camera ` +
      `${scene.camera.preset}, ${scene.quality} quality` +
      `${output.transparent ? ', transparent' : ''} -> ${path}`,
  );
  return path;
}
