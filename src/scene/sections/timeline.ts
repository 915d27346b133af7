/**
 * The `timeline` section: keyframed tracks over the video. Each track is a list of
 * keyframes `{ at, value, ease }`; `at` is a fraction of the video (0 start, 1 end),
 * so a timeline fits any duration; `ease` shapes the way into that keyframe. Before
 * the first keyframe a track holds its first value, after the last its last.
 */
import { z } from 'zod';
import { easingNames } from '../easing.js';
import { fraction } from './section.js';

const keyframe = z.strictObject({
  at: fraction.describe('when, as a fraction of the video (0 start, 1 end)'),
  value: z.number().min(0).max(1).describe('the value reached at `at`'),
  ease: z
    .enum(easingNames)
    .default('sin-in-out')
    .describe('the easing from the previous keyframe into this one'),
});

export type Keyframe = z.output<typeof keyframe>;

const track = (description: string, fallback: z.input<typeof keyframe>[]) =>
  z
    .array(keyframe)
    .min(1)
    .max(64)
    .superRefine((frames, ctx) => {
      frames.forEach((f, i) => {
        const previous = frames[i - 1];
        if (previous && f.at < previous.at) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'at'],
            message: `keyframes must be in time order; ${f.at} comes after ${previous.at}`,
          });
        }
      });
    })
    .default(fallback.map((f) => keyframe.parse(f)))
    .describe(description);

export const timeline = z.strictObject({
  progress: track(
    'training shown: 0 the untrained curve (the segment), 1 the trained curve',
    [
      { at: 0.08, value: 0 },
      { at: 0.78, value: 1, ease: 'cubic-in' },
    ],
  ),
  threshold: track(
    'how far the wings unfold: 0 only the valley floor, 1 the full threshold',
    [{ at: 0, value: 1 }],
  ),
  camera: track('position along the camera move: 0 its start, 1 its end', [
    { at: 0, value: 0 },
    { at: 1, value: 1 },
  ]),
  flyer: track('the flyer along the curve: t from 0 (w1) to 1 (w2)', [
    { at: 0.1, value: 0 },
    { at: 0.95, value: 1 },
  ]),
});

export type TimelineSettings = z.output<typeof timeline>;
