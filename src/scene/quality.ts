/**
 * Render quality: `final` renders the scene as written; `preview` and `draft` trade
 * size, anti-aliasing, membrane mesh density and encoding effort for speed. The one place a quality changes
 * a scene.
 */
import { type X264Preset } from './sections/output.js';

export const qualities = ['draft', 'preview', 'final'] as const;

export type Quality = (typeof qualities)[number];

interface QualityChange {
  /** Multiplies output width and height (rounded to even). */
  scale: number;
  /** Caps output.supersample. */
  supersample: number;
  /** Multiplies surface.resolution (mesh cells; the CPU rasteriser's main cost). */
  meshScale: number;
  encoderPreset: X264Preset;
}

const changes: Record<Exclude<Quality, 'final'>, QualityChange> = {
  draft: { scale: 0.5, supersample: 1, meshScale: 0.5, encoderPreset: 'veryfast' },
  preview: { scale: 0.75, supersample: 1, meshScale: 0.75, encoderPreset: 'faster' },
};

/** The smallest output side and mesh resolution the schema allows. */
const minSidePx = 16;
const minMeshCells = 8;

/** A side scaled and kept even (H.264 in yuv420p) and at least the schema minimum. */
function scaledSide(px: number, scale: number): number {
  return Math.max(minSidePx, 2 * Math.round((px * scale) / 2));
}

interface QualityKeys {
  output: {
    width: number;
    height: number;
    supersample: number;
    encoderPreset: X264Preset;
  };
  surface: { resolution: number };
}

/** The scene at `quality`: a pure function; `final` returns it unchanged. */
export function applyQuality<S extends QualityKeys>(scene: S, quality: Quality): S {
  if (quality === 'final') return scene;
  const change = changes[quality];
  const { output } = scene;
  return {
    ...scene,
    output: {
      ...output,
      width: scaledSide(output.width, change.scale),
      height: scaledSide(output.height, change.scale),
      supersample: Math.min(output.supersample, change.supersample),
      encoderPreset: change.encoderPreset,
    },
    surface: {
      ...scene.surface,
      resolution: Math.max(
        minMeshCells,
        Math.round(scene.surface.resolution * change.meshScale),
      ),
    },
  };
}
