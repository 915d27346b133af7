/**
 * Preset files: `config/presets/palettes/<name>.yaml` and
 * `config/presets/cameras/<name>.yaml`, shipped with Icarus (found beside the package,
 * not the current folder). Each holds a one-line `description` and settings of its
 * section; a palette preset gives every required colour (the optional ones have
 * defaults in the renderer), a camera preset any of the camera keys (the rest take the
 * schema defaults).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { IcarusError } from '../config/errors.js';
import { nearestKey, readYaml, validate } from '../config/yaml-file.js';
import { camera } from './sections/camera.js';
import { palette } from './sections/palette.js';

export type PresetKind = 'palette' | 'camera';

export const presetKinds: PresetKind[] = ['palette', 'camera'];

/** The folder of all presets (compiled code sits in dist/src/scene). */
export const presetsDir = fileURLToPath(
  new URL('../../../config/presets/', import.meta.url),
);

const description = z
  .string()
  .min(1)
  .describe('one line saying what the preset looks like, for icarus presets');

/** What a preset file may hold, per kind. */
export const presetSchemas = {
  palette: palette.extend({ description }),
  camera: camera.partial().extend({ description }),
} satisfies Record<PresetKind, z.ZodObject>;

export interface Preset {
  kind: PresetKind;
  name: string;
  /** The preset file, as shown in messages (relative to the current folder when inside it). */
  file: string;
  description: string;
  /** The section's keys as written in the file (no defaults filled). */
  values: Record<string, unknown>;
}

/** The folder holding the presets of `kind`. */
export function presetFolder(kind: PresetKind): string {
  return join(presetsDir, `${kind}s`);
}

/** The names of the presets of `kind`, sorted. */
export function presetNames(kind: PresetKind): string[] {
  const folder = presetFolder(kind);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/**
 * Reads and validates the preset `name` of `kind`. An unknown name is an error naming
 * `where` (the scene key or the flag that chose it), the known names and the nearest.
 */
export function loadPreset(kind: PresetKind, name: string, where: string): Preset {
  const names = presetNames(kind);
  if (!names.includes(name)) {
    const near = nearestKey(name, names);
    throw new IcarusError(
      `${where}: unknown ${kind} preset '${name}'` +
        `${near ? `; did you mean '${near}'?` : ''} (known: ${names.join(', ')})`,
      `name one of the files in ${shown(presetFolder(kind))}, without .yaml`,
    );
  }
  return readPresetFile(kind, shown(join(presetFolder(kind), `${name}.yaml`)));
}

/** Reads and validates one preset file; errors name the file and the key. */
export function readPresetFile(kind: PresetKind, file: string): Preset {
  const data = readYaml(file);
  validate(presetSchemas[kind], data, file);
  const { description: text, ...values } = data as Record<string, unknown>;
  const name = basename(file, extname(file));
  return { kind, name, file, description: String(text), values };
}

/** Every preset of `kind`, read and validated. */
export function listPresets(kind: PresetKind): Preset[] {
  return presetNames(kind).map((name) => loadPreset(kind, name, shown(presetsDir)));
}

/** A path relative to the current folder when inside it, else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
