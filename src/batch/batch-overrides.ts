/**
 * A batch file's `set` (the batch's own or an entry's) as `--set` texts, each checked
 * on its own so an error names the `set` it came from, not a flag nobody typed. The
 * output paths are refused: the name template decides them.
 */
import { z } from 'zod';
import { IcarusError } from '../config/errors.js';
import { nearestKey, unwrap } from '../config/yaml-file.js';
import { parseSet } from '../scene/overrides.js';
import { presetNames, type PresetKind } from '../scene/presets.js';
import { sceneSchema } from '../scene/scene-schema.js';
import { type BatchSettings } from './batch-schema.js';

/** One override: its `--set` text and where the batch file gives it. */
export interface BatchOverride {
  text: string;
  /** `key 'scenes[0].set'`, `key 'set[1]'`: the key path in the batch file. */
  where: string;
}

/** Keys the batch sets itself, from its name template and output folder. */
const outputKeys = ['output.path', 'output.poster'];

/**
 * The overrides of `set` (at key path `key` of `file`), each checked against the
 * scene schema; throws an IcarusError naming the file, the key, the value and a fix.
 */
export function batchOverrides(
  set: BatchSettings['set'],
  file: string,
  key: string,
): BatchOverride[] {
  if (set === undefined) return [];
  const overrides = Array.isArray(set)
    ? set.map((text, i) => ({ text, where: `key '${key}[${i}]'` }))
    : Object.entries(set).map(([path, value]) => ({
        text: `${path}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
        where: `key '${key}'`,
      }));
  for (const override of overrides) checkOverride(override, file);
  return overrides;
}

function checkOverride({ text, where }: BatchOverride, file: string): void {
  const at = `${file}: ${where}`;
  const equals = text.indexOf('=');
  const key = equals < 0 ? '' : text.slice(0, equals).trim();
  const path = key.split('.');
  if (key === '' || path.some((part) => part === '')) {
    throw new IcarusError(
      `${at}: '${text}' is not key.path=value`,
      'write it like set: ["output.fps=12"] or set: { output.fps: 12 }',
    );
  }
  if (outputKeys.includes(key)) {
    throw new IcarusError(
      `${at}: scene key '${key}' cannot be set in a batch: the name template ` +
        "(key 'name') names every output and its poster",
      `remove ${key}; change key 'name' to name the outputs, and key 'out' (or --out) for their folder`,
    );
  }
  const unknown = unknownKey(path);
  if (unknown) throw new IcarusError(`${at}: ${unknown.message}`, unknown.fix);
  const [kind, field] = path;
  if (
    (kind === 'palette' || kind === 'camera') &&
    field === 'preset' &&
    path.length === 2
  ) {
    checkPreset(
      kind,
      text.slice(equals + 1).trim(),
      `${at}: scene key '${path.join('.')}'`,
    );
  }
  try {
    parseSet(text, sceneSchema);
  } catch (error) {
    if (!(error instanceof IcarusError)) throw error;
    // The value is wrong for its key: the same check as --set, named as the batch's.
    const flag = `--set '${text}': `;
    const lines = messageOf(error)
      .split('\n')
      .map((line) => {
        const rest = line.startsWith(flag) ? line.slice(flag.length) : line;
        return `${at}: scene ${rest.startsWith("key '") ? rest : `key '${key}': ${rest}`}`;
      });
    throw new IcarusError(
      lines.join('\n'),
      error.fix ?? 'docs/scene.md gives the type and range of every scene key',
    );
  }
}

/** The message of an IcarusError without its fix line. */
function messageOf(error: IcarusError): string {
  const fix = error.fix === undefined ? '' : `\n  fix: ${error.fix}`;
  return fix && error.message.endsWith(fix)
    ? error.message.slice(0, -fix.length)
    : error.message;
}

/** Why `path` is no scene key, naming the nearest full key; undefined when it is one. */
function unknownKey(path: string[]): { message: string; fix: string } | undefined {
  let node: z.ZodType | undefined = sceneSchema;
  for (const [i, part] of path.entries()) {
    const object = unwrap(node);
    const key = path.join('.');
    const parent = path.slice(0, i).join('.');
    if (!(object instanceof z.ZodObject)) {
      return {
        message: `no scene key '${key}': ${parent} has no keys inside it`,
        fix: `set ${parent} itself, such as { ${parent}: ... }`,
      };
    }
    const known = Object.keys(object.shape);
    node = object.shape[part] as z.ZodType | undefined;
    if (node) continue;
    const near = nearestKey(part, known);
    const full = (name: string) => (parent ? `${parent}.${name}` : name);
    return {
      message:
        `no scene key '${key}'` +
        (near ? `; did you mean '${full(near)}'?` : '') +
        ` (keys ${parent ? `of ${parent}` : 'of a scene'}: ${known.join(', ')})`,
      fix: near
        ? `write ${full(near)}; docs/scene.md lists every scene key`
        : 'docs/scene.md lists every scene key',
    };
  }
  return undefined;
}

/**
 * Refuses a preset name no file defines, naming the nearest; `at` names the file and
 * key. A preset set by a batch's `set` is checked here, so the error names that `set`.
 */
export function checkPreset(kind: PresetKind, name: string, at: string): void {
  const known = presetNames(kind);
  if (known.includes(name)) return;
  const near = nearestKey(name, known);
  throw new IcarusError(
    `${at}: no ${kind} preset '${name}'` +
      (near ? `; did you mean '${near}'?` : '') +
      ` (presets: ${known.join(', ')})`,
    'see icarus presets',
  );
}
