/**
 * The scene file: what `icarus render` draws. Each setting is defined once here, with
 * its default and description; a scene YAML overrides what it names, and unknown keys
 * are errors (with the nearest valid name).
 */
import { z } from 'zod';
import { paletteNames } from './palettes.js';

/**
 * Largest framebuffer side (the larger of width and height, times supersample).
 * GL allows 16384 here; 8192 keeps the framebuffer within memory on small machines.
 */
export const maxRenderPx = 8192;

/** An object schema whose missing value is parsed from `{}`: each default written once. */
function section<T extends z.ZodObject>(schema: T) {
  return schema.prefault({} as never);
}

const evenPx = (what: string, fallback: number) =>
  z
    .number()
    .int()
    .min(16)
    .max(7680)
    .refine((v) => v % 2 === 0, {
      message: `H.264 in yuv420p needs an even ${what}; use an even number such as ${fallback}`,
    })
    .default(fallback)
    .describe(`${what} of the video in pixels (even)`);

const hex = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'use a colour written like "#ffd27a"')
  .describe('a colour as #rrggbb');

/** A file path whose name must end in `extension` (any case). */
const filePath = (extension: string, format: string) =>
  z
    .string()
    .min(1)
    .refine((v) => v.toLowerCase().endsWith(extension), {
      message: `${format}; use a name ending in ${extension}`,
    });

const output = z
  .strictObject({
    path: filePath('.mp4', 'render writes MP4')
      .default('renders/icarus.mp4')
      .describe('the video file (MP4)'),
    poster: filePath('.png', 'the poster is a PNG')
      .default('renders/icarus.png')
      .describe('a still PNG of the video'),
    posterTimeSeconds: z
      .number()
      .min(0)
      .optional()
      .describe('time of the poster frame; default 85% of the duration'),
    width: evenPx('width', 1280),
    height: evenPx('height', 720),
    fps: z.number().int().min(1).max(120).default(30).describe('frames per second'),
    durationSeconds: z
      .number()
      .min(10)
      .max(600)
      .default(12)
      .describe('length of the video in seconds'),
    supersample: z
      .number()
      .int()
      .min(1)
      .max(4)
      .default(2)
      .describe('render at this many times the size, then downsample (anti-aliasing)'),
    crf: z
      .number()
      .int()
      .min(0)
      .max(51)
      .default(18)
      .describe('x264 quality: lower is better and larger'),
  })
  .superRefine((o, ctx) => {
    if (o.posterTimeSeconds !== undefined && o.posterTimeSeconds > o.durationSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['posterTimeSeconds'],
        message:
          `${o.posterTimeSeconds} s is after the end of the video; give a time from 0 ` +
          `to output.durationSeconds (${o.durationSeconds} s)`,
      });
    }
    const widest = Math.max(o.width, o.height) * o.supersample;
    if (widest > maxRenderPx) {
      ctx.addIssue({
        code: 'custom',
        path: ['supersample'],
        message:
          `${Math.max(o.width, o.height)} px x supersample ${o.supersample} = ${widest} px ` +
          `is over the ${maxRenderPx} px render limit; lower output.supersample or the size`,
      });
    }
  });

const palette = z.strictObject({
  name: z.enum(paletteNames).default('ember').describe('a built-in palette'),
  ramp: z
    .array(hex)
    .min(2)
    .max(16)
    .optional()
    .describe('membrane colours, lowest loss first'),
  background: z.tuple([hex, hex]).optional().describe('background, top then bottom'),
  halo: hex.optional().describe('glow behind the wings'),
  curve: hex.optional().describe('the trained curve'),
  segment: hex.optional().describe('the straight segment'),
  endpoints: hex.optional().describe('the endpoints w1 and w2'),
  bend: hex.optional().describe('the bend'),
  key: hex.optional().describe('key light'),
  rim: hex.optional().describe('rim light'),
  sparks: hex.optional().describe('drifting sparks'),
});

const camera = z.strictObject({
  preset: z
    .enum(['orbit', 'rise', 'still'])
    .default('orbit')
    .describe(
      'orbit: sweep around the wings, rising mid-video; rise: climb from the plane; still: fixed',
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

const surface = z.strictObject({
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

const curve = z.strictObject({
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
  trainFrom: z
    .number()
    .min(0)
    .max(1)
    .default(0.08)
    .describe('fraction of the video where the first snapshot starts to move'),
  trainTo: z
    .number()
    .min(0)
    .max(1)
    .default(0.78)
    .describe('fraction of the video where the trained curve is reached'),
});

export const sceneSchema = z
  .strictObject({
    landscape: z
      .string()
      .min(1)
      .default('config/train/mnist-mlp.yaml')
      .describe('a training config YAML or a landscape bundle folder'),
    seed: z.number().int().min(0).default(7).describe('seed of the sparks'),
    output: section(output),
    palette: section(palette),
    camera: section(camera),
    surface: section(surface),
    curve: section(curve),
    sparks: z.number().int().min(0).max(5000).default(240).describe('drifting sparks'),
  })
  .superRefine((s, ctx) => {
    if (s.curve.trainFrom >= s.curve.trainTo) {
      ctx.addIssue({
        code: 'custom',
        path: ['curve', 'trainTo'],
        message: `must be above curve.trainFrom (${s.curve.trainFrom})`,
      });
    }
  });

export type SceneSettings = z.output<typeof sceneSchema>;
