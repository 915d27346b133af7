/** The `overlays` section: title and HUD drawn over the frame at output resolution. */
import { z } from 'zod';

export const overlays = z.strictObject({
  title: z.string().max(120).default('').describe('title text (empty: none)'),
  subtitle: z.string().max(200).default('').describe('subtitle under the title'),
  hud: z
    .boolean()
    .default(false)
    .describe(
      'show the HUD: epoch, t, loss and accuracy at the flyer, curve vs segment',
    ),
  position: z
    .enum(['top-left', 'top-right', 'bottom-left', 'bottom-right'])
    .default('bottom-left')
    .describe('corner of the HUD (the title takes the opposite top or bottom edge)'),
  size: z
    .number()
    .min(0.5)
    .max(3)
    .default(1)
    .describe('scale of the text and HUD (1: sized for 720p)'),
  opacity: z.number().min(0).max(1).default(0.9).describe('opacity of the overlays'),
});
