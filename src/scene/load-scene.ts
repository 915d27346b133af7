/**
 * Loads a scene file into fully resolved settings, the one `Scene` the renderer
 * receives. Order, lowest first: schema defaults < preset file < scene file <
 * `--palette` / `--camera` (choose the preset) < `--set` (any key) < `--quality`.
 * Paths become absolute (relative paths resolve against the current folder).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { readYaml, validate } from '../config/yaml-file.js';
import { findFormatOfPath } from '../video/output-format.js';
import { isRecord, parseSet, setAt } from './overrides.js';
import { type Palette } from './palettes.js';
import { loadPreset, type PresetKind } from './presets.js';
import { applyQuality, type Quality } from './quality.js';
import { cameraSection, sceneSchema, type SceneSettings } from './scene-schema.js';
import { renderSizeProblem, supersampleFactor } from './sections/output.js';
import { palette as paletteColours } from './sections/palette.js';

export const defaultScenePath = 'scenes/icarus.yaml';

/** What the command line changes in a scene. */
export interface SceneOptions {
  /** `--palette NAME`: the palette preset. */
  palette?: string;
  /** `--camera NAME`: the camera preset. */
  camera?: string;
  /** `--set key.path=value`, in order (a later one wins). */
  set?: string[];
  /** `--quality`; default final. */
  quality?: Quality;
  /** `--transparent`: sets output.transparent. */
  transparent?: boolean;
}

/** The path keys of a scene, as written in the file (before resolving). */
export interface WrittenPaths {
  landscape: string;
  'output.path': string;
  'output.poster': string;
}

/** The output section with `supersample: auto` resolved to a factor. */
export type SceneOutput = Omit<SceneSettings['output'], 'supersample'> & {
  supersample: number;
};

export interface Scene extends Omit<SceneSettings, 'palette' | 'output'> {
  output: SceneOutput;
  /** The scene file, as given; named in error messages. */
  file: string;
  /** Every colour, the preset's with the scene's overrides, and the preset's name. */
  palette: Palette & { preset: string };
  /** The quality the scene was resolved at. */
  quality: Quality;
  /** The path keys as written, for error messages. */
  written: WrittenPaths;
}

/**
 * Reads, validates and resolves `file`; errors name the file (or flag) and the key.
 * The output paths are checked by the commands that write them (`checkOutputPath`):
 * a still given `--out` never writes output.path.
 */
export function loadScene(file: string, options: SceneOptions = {}): Scene {
  return resolveScene(readYaml(file), file, options);
}

/** Refuses the scene's `key` output when it cannot be written (see mustFitOutput). */
export function checkOutputPath(
  scene: Scene,
  key: 'output.path' | 'output.poster',
): void {
  const path = key === 'output.path' ? scene.output.path : scene.output.poster;
  mustFitOutput(path, `${scene.file}: key '${key}': '${scene.written[key]}'`);
}

/**
 * Refuses an output path that cannot be written: a folder where a file goes, or a
 * file where a PNG sequence (a `.frames` folder) goes. `where` names the file and
 * key, or flag.
 */
export function mustFitOutput(path: string, where: string): void {
  if (findFormatOfPath(path)?.kind !== 'sequence') return mustNotBeFolder(path, where);
  if (existsSync(path) && !statSync(path).isDirectory()) {
    throw new IcarusError(
      `${where} is a file${where.includes(path) ? '' : ` (${path})`}; a PNG sequence ` +
        'is a folder of frames',
      'remove the file, or name the sequence another .frames folder',
    );
  }
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

/**
 * Resolves scene data as read from a file (or built by a test); `file` is only used
 * for messages. Presets are merged as written, so a key the scene leaves out takes
 * the preset's value and only then the schema default.
 */
export function resolveScene(
  data: unknown,
  file: string,
  options: SceneOptions = {},
): Scene {
  if (!isRecord(data)) validate(sceneSchema, data, file);
  let raw = data as Record<string, unknown>;
  const chosenBy: Record<PresetKind, string> = {
    palette: `${file}: key 'palette.preset'`,
    camera: `${file}: key 'camera.preset'`,
  };
  for (const kind of ['palette', 'camera'] as const) {
    const name = options[kind];
    if (name === undefined) continue;
    raw = setAt(raw, [kind, 'preset'], name);
    chosenBy[kind] = `--${kind} '${name}'`;
  }
  if (options.transparent) raw = setAt(raw, ['output', 'transparent'], true);
  for (const text of options.set ?? []) {
    const set = parseSet(text, sceneSchema);
    raw = setAt(raw, set.path, set.value);
    const [kind, key] = set.path;
    if ((kind === 'palette' || kind === 'camera') && key === 'preset') {
      chosenBy[kind] = set.where;
    }
  }
  const settings = validate(sceneSchema, raw, file);

  const palettePreset = loadPreset(
    'palette',
    settings.palette.preset,
    chosenBy.palette,
  );
  const cameraPreset = loadPreset('camera', settings.camera.preset, chosenBy.camera);
  const where = (presetFile: string) => `${file} over ${presetFile}`;
  const colours = validate(
    paletteColours,
    { ...palettePreset.values, ...without(raw.palette, 'preset') },
    where(palettePreset.file),
  );
  const camera = validate(
    cameraSection,
    { ...cameraPreset.values, ...without(raw.camera, 'preset') },
    where(cameraPreset.file),
  );

  const scene: Scene = {
    ...settings,
    file,
    landscape: resolve(settings.landscape),
    output: {
      ...settings.output,
      supersample: supersampleFactor(settings.output),
      path: resolve(settings.output.path),
      poster: resolve(settings.output.poster),
    },
    palette: { ...colours, preset: settings.palette.preset },
    camera: { ...camera, preset: settings.camera.preset },
    quality: options.quality ?? 'final',
    written: {
      landscape: settings.landscape,
      'output.path': settings.output.path,
      'output.poster': settings.output.poster,
    },
  };
  const rendered = applyQuality(scene, scene.quality);
  const problem = renderSizeProblem(rendered.output);
  if (problem) {
    throw new IcarusError(
      `${file}: key 'output.supersample': ${problem}` +
        (rendered.quality === 'final' ? '' : ` (at --quality ${rendered.quality})`),
    );
  }
  return rendered;
}

/**
 * A section as written, without one key and keys set to nothing (so they do not hide
 * the preset's values), and `{}` when it is not an object.
 */
function without(section: unknown, key: string): Record<string, unknown> {
  if (!isRecord(section)) return {};
  return Object.fromEntries(
    Object.entries(section).filter(([k, v]) => k !== key && v !== undefined),
  );
}
