/**
 * The shared start of `render` and `still`: the scene loaded and checked, the
 * landscape trained or found, the bundle loaded.
 */
import { extname, resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { ensureLandscape } from '../landscape/ensure.js';
import { loadBundle, type LandscapeBundle } from '../landscape/manifest.js';
import { logger } from '../log/logger.js';
import { loadScene, type Scene } from '../scene/load-scene.js';

const log = logger('render');

export interface Prepared {
  scene: Scene;
  bundle: LandscapeBundle;
}

/** Loads the scene and applies `--out` to `output.path` (video) or a still path. */
export function loadSceneWithOutput(scenePath: string, videoOut?: string): Scene {
  const scene = loadScene(scenePath);
  if (!videoOut) return scene;
  if (extname(videoOut).toLowerCase() !== '.mp4') {
    log.warn(`--out ${videoOut}: the file is an MP4 video whatever its extension`);
  }
  return { ...scene, output: { ...scene.output, path: resolve(videoOut) } };
}

/** Refuses option combinations that cannot work, before any training or drawing. */
export function checkOutputs(scene: Scene): void {
  if (scene.output.path === scene.output.poster) {
    throw new IcarusError(
      `${scene.file}: output.path and output.poster are both ${scene.output.path}`,
      'give the poster its own .png path (or pass a different --out)',
    );
  }
}

export async function loadLandscape(
  scene: Scene,
  force: boolean,
): Promise<LandscapeBundle> {
  const dir = await ensureLandscape(scene.landscape, { force });
  const bundle = loadBundle(dir);
  const { manifest } = bundle;
  log.info(
    `landscape ${manifest.name} (${manifest.plane.gridShape.join('x')} grid, ` +
      `${manifest.snapshots.length} snapshots) from ${dir}`,
  );
  return bundle;
}
