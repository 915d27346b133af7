/**
 * The contour levels of the reference's plane figures: values clipped at a metric's
 * ceiling, then levels spaced evenly in log(value - min), so the detail sits where
 * the loss is low, plus one catch-all band above the top level.
 */
import { IcarusError } from '../config/errors.js';

export interface LevelOptions {
  /** Values above this are drawn as this (train loss 5, test error 40). */
  clip: number;
  /** N: the levels are N + 1 (k = 0..N). */
  count?: number;
  /** Natural log of the first level's height above the minimum. */
  logAlpha?: number;
}

export interface PlaneLevels {
  /** Smallest and largest clipped value. */
  min: number;
  max: number;
  /** N + 1 increasing levels: `levels[0]` is min, `levels[N]` is max. */
  levels: number[];
  /** The log step between levels (the reference's gamma). */
  gamma: number;
  logAlpha: number;
}

export const defaultLevelCount = 7;
export const defaultLogAlpha = -5;

/**
 * Levels min + exp(logAlpha + k gamma) for k = 0..N with
 * gamma = (ln(max - min) - logAlpha) / N, the first set to min and the last to max.
 * Band k (k < N) holds values in [levels[k], levels[k + 1]); band N, the catch-all,
 * holds values from levels[N] up. When max - min is below exp(logAlpha) the levels
 * would not rise, so logAlpha becomes ln(max - min) - N (one e-fold a level).
 * A grid with no spread (or no finite value) has nothing to contour: an error.
 */
export function planeLevels(
  values: ArrayLike<number>,
  options: LevelOptions,
): PlaneLevels {
  const count = options.count ?? defaultLevelCount;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const value = Math.min(values[i] as number, options.clip);
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (!(max > min)) {
    throw new IcarusError(
      `plane grid has no spread (min ${min}, max ${max} after clipping at ` +
        `${options.clip}): nothing to contour`,
      'train the landscape again; a flat grid means the plane was not measured',
    );
  }
  const spread = Math.log(max - min);
  const requested = options.logAlpha ?? defaultLogAlpha;
  const logAlpha = spread > requested ? requested : spread - count;
  const gamma = (spread - logAlpha) / count;
  const levels = Array.from(
    { length: count + 1 },
    (_, k) => min + Math.exp(logAlpha + k * gamma),
  );
  levels[0] = min;
  levels[count] = max;
  return { min, max, levels, gamma, logAlpha };
}

/**
 * The ceiling a figure can use: `clip` when some value lies below it, otherwise none
 * (Infinity), since clipping a grid that lies wholly above it would leave it flat
 * (a barely trained landscape can have every test error above 40 %).
 */
export function usableClip(values: ArrayLike<number>, clip: number): number {
  for (let i = 0; i < values.length; i++) if ((values[i] as number) < clip) return clip;
  return Infinity;
}

/** The values clipped at `clip`, as the figure contours them. */
export function clipValues(values: ArrayLike<number>, clip: number): Float64Array {
  return Float64Array.from(values as ArrayLike<number>, (v) => Math.min(v, clip));
}

/** The band (0..N) a value falls in: the last level at or below it. */
export function bandOf(value: number, levels: number[]): number {
  let band = 0;
  for (let k = 1; k < levels.length; k++) if (value >= (levels[k] as number)) band = k;
  return band;
}
