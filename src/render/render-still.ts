/**
 * `icarus still`: one frame of a scene as a PNG, JPEG or WebP (by the extension of
 * `--out`, else of output.poster), with a sidecar JSON beside it.
 */
import { resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import {
  checkOutputPath,
  loadScene,
  mustNotBeFolder,
  type Scene,
  type SceneOptions,
} from '../scene/load-scene.js';
import { formatOfPath, type OutputFormat } from '../video/output-format.js';
import { createFrameRenderer } from './frame-renderer.js';
import { checkLandscapePath, loadLandscape } from './prepare-render.js';
import { buildSidecar, sidecarPathOf, writeSidecar } from './sidecar.js';
import { stillSettings, writeStill } from './write-still.js';
import { type GlSurface } from '../gl/headless-context.js';

const log = logger('render');

export interface RenderStillOptions {
  scenePath: string;
  /** Presets, `--set` overrides, quality and transparency from the command line. */
  scene?: SceneOptions;
  /** Seconds into the video; default the poster time. */
  timeSeconds?: number;
  /** The still to write (.png, .jpg, .jpeg or .webp); default output.poster. */
  out?: string;
  force?: boolean;
  /** A GL context to draw on (a batch worker's); default a context of its own. */
  surface?: GlSurface;
}

/** Renders the frame and returns the still's path; its sidecar is `<path>.json`. */
export async function renderStill(options: RenderStillOptions): Promise<string> {
  const loaded = loadScene(options.scenePath, options.scene);
  const { output } = loaded;
  const time =
    options.timeSeconds ?? output.posterTimeSeconds ?? 0.85 * output.durationSeconds;
  if (!(time >= 0 && time <= output.durationSeconds)) {
    throw new IcarusError(
      `--time ${options.timeSeconds}: outside the video (0 to ${output.durationSeconds} s, ` +
        `output.durationSeconds in ${loaded.file})`,
      `give a time from 0 to ${output.durationSeconds}`,
    );
  }
  let path = output.poster;
  let format = formatOfPath(path, `${loaded.file}: key 'output.poster'`, ['still']);
  if (options.out === undefined) checkOutputPath(loaded, 'output.poster');
  else {
    format = formatOfPath(options.out, '--out', ['still']);
    path = resolve(options.out);
    mustNotBeFolder(path, `--out '${options.out}'`);
  }
  const scene = opaqueUnlessAlpha(loaded, format);
  checkLandscapePath(scene);
  const bundle = await loadLandscape(scene, options.force ?? false);
  const renderer = await createFrameRenderer(scene, bundle, options.surface);
  try {
    const started = performance.now();
    await writeStill(path, format, await renderer.render(time), stillSettings(scene));
    writeSidecar(
      sidecarPathOf(path),
      buildSidecar({
        scene,
        bundle,
        format,
        output: {
          path,
          widthPx: output.width,
          heightPx: output.height,
          frames: 1,
          timeSeconds: time,
          transparent: scene.output.transparent,
        },
        backend: renderer.glStrings,
        renderSeconds: (performance.now() - started) / 1000,
      }),
    );
  } finally {
    renderer.destroy();
  }
  log.info(
    `frame at ${time.toFixed(2)} s, palette ${scene.palette.preset}, camera ` +
      `${scene.camera.preset}, ${scene.quality} quality` +
      `${scene.output.transparent ? ', transparent' : ''} -> ${path}`,
  );
  return path;
}

/**
 * A JPEG has no alpha: a transparent scene is drawn with its backdrop instead (a
 * warning says so), which looks as the video does rather than flattened.
 */
function opaqueUnlessAlpha(scene: Scene, format: OutputFormat): Scene {
  if (!scene.output.transparent || format.alpha) return scene;
  log.warn(`output.transparent: ${format.name} has no alpha, so the still is opaque`);
  return { ...scene, output: { ...scene.output, transparent: false } };
}
