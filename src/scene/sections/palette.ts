/**
 * The `palette` section: a palette preset by name and overrides of any of its colours.
 */
import { z } from 'zod';
import { paletteNames } from '../palettes.js';
import { hex } from './section.js';

export const palette = z.strictObject({
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
  flyer: hex.optional().describe('the flyer; default a whiter curve colour'),
  hud: hex.optional().describe('title and HUD text; default near white'),
  fog: hex.optional().describe('fog colour; default the bottom background colour'),
});
