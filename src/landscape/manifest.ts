/**
 * The landscape bundle: what `icarus train` writes and the render stage reads.
 * A bundle is a folder holding `manifest.json` and NumPy arrays. Errors are in percent
 * (0-100), losses in nats; plane coordinates are (alpha dx, beta dy) as in
 * shared/REFERENCE.md, so w1 sits at (0, 0) and w2 at (dx, 0).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { readNpy } from './npy.js';

export const bundleFormat = 'icarus-landscape/1';

export type Point2 = [number, number];

/** Metrics at each t of a path (curve or straight segment). */
export interface PathMetrics {
  /** Cross-entropy plus 0.5 wd |w|^2 on the training split. */
  trainLoss: number[];
  trainNll: number[];
  trainError: number[];
  /** Cross-entropy on the test split. */
  testLoss: number[];
  testError: number[];
  /** Euclidean distance in weight space from the previous t (0 at t = 0). */
  stepLength: number[];
}

export interface MetricSummary {
  min: number;
  max: number;
  mean: number;
  /** Trapezoid mean weighted by step length. */
  weightedMean: number;
  /** Path maximum minus the mean of the two endpoints. */
  barrier: number;
}

export interface EndpointSummary {
  seed: number;
  train: { loss: number; nll: number; error: number };
  test: { loss: number; error: number };
}

export interface Snapshot {
  /** Optimiser steps taken on the curve when the bend was copied. */
  step: number;
  /** Fractional curve epoch of the copy (0 = untrained, the segment). */
  epoch: number;
  /** The bend (the middle interior control point) projected onto the final plane. */
  bend: Point2;
  /** Every interior control point, projected onto the final plane. */
  bends: Point2[];
  /** Largest distance of an interior control point from the final plane. */
  offPlane: number;
  /** The snapshot's curve projected onto the plane, at `snapshotTs`. */
  curve: Point2[];
  /** Training loss (with the L2 term) along the snapshot's curve, at `snapshotTs`. */
  trainLoss: number[];
  /** Test error (percent) along the snapshot's curve, at `snapshotTs`. */
  testError: number[];
}

export interface PlaneInfo {
  /** [alpha count, beta count]; arrays are indexed [alpha][beta], C order. */
  gridShape: [number, number];
  alphas: number[];
  betas: number[];
  /** Plane x of each alpha (alpha dx) and plane y of each beta (beta dy). */
  xs: number[];
  ys: number[];
  dx: number;
  dy: number;
  /**
   * w1 and w2, the plane's third point `bend` (the bend of a 3-point curve, else the
   * curve's midpoint phi(0.5), as `through` says) and every interior control point.
   */
  points: { w1: Point2; bend: Point2; w2: Point2; bends: Point2[] };
  through: 'bend' | 'curve-midpoint';
  /** Distance of each interior control point from the plane (0 for 3 points). */
  offPlane: number[];
  /** The trained curve projected onto the plane, at `paths.ts`. */
  curve: Point2[];
  /** The straight segment at `paths.ts` (on the plane: y = 0). */
  segment: Point2[];
  /** File names in the bundle of the [alpha][beta] float32 grids. */
  arrays: Record<GridMetric, string>;
  ranges: Record<GridMetric, { min: number; max: number }>;
}

export type GridMetric = 'trainLoss' | 'trainError' | 'testLoss' | 'testError';
export const gridMetrics: GridMetric[] = [
  'trainLoss',
  'trainError',
  'testLoss',
  'testError',
];

export interface LandscapeManifest {
  format: typeof bundleFormat;
  name: string;
  /** Hash of the resolved training config; part of the folder name. */
  hash: string;
  icarusVersion: string;
  backend: string;
  config: unknown;
  data: { source: string; trainCount: number; testCount: number; seed: number };
  model: { kind: 'mlp' | 'cnn'; description: string; parameterCount: number };
  endpoints: EndpointSummary[];
  curve: { kind: 'bezier' | 'polychain'; controlPoints: number; epochs: number };
  paths: {
    ts: number[];
    curve: PathMetrics;
    segment: PathMetrics;
    summary: {
      curve: Record<string, MetricSummary>;
      segment: Record<string, MetricSummary>;
    };
  };
  plane: PlaneInfo;
  snapshotTs: number[];
  snapshots: Snapshot[];
}

export interface Grid {
  shape: [number, number];
  /** Values indexed [alpha * betaCount + beta]. */
  values: Float32Array;
}

export interface LandscapeBundle {
  dir: string;
  manifest: LandscapeManifest;
  grids: Record<GridMetric, Grid>;
}

const retrain = 'train the landscape again: `icarus train CONFIG --force`';

/** Loads a bundle folder written by `icarus train`; a damaged bundle is an error. */
export function loadBundle(dir: string): LandscapeBundle {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) {
    throw new IcarusError(
      `${dir}: no landscape bundle here (manifest.json is missing)`,
      'run `icarus train` first, or name a training config as the landscape',
    );
  }
  let manifest: LandscapeManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as LandscapeManifest;
  } catch (error) {
    throw new IcarusError(
      `${file}: not valid JSON (${(error as Error).message})`,
      retrain,
    );
  }
  if (manifest.format !== bundleFormat) {
    throw new IcarusError(
      `${file}: format '${String(manifest.format)}' is not '${bundleFormat}'`,
      retrain,
    );
  }
  const grids = {} as Record<GridMetric, Grid>;
  for (const metric of gridMetrics) {
    grids[metric] = loadGrid(dir, manifest, metric);
  }
  return { dir, manifest, grids };
}

function loadGrid(dir: string, manifest: LandscapeManifest, metric: GridMetric): Grid {
  const name = manifest.plane?.arrays?.[metric];
  if (typeof name !== 'string') {
    throw new IcarusError(
      `${join(dir, 'manifest.json')}: key 'plane.arrays.${metric}' is missing`,
      retrain,
    );
  }
  const file = join(dir, name);
  if (!existsSync(file))
    throw new IcarusError(`${file}: missing from the bundle`, retrain);
  let array: ReturnType<typeof readNpy>;
  try {
    array = readNpy(file);
  } catch (error) {
    throw error instanceof IcarusError
      ? new IcarusError(error.message, retrain)
      : error;
  }
  const [alphas, betas] = manifest.plane.gridShape;
  if (
    array.shape.length !== 2 ||
    array.shape[0] !== alphas ||
    array.shape[1] !== betas
  ) {
    throw new IcarusError(
      `${file}: shape (${array.shape.join(', ')}) does not match plane.gridShape ` +
        `[${alphas}, ${betas}] in manifest.json`,
      retrain,
    );
  }
  return { shape: [alphas, betas], values: array.data as Float32Array };
}
