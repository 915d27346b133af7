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
