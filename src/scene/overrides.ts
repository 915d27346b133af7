/**
 * `--set key.path=value`: one scene key set from the command line, its text typed by
 * the schema (numbers, booleans, names; lists and objects as YAML flow, such as
 * `palette.background=["#000000", "#101020"]`) and validated before anything else.
 */
import YAML from 'yaml';
import { z } from 'zod';
import { IcarusError, describeValue } from '../config/errors.js';
import { keyPath, suggestion, unwrap, validate, valueAt } from '../config/yaml-file.js';

export interface SetOverride {
  /** The flag's text, for messages: `--set 'camera.distance=3'`. */
  where: string;
  path: string[];
  value: unknown;
}

/** Parses and checks one `--set` against `schema` (the scene schema). */
export function parseSet(text: string, schema: z.ZodType): SetOverride {
  const where = `--set '${text}'`;
  const equals = text.indexOf('=');
  const key = equals < 0 ? '' : text.slice(0, equals).trim();
  if (equals < 0 || key === '' || key.split('.').some((part) => part === '')) {
    throw new IcarusError(
      `${where}: expected key.path=value`,
      'write it like --set camera.distance=3 or --set palette.curve=#ff5fd2',
    );
  }
  const path = key.split('.');
  const field = fieldAt(schema, path);
  if (!field) {
    // An unknown key: validated inside an otherwise empty scene, the message names
    // the flag, the key path and the nearest valid name.
    validate(schema, setAt({}, path, text), where);
    throw new IcarusError(`${where}: no scene key '${key}'`);
  }
  const value = typedValue(text.slice(equals + 1).trim(), unwrap(field), where);
  // The key alone: checks across keys (a poster time within the duration) wait for
  // the whole scene, which knows the other values.
  const result = field.safeParse(value);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const at = keyPath([...path, ...issue.path]);
      const found = valueAt(value, issue.path);
      return (
        `${where}: key '${at}': ${issue.message} (found ${describeValue(found)})` +
        suggestion(issue, found)
      );
    });
    throw new IcarusError(lines.join('\n'));
  }
  return { where, path, value };
}

/** `value` put at `path` inside `data` (a copy), creating objects on the way. */
export function setAt(
  data: unknown,
  path: string[],
  value: unknown,
): Record<string, unknown> {
  const root: Record<string, unknown> = isRecord(data) ? { ...data } : {};
  let node = root;
  for (const [i, part] of path.entries()) {
    if (i === path.length - 1) {
      node[part] = value;
    } else {
      const child = node[part];
      const copy: Record<string, unknown> = isRecord(child) ? { ...child } : {};
      node[part] = copy;
      node = copy;
    }
  }
  return root;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text as the type the schema expects there; unknown keys keep the text. */
function typedValue(text: string, node: z.ZodType | undefined, where: string): unknown {
  if (node instanceof z.ZodUnion) {
    // A number or a name (`output.supersample=auto`): whichever the text reads as.
    const number = node.options.some(
      (option) => unwrap(option as z.ZodType) instanceof z.ZodNumber,
    );
    const n = Number(text);
    return number && text !== '' && Number.isFinite(n) ? n : text;
  }
  if (node instanceof z.ZodNumber) {
    const n = Number(text);
    return text !== '' && Number.isFinite(n) ? n : text;
  }
  if (node instanceof z.ZodBoolean) {
    // As YAML reads a scene file: true and false only, so a flag and a file agree.
    if (text === 'true') return true;
    if (text === 'false') return false;
    return text;
  }
  if (
    node instanceof z.ZodArray ||
    node instanceof z.ZodTuple ||
    node instanceof z.ZodObject
  ) {
    try {
      return YAML.parse(text) as unknown;
    } catch {
      throw new IcarusError(
        `${where}: the value is not a valid YAML list or object`,
        'write it in YAML flow style, such as ["#000000", "#101020"] or [{ at: 0, value: 1 }]',
      );
    }
  }
  return text;
}

/** The schema of the key at `path` as declared; undefined when there is no such key. */
function fieldAt(schema: z.ZodType, path: string[]): z.ZodType | undefined {
  let node: z.ZodType | undefined = schema;
  for (const part of path) {
    const object = unwrap(node);
    if (!(object instanceof z.ZodObject)) return undefined;
    node = object.shape[part] as z.ZodType | undefined;
    if (!node) return undefined;
  }
  return node;
}
