/**
 * `--set key.path=value`: one scene key set from the command line, its text typed by
 * the schema (numbers, booleans, names; lists and objects as YAML flow, such as
 * `palette.background=["#000000", "#101020"]`) and validated before anything else.
 */
import YAML from 'yaml';
import { z } from 'zod';
import { IcarusError } from '../config/errors.js';
import { validate } from '../config/yaml-file.js';

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
  const value = typedValue(
    text.slice(equals + 1).trim(),
    schemaAt(schema, path),
    where,
  );
  // Validated inside an otherwise empty scene: the messages name the flag and the key
  // path, and unknown keys get the nearest valid name.
  const nested = setAt({}, path, value);
  const result = schema.safeParse(nested);
  if (!result.success && result.error.issues.some((i) => touches(i, path))) {
    validate(schema, nested, where);
  }
  return { where, path, value };
}

/** Whether an issue is about the key at `path` (or an unknown key on the way to it). */
function touches(issue: z.core.$ZodIssue, path: string[]): boolean {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys')
    return path.join('.').startsWith(at.join('.'));
  return path.every((part, i) => at[i] === part);
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
  if (node instanceof z.ZodNumber) {
    const n = Number(text);
    return text !== '' && Number.isFinite(n) ? n : text;
  }
  if (node instanceof z.ZodBoolean) {
    if (['true', 'yes', 'on'].includes(text)) return true;
    if (['false', 'no', 'off'].includes(text)) return false;
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

/** The schema of the key at `path`, unwrapped; undefined when there is no such key. */
function schemaAt(schema: z.ZodType, path: string[]): z.ZodType | undefined {
  let node: z.ZodType | undefined = unwrap(schema);
  for (const part of path) {
    if (!(node instanceof z.ZodObject)) return undefined;
    node = unwrap(node.shape[part] as z.ZodType | undefined);
  }
  return node;
}

function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
  let current = node;
  while (
    current instanceof z.ZodDefault ||
    current instanceof z.ZodPrefault ||
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}
