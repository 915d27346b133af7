/** Shared pieces of the scene's section schemas. */
import { z } from 'zod';

/** An object schema whose missing value is parsed from `{}`: each default written once. */
export function section<T extends z.ZodObject>(schema: T) {
  return schema.prefault({} as never);
}

export const hex = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'use a colour written like "#ffd27a"')
  .describe('a colour as #rrggbb');

/** A fraction of the video, 0 at the start and 1 at the end. */
export const fraction = z.number().min(0).max(1);

/**
 * The `preset` key of a section: the name of a YAML file under
 * config/presets/<kind>s/, checked against the files when the scene is resolved.
 */
export const presetKey = (kind: 'palette' | 'camera', fallback: string) =>
  z
    .string()
    .min(1)
    .default(fallback)
    .describe(
      `a ${kind} preset: a file config/presets/${kind}s/<name>.yaml (see icarus presets)`,
    );
