/** The `post` section: post-processing of the drawn frame. */
import { z } from 'zod';

export const post = z.strictObject({});
