/**
 * Validates a batch file's data with messages that name the file, the key path, the
 * value and a fix for each key of the batch schema. A single name where a list goes
 * (`palettes: ember`) is taken as a one-item list.
 */
import { z } from 'zod';
import { describeValue, IcarusError } from '../config/errors.js';
import { keyPath, nearestKey, suggestion, valueAt } from '../config/yaml-file.js';
import { isRecord } from '../scene/overrides.js';
import { qualities } from '../scene/quality.js';
import { outputFormatNames } from '../video/output-format.js';
import { batchEntrySchema, batchSchema, type BatchSettings } from './batch-schema.js';

/** The entry keys that take a list and also take a single name for it. */
const listKeys = ['palettes', 'cameras', 'formats', 'sizes'] as const;

interface KeyHelp {
  /** What the key takes, after "expected". */
  expected: string;
  /** What one item of its list takes, for a key that is a list. */
  item?: string;
  fix: string;
}

const formatList = outputFormatNames.join(', ');
const leaveOut = "or leave the key out for the scene's own";

/** Each batch key once: what it takes and how to write it. */
const help: Record<string, KeyHelp> = {
  '': {
    expected: 'a map with the keys out, name, set and scenes',
    fix: 'see scenes/batch-example.yaml',
  },
  out: {
    expected: 'a folder path',
    fix: 'write it like out: renders/my-batch, or leave the key out for renders/batch/<batch file name>',
  },
  name: {
    expected: 'an output name template',
    fix: "write it like name: '{scene}-{palette}-{camera}-{format}-{size}.{ext}'",
  },
  set: {
    expected:
      'scene keys to set: a map such as { output.fps: 12 } or a list such as ["output.fps=12"]',
    item: "a 'key.path=value' text",
    fix: 'write it like set: { output.fps: 12 } or set: ["output.fps=12"]',
  },
  scenes: {
    expected: 'a list of one or more scene entries',
    item: 'a scene entry: a map with a scene key',
    fix: 'write it like scenes: [{ scene: scenes/icarus.yaml, palettes: [ember, aurora] }]',
  },
  scene: {
    expected: 'a scene file (YAML)',
    fix: 'write it like scene: scenes/icarus.yaml',
  },
  palettes: {
    expected: 'a list of one or more palette presets',
    item: 'a palette preset',
    fix: `write it like palettes: [ember, aurora] (icarus presets lists them), ${leaveOut}`,
  },
  cameras: {
    expected: 'a list of one or more camera presets',
    item: 'a camera preset',
    fix: `write it like cameras: [orbit, push-in] (icarus presets lists them), ${leaveOut}`,
  },
  formats: {
    expected: `a list of one or more formats (${formatList})`,
    item: `one of ${formatList}`,
    fix: "write it like formats: [mp4, png], or leave the key out for the format of the scene's output.path",
  },
  sizes: {
    expected: 'a list of one or more sizes as WIDTHxHEIGHT',
    item: 'a size as WIDTHxHEIGHT',
    fix: `write it like sizes: [320x180, 1280x720] (each side even, 16 to 7680 px), ${leaveOut}`,
  },
  quality: {
    expected: `one of ${qualities.join(', ')}`,
    fix: 'write it like quality: draft, or leave the key out for final',
  },
  time: {
    expected: 'seconds from 0 into the video',
    fix: 'write it like time: 1.5, or leave the key out for the poster time',
  },
};

interface Problem {
  message: string;
  fix: string;
}

/** Validates `data` read from `file`; throws an IcarusError listing each problem. */
export function validateBatch(data: unknown, file: string): BatchSettings {
  const { lists, wrapped } = asLists(data);
  const result = batchSchema.safeParse(lists);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    // One message a key: a value can break several rules at once.
    const path = keyPath(issue.path);
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push(...describe(issue, lists, wrapped, file));
  }
  const last = problems.at(-1) ?? { message: `${file}: not a batch file`, fix: '' };
  const before = problems.slice(0, -1).map((p) => `${p.message}\n  fix: ${p.fix}`);
  throw new IcarusError([...before, last.message].join('\n'), last.fix);
}

/**
 * The data with a single name in a list key made a one-item list, and the key paths
 * (as messages write them) of the lists made so.
 */
function asLists(data: unknown): { lists: unknown; wrapped: Set<string> } {
  const wrapped = new Set<string>();
  if (!isRecord(data) || !Array.isArray(data.scenes)) return { lists: data, wrapped };
  const scenes = data.scenes.map((entry: unknown, i) => {
    if (!isRecord(entry)) return entry;
    const copy: Record<string, unknown> = { ...entry };
    for (const key of listKeys) {
      if (typeof copy[key] !== 'string') continue;
      copy[key] = [copy[key]];
      wrapped.add(`scenes[${i}].${key}`);
    }
    return copy;
  });
  return { lists: { ...data, scenes }, wrapped };
}

function describe(
  issue: z.core.$ZodIssue,
  data: unknown,
  wrapped: ReadonlySet<string>,
  file: string,
): Problem[] {
  if (issue.code === 'unrecognized_keys') return unknownKeys(issue, file);
  const last = issue.path.at(-1);
  const isItem = typeof last === 'number';
  const key = String(
    [...issue.path].reverse().find((p) => typeof p === 'string') ?? '',
  );
  const keyHelp = help[key] ?? help[''];
  if (!keyHelp) throw new Error(`no help for batch key '${key}'`);
  // An item of a list the file wrote as one name is named as the key itself.
  const listPath = isItem ? keyPath(issue.path.slice(0, -1)) : '';
  const path = isItem && wrapped.has(listPath) ? listPath : keyPath(issue.path);
  const at = path ? `key '${path}'` : 'top level';
  const value = valueAt(data, issue.path);
  const expected =
    issue.code === 'custom'
      ? issue.message
      : `expected ${(isItem ? keyHelp.item : undefined) ?? keyHelp.expected}`;
  return [
    {
      message:
        `${file}: ${at}: ${expected} (found ${describeValue(value)})` +
        (issue.code === 'custom' ? '' : suggestion(issue, value)),
      fix: keyHelp.fix,
    },
  ];
}

function unknownKeys(issue: z.core.$ZodIssueUnrecognizedKeys, file: string): Problem[] {
  const path = keyPath(issue.path);
  const known = Object.keys(
    issue.path.length === 0 ? batchSchema.shape : batchEntrySchema.shape,
  );
  return issue.keys.map((key) => {
    const near = nearestKey(key, known);
    return {
      message:
        `${file}: unknown key '${path ? `${path}.${key}` : key}'` +
        (near ? `; did you mean '${near}'?` : '') +
        ` (valid keys: ${known.join(', ')})`,
      fix: near
        ? `rename it to ${near}`
        : 'remove it, or see scenes/batch-example.yaml',
    };
  });
}
