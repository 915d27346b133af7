/**
 * The palette's colours: a preset file under config/presets/palettes/ gives every
 * required one (the optional ones default in the renderer); a scene's `palette`
 * section names a preset and may override any of them.
 */
import { z } from 'zod';
import { hex } from './section.js';

export const palette = z.strictObject({
  ramp: z.array(hex).min(2).max(16).describe('membrane colours, lowest loss first'),
  background: z.tuple([hex, hex]).describe('background, top then bottom'),
  halo: hex.describe('glow behind the wings'),
  curve: hex.describe('the trained curve'),
  segment: hex.describe('the straight segment'),
  endpoints: hex.describe('the endpoints w1 and w2'),
  bend: hex.describe('the bend'),
  key: hex.describe('key light'),
  rim: hex.describe('rim light'),
  sparks: hex.describe('drifting sparks'),
  flyer: hex.optional().describe('the flyer; default a whiter curve colour'),
  hud: hex.optional().describe('title and HUD text; default near white'),
  fog: hex.optional().describe('fog colour; default the bottom background colour'),
});
