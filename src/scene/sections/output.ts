/** The `output` section: what is written, at which size, rate and length. */
import { z } from 'zod';
import {
  extensionsOf,
  findFormatOfPath,
  type OutputFormat,
} from '../../video/output-format.js';

/**
 * Largest framebuffer side (the larger of width and height, times supersample).
 * GL allows 16384 here; 8192 keeps the framebuffer within memory on small machines.
 */
export const maxRenderPx = 8192;

/**
 * What `supersample: auto` keeps the supersampled frame within: 2560 x 1440 pixels,
 * so 720p renders at 2 and 1080p at 1. llvmpipe shades every sample on the CPU, so
 * the cost grows with the supersampled pixel count, not the output's.
 */
const autoBudgetPx = 2560 * 1440;
const autoSupersampleBudget = '2560 x 1440 pixels (720p at 2, 1080p and larger at 1)';

/** The supersample factor of an output section (auto resolved). */
export function supersampleFactor(o: {
  width: number;
  height: number;
  supersample: number | 'auto';
}): number {
  if (o.supersample !== 'auto') return o.supersample;
  let factor = 1;
  while (factor < 4 && o.width * o.height * (factor + 1) ** 2 <= autoBudgetPx) factor++;
  return factor;
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

/** x264's speed presets, fastest first. */
export const x264Presets = [
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
  'slower',
  'veryslow',
] as const;

export type X264Preset = (typeof x264Presets)[number];

/** A path whose extension names a format of `kinds` in the registry (any case). */
const formatPath = (kinds: readonly OutputFormat['kind'][], what: string) => {
  const extensions = extensionsOf(kinds);
  const listed = `${extensions.slice(0, -1).join(', ')} or ${extensions.at(-1)}`;
  return z
    .string()
    .min(1)
    .refine(
      (v) => {
        const kind = findFormatOfPath(v)?.kind;
        return kind !== undefined && kinds.includes(kind);
      },
      { message: `${what}; use a name ending in ${listed}` },
    );
};

const qualityKey = (what: string, fallback: number) =>
  z.number().int().min(1).max(100).default(fallback).describe(what);

export const output = z
  .strictObject({
    path: formatPath(['video', 'sequence'], 'render writes a video or a PNG sequence')
      .default('renders/icarus.mp4')
      .describe(
        'the video, its format by the extension: .mp4 (H.264), .webm (VP9), .gif, ' +
          '.mov (ProRes 4444) or .frames (a folder of PNGs, 000000.png on)',
      ),
    poster: formatPath(['still'], 'the poster is a still image')
      .default('renders/icarus.png')
      .describe('a still of the video: .png, .jpg or .webp'),
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
      .min(1)
      .max(600)
      .default(12)
      .describe('length of the video in seconds'),
    supersample: z
      .union([z.literal('auto'), z.number().int().min(1).max(4)], {
        error: 'expected auto or a whole number from 1 to 4',
      })
      .default('auto')
      .describe(
        'render at this many times the size (1-4), then downsample (anti-aliasing); ' +
          `auto: the most that keeps the frame within ${autoSupersampleBudget}`,
      ),
    crf: z
      .number()
      .int()
      .min(0)
      .max(51)
      .default(18)
      .describe('x264 quality: lower is better and larger'),
    encoderPreset: z
      .enum(x264Presets)
      .default('medium')
      .describe(
        'x264 speed preset: faster encodes sooner and larger (WebM: sets VP9 -cpu-used, ' +
          '5 for faster and quicker, 4 for fast and medium, 3 to 1 slower)',
      ),
    vp9Crf: z
      .number()
      .int()
      .min(0)
      .max(63)
      .default(31)
      .describe('WebM (VP9) quality: lower is better and larger'),
    gifWidth: z
      .number()
      .int()
      .min(0)
      .max(7680)
      .default(640)
      .describe(
        'width of a GIF in pixels, the height in proportion (0, or wider than the ' +
          "video: the video's width)",
      ),
    gifFps: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(20)
      .describe(
        'frames per second of a GIF, at most output.fps (GIF delays are in 1/100 s: ' +
          '10, 20, 25 and 50 play exactly)',
      ),
    jpegQuality: qualityKey('JPEG quality of stills and posters (1 to 100)', 92),
    webpQuality: qualityKey('WebP quality of stills and posters (100: lossless)', 90),
    thumbnailWidth: z
      .number()
      .int()
      .min(0)
      .max(1920)
      .default(320)
      .describe(
        'width of the JPEG thumbnail written beside each poster as <poster name>.thumb.jpg (0: none)',
      ),
    transparent: z
      .boolean()
      .default(false)
      .describe(
        'a transparent background instead of the backdrop: PNG and WebP stills, WebM, ' +
          'MOV and .frames videos (the other formats render opaque)',
      ),
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
    // The render size limit waits for --quality, which may shrink the frame: see
    // renderSizeProblem, checked once the scene is resolved.
  });

/**
 * What is wrong with the supersampled frame's size (over maxRenderPx on its larger
 * side), or undefined when it fits.
 */
export function renderSizeProblem(o: {
  width: number;
  height: number;
  supersample: number;
}): string | undefined {
  const widest = Math.max(o.width, o.height) * o.supersample;
  if (widest <= maxRenderPx) return undefined;
  return (
    `${Math.max(o.width, o.height)} px x supersample ${o.supersample} = ${widest} px ` +
    `is over the ${maxRenderPx} px render limit; lower output.supersample or the size`
  );
}
