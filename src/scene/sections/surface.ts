/** The `surface` section: the wing membrane drawn from the plane's grid. */
import { z } from 'zod';

export const surface = z.strictObject({
  metric: z
    .enum(['trainLoss', 'testLoss', 'trainError', 'testError'])
    .default('trainLoss')
    .describe('the plane grid that shapes and colours the membrane'),
  clip: z
    .number()
    .positive()
    .optional()
    .describe('clip the metric here; default 5 nats for losses, 40 for errors (%)'),
  threshold: z
    .number()
    .positive()
    .optional()
    .describe(
      'the membrane covers the plane where the metric is below this (metric units); ' +
        'default 80% of the way from the lowest grid value to the clip, on the log scale',
    ),
  edge: z
    .number()
    .min(0.01)
    .max(1)
    .default(0.22)
    .describe(
      'width of the feathered edge at the threshold, as a fraction of the log range',
    ),
  heightScale: z
    .number()
    .min(0)
    .max(3)
    .default(0.42)
    .describe('height of the clipped maximum, in segment lengths'),
  invert: z
    .boolean()
    .default(false)
    .describe('raise low loss instead: valleys become ridges'),
  mirror: z
    .boolean()
    .default(true)
    .describe(
      'mirror the plane across the segment, so the valley and its image are two wings',
    ),
  resolution: z
    .number()
    .int()
    .min(8)
    .max(600)
    .default(40)
    .describe(
      'mesh cells along the segment; the level and normal between them come from a field sampled 4 times finer (at most 320 along it)',
    ),
  contours: z
    .number()
    .int()
    .min(0)
    .max(16)
    .default(7)
    .describe('contour lines at log-spaced metric levels above the minimum (0: none)'),
  bands: z
    .number()
    .min(0)
    .max(1)
    .default(0.45)
    .describe('strength of the shading that steps between contour levels (0: none)'),
  feathers: z
    .number()
    .int()
    .min(0)
    .max(200)
    .default(26)
    .describe('feather rays across each wing (0: none)'),
  flow: z
    .number()
    .min(0)
    .max(1)
    .default(0.3)
    .describe('brightness of the strokes drawn down the gradient flow (0: none)'),
});
