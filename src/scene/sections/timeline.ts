/** The `timeline` section: keyframed tracks over the video. */
import { z } from 'zod';

export const timeline = z.strictObject({});
