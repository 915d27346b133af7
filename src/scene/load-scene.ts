/**
 * Loads a scene file into fully resolved settings: defaults filled, paths absolute
 * (relative paths resolve against the current folder), the palette merged.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { readYaml, validate } from '../config/yaml-file.js';
import { resolvePalette } from './resolve-palette.js';
import { type Palette } from './palettes.js';
import { sceneSchema, type SceneSettings } from './scene-schema.js';

export const defaultScenePath = 'scenes/icarus.yaml';

/** The path keys of a scene, as written in the file (before resolving). */
export interface WrittenPaths {
  landscape: string;
  'output.path': string;
  'output.poster': string;
}

export interface Scene extends Omit<SceneSettings, 'palette'> {
  /** The scene file, as given; named in error messages. */
  file: string;
  /** The palette with the scene's overrides applied. */
  palette: Palette;
  /** The palette settings as written (name and overrides). */
  paletteSettings: SceneSettings['palette'];
  /** The path keys as written, for error messages. */
  written: WrittenPaths;
}

/** Reads, validates and resolves `file`; errors name the file and the key. */
export function loadScene(file: string): Scene {
  const scene = resolveScene(validate(sceneSchema, readYaml(file), file), file);
  for (const key of ['output.path', 'output.poster'] as const) {
    const path = key === 'output.path' ? scene.output.path : scene.output.poster;
    mustNotBeFolder(path, `${file}: key '${key}': '${scene.written[key]}'`);
  }
  return scene;
}

/**
 * Refuses an output path that is an existing folder (writing it would fail with
 * EISDIR only after every frame was drawn). `where` names the file and key, or flag.
 */
export function mustNotBeFolder(path: string, where: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new IcarusError(
      `${where} is a folder${where.includes(path) ? '' : ` (${path})`}; an output must be a file`,
      'name a file inside it, such as renders/icarus.mp4 or renders/icarus.png',
    );
  }
}

/** Resolves parsed settings; `file` is only used for messages. */
export function resolveScene(settings: SceneSettings, file: string): Scene {
  const { palette, ...rest } = settings;
  return {
    ...rest,
    file,
    landscape: resolve(settings.landscape),
    output: {
      ...settings.output,
      path: resolve(settings.output.path),
      poster: resolve(settings.output.poster),
    },
    palette: resolvePalette(palette),
    paletteSettings: palette,
    written: {
      landscape: settings.landscape,
      'output.path': settings.output.path,
      'output.poster': settings.output.poster,
    },
  };
}
