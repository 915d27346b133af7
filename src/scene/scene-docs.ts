/**
 * The scene reference, generated from the schema itself (zod's JSON Schema export:
 * each key's type, bounds, default and `.describe()` text), so the docs cannot drift
 * from what the loader accepts. Output is markdown, before prettier aligns it.
 */
import { z } from 'zod';
import { listPresets, type PresetKind } from './presets.js';
import { sceneSchema } from './scene-schema.js';

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}

/** One documented key. */
export interface KeyRow {
  /** Dotted path, `[]` for the items of a list: `timeline.progress[].at`. */
  key: string;
  type: string;
  /** The default as written in YAML terms, or how it is chosen. */
  fallback: string;
  description: string;
}

/** Sections whose values come from a preset file before the schema default. */
const presetSections: Record<string, PresetKind> = {
  palette: 'palette',
  camera: 'camera',
};

/** Every key of the scene schema, in schema order. */
export function sceneKeyRows(): KeyRow[] {
  const json = z.toJSONSchema(sceneSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return objectRows(json, '');
}

function objectRows(schema: JsonSchema, prefix: string): KeyRow[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, node]) => {
    const key = `${prefix}${name}`;
    if (node.type === 'object' && node.properties) return objectRows(node, `${key}.`);
    const row: KeyRow = {
      key,
      type: typeName(node),
      fallback: fallbackText(key, node, schema.required?.includes(name) ?? false),
      description: node.description ?? '',
    };
    const item = node.items;
    if (node.type === 'array' && item?.type === 'object' && item.properties) {
      return [row, ...objectRows(item, `${key}[].`)];
    }
    return [row];
  });
}

function typeName(node: JsonSchema): string {
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  if (node.enum) return `one of ${node.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  if (node.anyOf) return node.anyOf.map(typeName).join(' or ');
  switch (node.type) {
    case 'string':
      return node.pattern?.includes('0-9a-fA-F') ? 'colour `#rrggbb`' : 'text';
    case 'integer':
    case 'number':
      return `${node.type === 'integer' ? 'whole number' : 'number'}${bounds(node)}`;
    case 'boolean':
      return '`true` or `false`';
    case 'array': {
      if (node.prefixItems) return `[${node.prefixItems.map(typeName).join(', ')}]`;
      const item = node.items;
      const of =
        item?.type === 'object' ? 'keyframes' : item ? typeName(item) : 'values';
      const count =
        node.minItems !== undefined && node.maxItems !== undefined
          ? ` (${node.minItems} to ${node.maxItems})`
          : '';
      return `list of ${of}${count}`;
    }
    default:
      return node.type ?? 'any';
  }
}

function bounds(node: JsonSchema): string {
  const max =
    node.maximum !== undefined && node.maximum < 2 ** 53 - 1 ? node.maximum : undefined;
  const min = node.minimum ?? node.exclusiveMinimum;
  const above = node.exclusiveMinimum !== undefined ? '>' : '≥';
  if (min !== undefined && max !== undefined) return `, ${min} to ${max}`;
  if (min !== undefined) return `, ${above} ${min}`;
  if (max !== undefined) return `, ≤ ${max}`;
  return '';
}

function fallbackText(key: string, node: JsonSchema, required: boolean): string {
  const section = key.split('.')[0] ?? '';
  const kind = presetSections[section];
  const shown =
    node.default === undefined ? undefined : `\`${yamlValue(node.default)}\``;
  if (kind && !key.endsWith('.preset')) {
    return shown ? `the preset's, else ${shown}` : "the preset's";
  }
  return shown ?? (required ? 'required' : 'none');
}

/** A default in YAML flow style, as a scene would write it. */
function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${yamlValue(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  if (value === '') return '""';
  return typeof value === 'string' ? value : String(value);
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The key table: every scene key with its type, default and description. */
export function sceneKeyTable(): string {
  const lines = ['| key | type | default | description |', '| --- | --- | --- | --- |'];
  for (const row of sceneKeyRows()) {
    lines.push(
      `| \`${row.key}\` | ${cell(row.type)} | ${cell(row.fallback)} | ${cell(row.description)} |`,
    );
  }
  return lines.join('\n');
}

/** A table of the presets of `kind` with their descriptions. */
export function presetTable(kind: PresetKind): string {
  const lines = [`| ${kind} | description |`, '| --- | --- |'];
  for (const preset of listPresets(kind)) {
    lines.push(`| \`${preset.name}\` | ${cell(preset.description)} |`);
  }
  return lines.join('\n');
}

/** docs/scene.md: the whole scene reference. */
export function sceneReference(): string {
  return [
    '# Scene files',
    '',
    '<!-- Generated by `npm run docs` from src/scene/scene-schema.ts and ' +
      'config/presets/; do not edit by hand. -->',
    '',
    'A scene file (YAML) says what `icarus render` and `icarus still` draw. Every key is ' +
      'optional; an unknown key is an error that names the file, the key and the nearest ' +
      'valid name. Values are resolved in this order, each overriding the one before:',
    '',
    '1. the schema defaults (the table below);',
    '2. the preset files the scene names (`palette.preset`, `camera.preset`);',
    '3. the scene file;',
    '4. `--palette NAME` and `--camera NAME`, which choose the preset;',
    '5. `--set key.path=value`, repeatable, for any key below (typed and checked like ' +
      'the file: `--set camera.distance=3`, `--set palette.curve=#ff5fd2`, ' +
      '`--set palette.background=["#000000","#101020"]`);',
    '6. `--quality draft|preview|final`: draft halves the size and the membrane mesh ' +
      '(`surface.resolution`), preview takes 3/4 of both; both render without ' +
      'supersampling and encode faster; final is the scene as written.',
    '',
    'Timeline tracks are lists of keyframes `{ at, value, ease }`: `at` is a fraction ' +
      'of the video (0 start, 1 end), so a timeline fits any duration.',
    '',
    '## Keys',
    '',
    sceneKeyTable(),
    '',
    '## Palette presets',
    '',
    'Files in `config/presets/palettes/`: a `description` and every colour key.',
    '',
    presetTable('palette'),
    '',
    '## Camera presets',
    '',
    'Files in `config/presets/cameras/`: a `description` and any camera keys; the ' +
      'rest take the schema defaults.',
    '',
    presetTable('camera'),
    '',
  ].join('\n');
}

export const readmeStart = '<!-- scene-keys:start (npm run docs) -->';
export const readmeEnd = '<!-- scene-keys:end -->';

/** `readme` with the text between the scene-key markers replaced by the key table. */
export function withSceneKeys(readme: string, file = 'README.md'): string {
  const start = readme.indexOf(readmeStart);
  const end = readme.indexOf(readmeEnd);
  if (start < 0 || end < start) {
    throw new Error(`${file}: no ${readmeStart} ... ${readmeEnd} markers`);
  }
  return (
    readme.slice(0, start + readmeStart.length) +
    `\n\n${sceneKeyTable()}\n\n` +
    readme.slice(end)
  );
}
