/** The `overlays` section: title and HUD drawn over the frame. */
import { z } from 'zod';

export const overlays = z.strictObject({});
