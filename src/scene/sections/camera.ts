/**
 * The camera's settings: the move (drawn in code) and its numbers. A preset file under
 * config/presets/cameras/ sets some of them; a scene's `camera` section names a preset
 * and may override any of them.
 */
import { z } from 'zod';

/** The camera moves, as a scene names them; each is drawn by `camera-moves.ts`. */
export const cameraMoves = [
  'orbit',
  'rise',
  'still',
  'flyover',
  'push-in',
  'top-down',
  'follow',
] as const;

export type CameraMove = (typeof cameraMoves)[number];

export const camera = z.strictObject({
  move: z
    .enum(cameraMoves)
    .default('orbit')
    .describe(
      'orbit: sweep around the wings, rising mid-move; rise: climb from the plane; ' +
        'still: fixed; flyover: travel along the trained curve above it, looking ahead; ' +
        'push-in: slow dolly toward the valley; top-down: a map view from above with ' +
        'a slight drift; follow: chase the flyer',
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
    .describe('heading at mid-move; 0 looks along the segment from the w2 side'),
  orbitDegrees: z
    .number()
    .min(-720)
    .max(720)
    .default(44)
    .describe(
      'heading travelled over the move (orbit, rise; a tenth of it for top-down)',
    ),
  fovDegrees: z
    .number()
    .min(10)
    .max(100)
    .default(34)
    .describe('vertical field of view'),
  pushIn: z
    .number()
    .min(0)
    .max(0.9)
    .default(0.35)
    .describe('push-in: the fraction of the distance closed over the move'),
  flyHeight: z
    .number()
    .min(0.02)
    .max(3)
    .default(0.5)
    .describe(
      'flyover and follow: height of the camera over the path, in segment lengths',
    ),
  lookAhead: z
    .number()
    .min(0)
    .max(0.5)
    .default(0.18)
    .describe('flyover: how far ahead along the curve the camera looks, in t'),
  chaseDistance: z
    .number()
    .min(0.05)
    .max(5)
    .default(1.1)
    .describe('follow: distance behind the flyer, in segment lengths'),
});
