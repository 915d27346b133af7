/**
 * The shared start of `render` and `still`: the scene loaded and checked, the
 * landscape trained or found, the bundle loaded.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { ensureLandscape } from '../landscape/ensure.js';
import { loadBundle, type LandscapeBundle } from '../landscape/manifest.js';
import { logger } from '../log/logger.js';
import { formatOfPath } from '../video/output-format.js';
import {
  checkOutputPath,
  loadScene,
  mustFitOutput,
  mustNotBeFolder,
  type Scene,
  type SceneOptions,
} from '../scene/load-scene.js';

const log = logger('render');

export interface Prepared {
  scene: Scene;
  bundle: LandscapeBundle;
}

export interface VideoOutputs {
  /** Given with `--out`: the video goes there, the poster beside it. */
  out?: string;
  /** A `--preview` render: without `--out` it gets `-preview` names. */
  preview?: boolean;
}

/**
 * Loads the scene and picks where `render` writes. `--out a/b.webm` (any video or
 * `.frames` extension) writes the video there and the poster to `a/b.png` (the
 * extension of output.poster); a preview without `--out` writes
 * `<output.path name>-preview.mp4` and `<output.poster name>-preview.png` beside the
 * scene's outputs, so the full render is never overwritten by a short one.
 */
export function loadSceneWithOutput(
  scenePath: string,
  outputs: VideoOutputs = {},
  options: SceneOptions = {},
): Scene {
  const scene = loadScene(scenePath, options);
  const { out, preview } = outputs;
  if (out !== undefined) {
    formatOfPath(out, '--out', ['video', 'sequence']);
    const path = resolve(out);
    mustFitOutput(path, `--out '${out}'`);
    const posterExtension = extname(scene.output.poster);
    const poster = join(
      dirname(path),
      `${basename(path, extname(path))}${posterExtension}`,
    );
    mustNotBeFolder(poster, `the poster beside --out '${out}'`);
    return { ...scene, output: { ...scene.output, path, poster } };
  }
  if (!preview) {
    checkOutputPath(scene, 'output.path');
    checkOutputPath(scene, 'output.poster');
    return scene;
  }
  const path = previewPath(scene.output.path);
  const poster = previewPath(scene.output.poster);
  mustFitOutput(path, `the preview video beside output.path in ${scene.file}`);
  mustNotBeFolder(poster, `the preview poster beside output.poster in ${scene.file}`);
  return { ...scene, output: { ...scene.output, path, poster } };
}

/** `renders/icarus.mp4` -> `renders/icarus-preview.mp4`. */
function previewPath(path: string): string {
  const extension = extname(path);
  return join(dirname(path), `${basename(path, extension)}-preview${extension}`);
}

/** Refuses option combinations that cannot work, before any training or drawing. */
export function checkOutputs(scene: Scene): void {
  if (scene.output.path === scene.output.poster) {
    throw new IcarusError(
      `${scene.file}: output.path and output.poster are both ${scene.output.path}`,
      'give the poster its own still path (or pass a different --out)',
    );
  }
}

/**
 * Refuses a `landscape` that does not exist, naming the scene file and the key; run
 * before any other work, since ensureLandscape would only name the resolved path.
 */
export function checkLandscapePath(scene: Scene): void {
  if (existsSync(scene.landscape)) return;
  throw new IcarusError(
    `${scene.file}: key 'landscape': '${scene.written.landscape}' does not exist ` +
      `(relative paths resolve against the current folder ${process.cwd()})`,
    'run icarus from the project folder, or give a training config (.yaml) or a ' +
      'bundle folder written by `icarus train`, relative to that folder or absolute',
  );
}

export async function loadLandscape(
  scene: Scene,
  force: boolean,
): Promise<LandscapeBundle> {
  checkLandscapePath(scene);
  const dir = await ensureLandscape(scene.landscape, { force });
  const bundle = loadBundle(dir);
  const { manifest } = bundle;
  log.info(
    `landscape ${manifest.name} (${manifest.plane.gridShape.join('x')} grid, ` +
      `${manifest.snapshots.length} snapshots) from ${dir}`,
  );
  return bundle;
}
