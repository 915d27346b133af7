/**
 * The camera's settings: the move (drawn in code) and its numbers. A preset file under
 * config/presets/cameras/ sets some of them; a scene's `camera` section names a preset
 * and may override any of them.
 */
import { z } from 'zod';

export const camera = z.strictObject({
  move: z
    .enum(['orbit', 'rise', 'still', 'flyover', 'push-in', 'top-down', 'follow'])
    .default('orbit')
    .describe(
      'the motion: orbit, rise, still, flyover (along the curve), push-in, top-down, follow (the flyer)',
    ),
  distance: z
    .number()
    .min(0.5)
    .max(20)
    .default(2.6)
    .describe('distance from the wings, in segment lengths'),
  elevationDegrees: z
    .number()
    .min(-10)
    .max(89)
    .default(16)
    .describe('height of the camera above the plane, in degrees'),
  azimuthDegrees: z
    .number()
    .min(-360)
    .max(360)
    .default(0)
    .describe('heading at mid-video; 0 looks along the segment from the w2 side'),
  orbitDegrees: z
    .number()
    .min(-720)
    .max(720)
    .default(44)
    .describe('heading travelled over the video'),
  fovDegrees: z
    .number()
    .min(10)
    .max(100)
    .default(34)
    .describe('vertical field of view'),
});
