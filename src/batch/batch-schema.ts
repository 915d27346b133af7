/**
 * The batch file: scenes, and for each a matrix of palettes x cameras x formats x
 * sizes with overrides, expanded into one render job per combination. Each key is
 * defined once here, with its description; unknown keys are errors naming the nearest.
 */
import { z } from 'zod';
import { qualities } from '../scene/quality.js';
import { outputFormatNames } from '../video/output-format.js';

/** The output name template when a batch file gives none. */
export const defaultNameTemplate = '{scene}-{palette}-{camera}-{format}-{size}.{ext}';

const maxSidePx = 7680;

/**
 * `320x180`: width x height in pixels, even (H.264 in yuv420p), 16 to 7680. One
 * message for one size, whatever is wrong with it.
 */
export const sizeText = z.string().superRefine((text, context) => {
  const problem = sizeProblem(text);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** What is wrong with a `WIDTHxHEIGHT` text; undefined when nothing is. */
export function sizeProblem(text: string): string | undefined {
  if (!/^\d+x\d+$/i.test(text)) {
    return 'expected WIDTHxHEIGHT in pixels, such as 320x180';
  }
  if (!/^\d+x\d+$/.test(text)) {
    return `write the x in lower case; did you mean '${text.toLowerCase()}'?`;
  }
  const sides = text.split('x').map(Number);
  if (sides.every((px) => px % 2 === 0 && px >= 16 && px <= maxSidePx))
    return undefined;
  return `each side even and from 16 to ${maxSidePx} px, such as 320x180`;
}

/** Scene overrides: `{ key.path: value }`, or a list of `key.path=value` texts. */
const setSchema = z
  .union([z.record(z.string(), z.unknown()), z.array(z.string().min(1))])
  .describe(
    'scene keys to set, as --set does: { output.fps: 12 } or ["output.fps=12"]',
  );

const names = (what: string) =>
  z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe(`${what} (default: the scene's own)`);

export const batchEntrySchema = z.strictObject({
  scene: z
    .string()
    .min(1)
    .describe('a scene file (YAML), relative to the current folder'),
  palettes: names('palette presets (see icarus presets)'),
  cameras: names('camera presets (see icarus presets)'),
  formats: z
    .array(z.enum(outputFormatNames))
    .min(1)
    .optional()
    .describe("output formats (default: the format of the scene's output.path)"),
  sizes: z
    .array(sizeText)
    .min(1)
    .optional()
    .describe("sizes as WIDTHxHEIGHT (default: the scene's own)"),
  quality: z
    .enum(qualities)
    .optional()
    .describe(
      'draft, preview or final (the default), as --quality; it scales the size',
    ),
  set: setSchema.optional(),
  time: z
    .number()
    .min(0)
    .optional()
    .describe(
      "seconds into the video of the still formats' frame (default: the poster time)",
    ),
});

export const batchSchema = z.strictObject({
  out: z
    .string()
    .min(1)
    .optional()
    .describe('the folder of the outputs (default renders/batch/<batch file name>)'),
  name: z
    .string()
    .min(1)
    .default(defaultNameTemplate)
    .describe('the output name template, with placeholders such as {scene} and {ext}'),
  set: setSchema
    .optional()
    .describe("scene keys set in every job, before each entry's own set"),
  scenes: z.array(batchEntrySchema).min(1).describe('the scenes and their matrices'),
});

export type BatchEntry = z.output<typeof batchEntrySchema>;
export type BatchSettings = z.output<typeof batchSchema>;
