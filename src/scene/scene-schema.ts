/**
 * The scene file: what `icarus render` draws. Each setting is defined once here, with
 * its default and description; a scene YAML overrides what it names, and unknown keys
 * are errors (with the nearest valid name). The palette and the camera name a preset
 * file (config/presets/) whose values sit between the schema defaults and the scene.
 */
import { z } from 'zod';
import { camera } from './sections/camera.js';
import { output } from './sections/output.js';
import { overlays } from './sections/overlays.js';
import { palette } from './sections/palette.js';
import { path } from './sections/path.js';
import { post } from './sections/post.js';
import { presetKey, section } from './sections/section.js';
import { surface } from './sections/surface.js';
import { timeline } from './sections/timeline.js';

export { maxRenderPx } from './sections/output.js';

/** Default preset names, used when a scene names none. */
export const defaultPresets = { palette: 'ember', camera: 'orbit' } as const;

/** The scene's palette section: a preset and overrides of any of its colours. */
export const paletteSection = z.strictObject({
  preset: presetKey('palette', defaultPresets.palette),
  ...palette.partial().shape,
});

/** The scene's camera section: a preset and overrides of any of its settings. */
export const cameraSection = z.strictObject({
  preset: presetKey('camera', defaultPresets.camera),
  ...camera.shape,
});

export const sceneSchema = z.strictObject({
  landscape: z
    .string()
    .min(1)
    .default('config/train/mnist-mlp.yaml')
    .describe('a training config YAML or a landscape bundle folder'),
  seed: z.number().int().min(0).default(7).describe('seed of the sparks'),
  output: section(output),
  palette: section(paletteSection),
  camera: section(cameraSection),
  surface: section(surface),
  path: section(path),
  timeline: section(timeline),
  overlays: section(overlays),
  post: section(post),
  sparks: z.number().int().min(0).max(5000).default(240).describe('drifting sparks'),
});

/** A scene file as validated, before its presets are merged. */
export type SceneSettings = z.output<typeof sceneSchema>;
