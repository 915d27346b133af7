/**
 * The membrane as a smooth function on the plane. World coordinates: X = alpha - 0.5
 * (w1 at -0.5, w2 at +0.5), Z = beta (the bend at 1), Y = height. Mirrored, the wing
 * pair is the beta >= 0 half and its image, so Z runs from -betaMax to +betaMax;
 * unmirrored, Z covers the grid's own beta range.
 * The grid metric is taken to a log scale, clipped, and read between grid points
 * with Catmull-Rom (bicubic) interpolation, so the mesh is smoother than the grid.
 * Limit: assumes evenly spaced alphas and betas, which is what `icarus train` writes.
 */
import { type GridMetric, type LandscapeBundle } from '../landscape/manifest.js';
import { catmullRom } from './catmull-rom.js';

export interface SurfaceField {
  metric: GridMetric;
  /** World X range, Z range (zMin = -zMax when mirrored). */
  xMin: number;
  xMax: number;
  zMin: number;
  zMax: number;
  mirror: boolean;
  /** Height of level 1 (the clip), or of level 0 when inverted. */
  heightScale: number;
  /** The level below which the membrane is drawn (the threshold, 0-1). */
  thresholdLevel: number;
  /** Levels (0-1) of log-spaced metric values above the grid minimum, ascending. */
  contourLevels: number[];
  /** 0 at the lowest grid value, 1 at the clip, at world (x, z); z may be negative. */
  level(x: number, z: number): number;
  /** The membrane height at world (x, z). */
  height(x: number, z: number): number;
  /** The level of a metric value, e.g. a snapshot's loss at one t. */
  levelOf(value: number): number;
  /** The height of a level (inverted or not). */
  heightOf(level: number): number;
}

export interface SurfaceOptions {
  metric: GridMetric;
  /** Clip value in the metric's units; values above it are flat. */
  clip: number;
  heightScale: number;
  /** Valleys as ridges: height from 1 - level. */
  invert?: boolean;
  /** Read the grid at |Z|, so the negative half mirrors the positive (default true). */
  mirror?: boolean;
  /** Metric value bounding the membrane; default 80% up the log range. */
  threshold?: number;
  /** Contour lines wanted (log-spaced, as in the paper's figures). */
  contours?: number;
}

/**
 * The paper's contour levels: `count` values above `low`, spaced evenly in log of the
 * distance from it, the first e^-5 above it, toward `high` (which is not included).
 */
export function logSpacedLevels(low: number, high: number, count: number): number[] {
  if (count <= 0 || !(high > low)) return [];
  const logAlpha = -5;
  const gamma = (Math.log(high - low) - logAlpha) / count;
  return Array.from({ length: count }, (_, k) => low + Math.exp(logAlpha + gamma * k));
}

/** Default clips, as in the paper's figures: 5 nats for losses, 40% for errors. */
export function defaultClip(metric: GridMetric): number {
  return metric.endsWith('Loss') ? 5 : 40;
}

export function createSurfaceField(
  bundle: LandscapeBundle,
  options: SurfaceOptions,
): SurfaceField {
  const { plane } = bundle.manifest;
  const grid = bundle.grids[options.metric];
  const [na, nb] = grid.shape;
  const alphas = plane.alphas;
  const betas = plane.betas;
  const a0 = alphas[0] ?? 0;
  const a1 = alphas[na - 1] ?? 1;
  const b0 = betas[0] ?? 0;
  const b1 = betas[nb - 1] ?? 1;

  // Errors can be 0, so they take log(1 + value); losses are positive.
  const toLog = options.metric.endsWith('Loss')
    ? (v: number) => Math.log(Math.max(v, 1e-6))
    : (v: number) => Math.log1p(Math.max(v, 0));
  let low = Infinity;
  let high = -Infinity;
  for (const v of grid.values) {
    low = Math.min(low, toLog(v));
    high = Math.max(high, toLog(v));
  }
  high = Math.min(high, toLog(options.clip));
  const span = Math.max(high - low, 1e-6);
  const levels = Float32Array.from(grid.values, (v) =>
    Math.min(Math.max((toLog(v) - low) / span, 0), 1),
  );

  const at = (i: number, j: number): number => {
    const ci = Math.min(Math.max(i, 0), na - 1);
    const cj = Math.min(Math.max(j, 0), nb - 1);
    return levels[ci * nb + cj] ?? 0;
  };

  const mirror = options.mirror ?? true;
  const level = (x: number, z: number): number => {
    const fa = ((x + 0.5 - a0) / (a1 - a0)) * (na - 1);
    const fb = (((mirror ? Math.abs(z) : z) - b0) / (b1 - b0)) * (nb - 1);
    const ia = Math.floor(fa);
    const ib = Math.floor(fb);
    const ta = fa - ia;
    const tb = fb - ib;
    const rows = [-1, 0, 1, 2].map((di) =>
      catmullRom(
        at(ia + di, ib - 1),
        at(ia + di, ib),
        at(ia + di, ib + 1),
        at(ia + di, ib + 2),
        tb,
      ),
    );
    const value = catmullRom(
      rows[0] ?? 0,
      rows[1] ?? 0,
      rows[2] ?? 0,
      rows[3] ?? 0,
      ta,
    );
    return Math.min(Math.max(value, 0), 1);
  };

  const levelOf = (value: number) =>
    Math.min(Math.max((toLog(value) - low) / span, 0), 1);
  const heightOf = (l: number) => options.heightScale * (options.invert ? 1 - l : l);
  const lowest = grid.values.reduce((a, b) => Math.min(a, b), Infinity);
  const highest = Math.exp(high);
  const highValue = options.metric.endsWith('Loss') ? highest : highest - 1;
  return {
    metric: options.metric,
    xMin: a0 - 0.5,
    xMax: a1 - 0.5,
    zMin: mirror ? -b1 : b0,
    zMax: b1,
    mirror,
    heightScale: options.heightScale,
    thresholdLevel: options.threshold === undefined ? 0.8 : levelOf(options.threshold),
    contourLevels: logSpacedLevels(lowest, highValue, options.contours ?? 0).map(
      levelOf,
    ),
    level,
    height: (x, z) => heightOf(level(x, z)),
    levelOf,
    heightOf,
  };
}
