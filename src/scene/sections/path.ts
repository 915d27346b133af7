/** The `path` section: the trained curve, the segment and the flyer. */
import { z } from 'zod';

export const path = z.strictObject({
  height: z
    .enum(['loss', 'surface'])
    .default('loss')
    .describe("loss: each snapshot's own train loss; surface: the membrane under it"),
  radius: z
    .number()
    .min(0.001)
    .max(0.2)
    .default(0.011)
    .describe('tube radius, in segment lengths'),
  glow: z.number().min(0).max(4).default(1).describe('strength of the glow'),
  mirror: z
    .number()
    .min(0)
    .max(1)
    .default(0.6)
    .describe('brightness of the mirrored copy on the other wing'),
  segment: z
    .number()
    .min(0)
    .max(1)
    .default(0.4)
    .describe('brightness of the straight segment (0: hidden)'),
  flyer: z
    .number()
    .min(0)
    .max(4)
    .default(1)
    .describe(
      'brightness of the flyer, the light travelling along the curve (0: none)',
    ),
  flyerReach: z
    .number()
    .min(0.01)
    .max(1)
    .default(0.16)
    .describe('how far the flyer lights the membrane around it, in segment lengths'),
});
