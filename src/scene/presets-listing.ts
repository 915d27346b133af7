/**
 * The text `icarus presets` prints: every palette and camera preset with its
 * description, and the example scenes with their first comment line, aligned.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listPresets, presetsDir } from './presets.js';

/** The example scenes shipped beside the presets. */
export const scenesDir = join(presetsDir, '..', '..', 'scenes');

export interface ListingRow {
  name: string;
  description: string;
}

/**
 * Each example scene file and the first line of its leading comment; batch files
 * (`icarus batch`, a top-level `scenes:` list) beside them are not scenes.
 */
export function exampleScenes(dir = scenesDir): ListingRow[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') }))
    .filter(({ text }) => !/^scenes:/m.test(text))
    .map(({ f, text }) => {
      const first = text.split('\n')[0] ?? '';
      const comment = first.startsWith('#') ? first.replace(/^#+\s*/, '') : '';
      return { name: `scenes/${f}`, description: comment };
    });
}

/** The listing, one group per heading, names padded to one column. */
export function presetsListing(): string {
  const groups: [string, ListingRow[]][] = [
    ['palettes (--palette NAME, palette.preset)', listPresets('palette')],
    ['cameras (--camera NAME, camera.preset)', listPresets('camera')],
    ['example scenes', exampleScenes()],
  ];
  const width = Math.max(
    ...groups.flatMap(([, rows]) => rows.map((r) => r.name.length)),
  );
  return groups
    .map(
      ([heading, rows]) =>
        `${heading}\n` +
        rows
          .map((r) => `  ${r.name.padEnd(width)}  ${r.description}`.trimEnd())
          .join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}
