/**
 * Turns a scene's `landscape` (a training config or a bundle folder) into a bundle
 * folder, training it first when it is missing. Bundles live under
 * `renders/landscapes/`, named from the config and a hash of it, so a second run of
 * the same config reuses the bundle.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import {
  loadTrainConfig,
  maxWorkers,
  trainConfigHash,
  trainConfigSchema,
} from '../config/train-config.js';
import { logger } from '../log/logger.js';
import { bundleName, writeBundle } from './write-bundle.js';
import { trainLandscape } from './train-landscape.js';

const log = logger('train');

export interface EnsureOptions {
  /** Train again even when a bundle for the config exists. */
  force?: boolean;
  /** Overrides the config's worker count. */
  workers?: number;
  /** Folder that holds bundles; `renders/landscapes` by default. */
  landscapesDir?: string;
}

export const defaultLandscapesDir = join('renders', 'landscapes');

/** The `--workers` override gets the same bounds as the config's `workers`. */
export function checkWorkers(workers: number): void {
  if (!trainConfigSchema.shape.workers.safeParse(workers).success) {
    throw new IcarusError(
      `--workers ${workers}: expected a whole number from 1 to ${maxWorkers}`,
      'two threads use both cores of a 2-core machine',
    );
  }
}

/** Returns the bundle folder for `source`, training when needed. */
export async function ensureLandscape(
  source: string,
  options: EnsureOptions = {},
): Promise<string> {
  if (!existsSync(source)) {
    throw new IcarusError(
      `${source}: no such file or folder`,
      'name a training config (.yaml) or a bundle folder written by `icarus train`',
    );
  }
  if (statSync(source).isDirectory()) return resolve(source);
  if (options.workers !== undefined) checkWorkers(options.workers);
  const loaded = loadTrainConfig(source);
  const config =
    options.workers === undefined ? loaded : { ...loaded, workers: options.workers };
  const hash = trainConfigHash(config);
  const dir = resolve(
    options.landscapesDir ?? defaultLandscapesDir,
    bundleName(config, hash),
  );
  if (!options.force && existsSync(join(dir, 'manifest.json'))) {
    log.info(`reusing ${dir} (same config; --force trains again)`);
    return dir;
  }
  log.info(`training ${source} into ${dir}`);
  const trained = await trainLandscape(config);
  const manifest = writeBundle(dir, config, hash, trained);
  reportLandscape(manifest);
  return dir;
}

function reportLandscape(manifest: ReturnType<typeof writeBundle>): void {
  const pct = (v: number): string => `${v.toFixed(2)}%`;
  manifest.endpoints.forEach((e, i) =>
    log.info(
      `endpoint ${i + 1}: test error ${pct(e.test.error)}, train loss ${e.train.loss.toFixed(4)}`,
    ),
  );
  const { curve, segment } = manifest.paths.summary;
  log.info(
    `curve: max test error ${pct(curve.testError?.max ?? NaN)}, max train loss ` +
      `${(curve.trainLoss?.max ?? NaN).toFixed(4)}; segment: max test error ` +
      `${pct(segment.testError?.max ?? NaN)}, max train loss ${(segment.trainLoss?.max ?? NaN).toFixed(4)}`,
  );
  const t = manifest.timings;
  log.info(
    `backend ${manifest.backend}; seconds: ` +
      Object.entries(t)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', '),
  );
}
