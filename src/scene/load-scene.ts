/**
 * Loads a scene file into fully resolved settings: defaults filled, paths absolute
 * (relative paths resolve against the current folder), the palette merged.
 */
import { resolve } from 'node:path';
import { readYaml, validate } from '../config/yaml-file.js';
import { resolvePalette } from './resolve-palette.js';
import { type Palette } from './palettes.js';
import { sceneSchema, type SceneSettings } from './scene-schema.js';

export const defaultScenePath = 'scenes/icarus.yaml';

export interface Scene extends Omit<SceneSettings, 'palette'> {
  /** The scene file, as given; named in error messages. */
  file: string;
  /** The palette with the scene's overrides applied. */
  palette: Palette;
  /** The palette settings as written (name and overrides). */
  paletteSettings: SceneSettings['palette'];
}

/** Reads, validates and resolves `file`; errors name the file and the key. */
export function loadScene(file: string): Scene {
  return resolveScene(validate(sceneSchema, readYaml(file), file), file);
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
  };
}
