/** The `post` section: post-processing of the drawn frame; each effect is off at 0. */
import { z } from 'zod';

export const post = z.strictObject({
  bloom: z
    .number()
    .min(0)
    .max(4)
    .default(0.9)
    .describe('strength of the bloom around bright parts (0: off)'),
  bloomRadius: z
    .number()
    .min(0.1)
    .max(4)
    .default(1)
    .describe('spread of the bloom (1: about 1% of the frame height)'),
  bloomThreshold: z
    .number()
    .min(0)
    .max(1)
    .default(0.6)
    .describe('brightness from which a pixel blooms (0-1)'),
  exposure: z
    .number()
    .min(0)
    .max(8)
    .default(0.85)
    .describe('exposure before tone mapping (0: no tone mapping)'),
  vignette: z
    .number()
    .min(0)
    .max(1)
    .default(0.35)
    .describe('darkening toward the corners (0: off)'),
  grain: z
    .number()
    .min(0)
    .max(0.2)
    .default(0.025)
    .describe('film grain amplitude, seeded by the scene seed and frame (0: off)'),
  fog: z
    .number()
    .min(0)
    .max(1)
    .default(0.35)
    .describe('how far distant parts fade toward the background (0: off)'),
});
