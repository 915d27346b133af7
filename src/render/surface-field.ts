/**
 * The membrane as a smooth function on the plane. World coordinates: X = alpha - 0.5
 * (w1 at -0.5, w2 at +0.5), Z = beta (the bend at 1), Y = height; the wing pair is
 * the beta >= 0 half and its mirror, so Z runs from -betaMax to +betaMax.
 * The grid metric is taken to a log scale, clipped, and read between grid points
 * with Catmull-Rom (bicubic) interpolation, so the mesh is smoother than the grid.
 * Limit: assumes evenly spaced alphas and betas, which is what `icarus train` writes.
 */
import { type GridMetric, type LandscapeBundle } from '../landscape/manifest.js';
import { catmullRom } from './catmull-rom.js';

export interface SurfaceField {
  metric: GridMetric;
  /** World X range and the largest |Z|. */
  xMin: number;
  xMax: number;
  zMax: number;
  /** Height of level 1 (the clip). */
  heightScale: number;
  /** 0 at the lowest grid value, 1 at the clip, at world (x, z); z may be negative. */
  level(x: number, z: number): number;
  /** The membrane height at world (x, z). */
  height(x: number, z: number): number;
  /** The level of a metric value, e.g. a snapshot's loss at one t. */
  levelOf(value: number): number;
}

export interface SurfaceOptions {
  metric: GridMetric;
  /** Clip value in the metric's units; values above it are flat. */
  clip: number;
  heightScale: number;
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

  const level = (x: number, z: number): number => {
    const fa = ((x + 0.5 - a0) / (a1 - a0)) * (na - 1);
    const fb = ((Math.abs(z) - b0) / (b1 - b0)) * (nb - 1);
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

  return {
    metric: options.metric,
    xMin: a0 - 0.5,
    xMax: a1 - 0.5,
    zMax: b1,
    heightScale: options.heightScale,
    level,
    height: (x, z) => options.heightScale * level(x, z),
    levelOf: (value) => Math.min(Math.max((toLog(value) - low) / span, 0), 1),
  };
}
