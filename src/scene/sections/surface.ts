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
  heightScale: z
    .number()
    .min(0)
    .max(3)
    .default(0.42)
    .describe('height of the clipped maximum, in segment lengths'),
  resolution: z
    .number()
    .int()
    .min(8)
    .max(600)
    .default(220)
    .describe('mesh cells along the segment'),
  contours: z
    .number()
    .int()
    .min(0)
    .max(40)
    .default(9)
    .describe('iso-lines on the membrane (0: none)'),
  feathers: z
    .number()
    .int()
    .min(0)
    .max(200)
    .default(26)
    .describe('feather rays across each wing (0: none)'),
});
