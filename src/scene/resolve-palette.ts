/** Merges a scene's palette overrides over the built-in palette it names. */
import { palettes, type Palette } from './palettes.js';
import { type SceneSettings } from './scene-schema.js';

export function resolvePalette(settings: SceneSettings['palette']): Palette {
  const { name, ...overrides } = settings;
  const base: Palette = palettes[name];
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  ) as Partial<Palette>;
  return { ...base, ...defined };
}
