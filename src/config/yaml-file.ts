/**
 * Reads a YAML file and validates it with a zod schema, turning zod's issues into
 * messages that name the file, the key path, the value and the nearest valid key.
 */
import { readFileSync } from 'node:fs';
import { closest, distance } from 'fastest-levenshtein';
import YAML from 'yaml';
import { z } from 'zod';
import { IcarusError, describeValue } from './errors.js';

/** Parses YAML text from `file`; a syntax error names the line and column. */
export function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new IcarusError(
      `${file}: cannot read the file (${code ?? String(error)})`,
      'check the path; paths are relative to the current folder',
    );
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const where = first.linePos?.[0];
    const at = where ? `:${where.line}:${where.col}` : '';
    throw new IcarusError(`${file}${at}: not valid YAML: ${yamlReason(first.message)}`);
  }
  return doc.toJS() ?? {};
}

/** The first line of a YAML error without its trailing position (given separately). */
function yamlReason(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Validates `data` against `schema`; `file` is named in every error. */
export function validate<T extends z.ZodType>(
  schema: T,
  data: unknown,
  file: string,
): z.output<T> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.flatMap((issue) =>
    describeIssue(issue, data, schema).split('\n'),
  );
  throw new IcarusError(lines.map((line) => `${file}: ${line}`).join('\n'));
}

/** A key path as messages write it: `timeline.progress[1].at`. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`,
    )
    .join('');
}

/**
 * The valid key a typo most likely meant: one it begins (or that begins it), then the
 * nearest by edit distance when it is near enough to be a typo, else none.
 */
export function nearestKey(key: string, known: string[]): string | undefined {
  const lower = key.toLowerCase();
  const prefix = known.find((k) => {
    const l = k.toLowerCase();
    return l.startsWith(lower) || lower.startsWith(l);
  });
  if (prefix) return prefix;
  if (known.length === 0) return undefined;
  const near = closest(key, known);
  return distance(key, near) <= Math.max(2, Math.floor(key.length / 3))
    ? near
    : undefined;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  schema: z.ZodType,
): string {
  const path = keyPath(issue.path);
  const at = path ? `key '${path}'` : 'top level';
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, issue.path);
    return issue.keys
      .map((key) => {
        const full = path ? `${path}.${key}` : key;
        const near = nearestKey(key, known);
        const hint = near ? `; did you mean '${near}'?` : '';
        const list = known.length ? ` (valid keys: ${known.join(', ')})` : '';
        return `unknown key '${full}'${hint}${list}`;
      })
      .join('\n');
  }
  const value = valueAt(data, issue.path);
  return `${at}: ${issue.message} (found ${describeValue(value)})${suggestion(issue, value)}`;
}

/** For a name that is not one of a list (an enum), the listed name it most likely meant. */
export function suggestion(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code !== 'invalid_value' || typeof value !== 'string') return '';
  const names = issue.values.filter((v): v is string => typeof v === 'string');
  const near = nearestKey(value, names);
  return near ? `; did you mean '${near}'?` : '';
}

/** The value at `path` inside parsed YAML data; undefined when there is none. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The keys an object schema allows at `path`, for the nearest-name suggestion. */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  for (const key of path) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) node = node.shape[key as string] as z.ZodType;
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else return [];
  }
  node = unwrap(node);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

/** The schema inside default, prefault, optional and nullable wrappers. */
export function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
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
