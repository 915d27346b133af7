/**
 * Writes a trained landscape as a bundle folder: `manifest.json` plus NumPy arrays.
 * The folder is filled under a temporary name and renamed into place when complete.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type TrainConfig } from '../config/train-config.js';
import { onCleanup } from '../util/cleanup.js';
import { commitPath, temporaryPath } from '../util/atomic.js';
import { icarusVersion } from '../version.js';
import {
  type GridMetric,
  type LandscapeManifest,
  bundleFormat,
  gridMetrics,
} from './manifest.js';
import { encodeNpy } from './npy.js';
import { summariseAll } from './path-metrics.js';
import { pathsCsv, pathsSummaryCsv } from './paths-csv.js';
import { type TrainedLandscape } from './train-landscape.js';

const gridFiles: Record<GridMetric, string> = {
  trainLoss: 'plane-train-loss.npy',
  trainError: 'plane-train-error.npy',
  testLoss: 'plane-test-loss.npy',
  testError: 'plane-test-error.npy',
};

export function writeBundle(
  dir: string,
  config: TrainConfig,
  hash: string,
  landscape: TrainedLandscape,
): LandscapeManifest {
  if (!landscape.complete) {
    throw new Error('writeBundle: the grid has cells not computed (a shard?)');
  }
  const tmp = temporaryPath(dir);
  const forget = onCleanup(() => rmSync(tmp, { recursive: true, force: true }));
  try {
    mkdirSync(tmp, { recursive: true });
    const manifest = buildManifest(config, hash, landscape);
    const write = (name: string, data: Float32Array, shape: number[]): void =>
      writeFileSync(join(tmp, name), encodeNpy(data, shape));
    const { alphas, betas, grids } = landscape.plane;
    const shape = [alphas.length, betas.length];
    for (const metric of gridMetrics) write(gridFiles[metric], grids[metric], shape);
    write('plane-grid.npy', planeGrid(landscape), [...shape, 2]);
    write('plane-curve.npy', Float32Array.from(manifest.plane.curve.flat()), [
      manifest.plane.curve.length,
      2,
    ]);
    const parameterCount = landscape.weights.w1.length;
    write('endpoint-1.npy', landscape.weights.w1, [parameterCount]);
    write('endpoint-2.npy', landscape.weights.w2, [parameterCount]);
    const interior = landscape.weights.bends.length;
    write('bends.npy', stack(landscape.weights.bends), [interior, parameterCount]);
    write('snapshot-bends.npy', stack(landscape.snapshotBends.flat()), [
      landscape.snapshotBends.length,
      interior,
      parameterCount,
    ]);
    writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(tmp, 'paths.csv'), pathsCsv(manifest));
    writeFileSync(join(tmp, 'paths-summary.csv'), pathsSummaryCsv(manifest));
    // Apart from the manifest so that bundles of the same config match byte for byte.
    writeFileSync(
      join(tmp, 'timings.json'),
      `${JSON.stringify(landscape.timings, null, 2)}\n`,
    );
    commitPath(tmp, dir);
    return manifest;
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  } finally {
    forget();
  }
}

function buildManifest(
  config: TrainConfig,
  hash: string,
  landscape: TrainedLandscape,
): LandscapeManifest {
  const { alphas, betas, dx, dy, bend, grids } = landscape.plane;
  const range = (values: Float32Array): { min: number; max: number } => {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { min, max };
  };
  // Threads do not change the bundle, so they are left out, as from the hash.
  const { workers: _workers, ...bundleConfig } = config;
  return {
    format: bundleFormat,
    name: config.name,
    hash,
    icarusVersion,
    backend: landscape.backend,
    config: bundleConfig,
    data: {
      source: config.data.source,
      trainCount: config.data.trainCount,
      testCount: config.data.testCount,
      seed: config.data.splitSeed,
    },
    model: {
      kind: config.model.type,
      description: landscape.model,
      parameterCount: landscape.weights.w1.length,
    },
    endpoints: landscape.endpoints,
    curve: {
      kind: landscape.shape.type,
      controlPoints: landscape.shape.controlPoints,
      epochs: config.curve.epochs,
    },
    paths: {
      ts: landscape.ts,
      curve: landscape.curve,
      segment: landscape.segment,
      summary: {
        curve: summariseAll(landscape.curve),
        segment: summariseAll(landscape.segment),
      },
    },
    plane: {
      gridShape: [alphas.length, betas.length],
      alphas,
      betas,
      xs: alphas.map((a) => a * dx),
      ys: betas.map((b) => b * dy),
      dx,
      dy,
      points: { w1: [0, 0], bend, w2: [dx, 0], bends: landscape.plane.bends },
      through: landscape.plane.through,
      offPlane: landscape.plane.offPlane,
      curve: landscape.plane.curve,
      segment: landscape.ts.map((t) => [t * dx, 0]),
      arrays: gridFiles,
      ranges: {
        trainLoss: range(grids.trainLoss),
        trainError: range(grids.trainError),
        testLoss: range(grids.testLoss),
        testError: range(grids.testError),
      },
    },
    snapshotTs: landscape.snapshotTs,
    snapshots: landscape.snapshots,
  };
}

/** Equal-length vectors one after another. */
function stack(vectors: Float32Array[]): Float32Array {
  const length = vectors[0]?.length ?? 0;
  const out = new Float32Array(vectors.length * length);
  vectors.forEach((v, i) => out.set(v, i * length));
  return out;
}

/** Plane coordinates (alpha dx, beta dy) of every grid point, as the reference stores. */
function planeGrid(landscape: TrainedLandscape): Float32Array {
  const { alphas, betas, dx, dy } = landscape.plane;
  const out = new Float32Array(alphas.length * betas.length * 2);
  alphas.forEach((a, i) =>
    betas.forEach((b, j) => {
      out[(i * betas.length + j) * 2] = a * dx;
      out[(i * betas.length + j) * 2 + 1] = b * dy;
    }),
  );
  return out;
}

/** The bundle folder's name: the config's name and its hash. */
export function bundleName(config: TrainConfig, hash: string): string {
  return `${basename(config.name)}-${hash}`;
}
