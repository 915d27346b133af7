/**
 * Turns a scene's `landscape` (a training config or a bundle folder) into a bundle
 * folder, training it first when it is missing. Bundles live under
 * `renders/landscapes/`, named from the config and a hash of it, so a second run of
 * the same config reuses the bundle.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import {
  type TrainConfig,
  loadTrainConfig,
  maxWorkers,
  trainConfigHash,
  trainConfigSchema,
} from '../config/train-config.js';
import { logger } from '../log/logger.js';
import { type GridShard, shardName } from './grid-shard.js';
import { RunState } from './run-state.js';
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

/** A training config resolved to its bundle folder. */
export interface PlannedLandscape {
  file: string;
  config: TrainConfig;
  hash: string;
  /** The bundle folder it trains into. */
  dir: string;
}

/** Reads a training config and names its bundle folder (nothing is trained). */
export function planLandscape(
  file: string,
  options: EnsureOptions = {},
): PlannedLandscape {
  if (options.workers !== undefined) checkWorkers(options.workers);
  const loaded = loadTrainConfig(file);
  const config =
    options.workers === undefined ? loaded : { ...loaded, workers: options.workers };
  const hash = trainConfigHash(config);
  const dir = resolve(
    options.landscapesDir ?? defaultLandscapesDir,
    bundleName(config, hash),
  );
  return { file, config, hash, dir };
}

/** The work folder where a run of `plan` keeps its finished stages. */
export function workDir(plan: PlannedLandscape, shard?: GridShard): string {
  return `${plan.dir}.${shard ? shardName(shard) : 'work'}`;
}

/**
 * Returns the bundle folder for `source`, training when needed. An interrupted run
 * left its finished stages and grid rows in the work folder, and this run goes on
 * from there; `force` starts afresh.
 */
export async function ensureLandscape(
  source: string,
  options: EnsureOptions = {},
): Promise<string> {
  mustExist(source);
  if (statSync(source).isDirectory()) return resolve(source);
  if (basename(source) === 'manifest.json') {
    throw new IcarusError(
      `${source}: this is a bundle's manifest, not a training config`,
      `name the bundle folder instead: ${dirname(source) || '.'}`,
    );
  }
  const plan = planLandscape(source, options);
  if (!options.force && existsSync(join(plan.dir, 'manifest.json'))) {
    log.info(`reusing ${plan.dir} (same config; --force trains again)`);
    return plan.dir;
  }
  const work = workDir(plan);
  if (options.force) rmSync(work, { recursive: true, force: true });
  const { state, resumed } = RunState.open(work, plan.hash, plan.config);
  log.info(
    resumed ? `resuming ${source} from ${work}` : `training ${source} into ${plan.dir}`,
  );
  const trained = await withoutEmptyWorkFolder(state, () =>
    trainLandscape(plan.config, { state }),
  );
  const manifest = writeBundle(plan.dir, plan.config, plan.hash, trained);
  state.remove();
  reportLandscape(manifest, trained.timings);
  return plan.dir;
}

/**
 * Computes one shard of the grid (and, if its work folder lacks them, the stages
 * before it, which come out the same on every machine) into the shard's work folder.
 * `icarus merge` joins the shards into the bundle.
 */
export async function trainShard(
  source: string,
  shard: GridShard,
  options: EnsureOptions = {},
): Promise<string> {
  mustExist(source);
  const plan = planLandscape(source, options);
  const work = workDir(plan, shard);
  if (options.force) rmSync(work, { recursive: true, force: true });
  const { state, resumed } = RunState.open(work, plan.hash, plan.config);
  log.info(
    `${resumed ? 'resuming' : 'computing'} shard ${shard.index}/${shard.count} in ${work}`,
  );
  await withoutEmptyWorkFolder(state, () =>
    trainLandscape(plan.config, { state, shard }),
  );
  log.info(
    `shard ${shard.index}/${shard.count} done; join the shards with \`icarus merge ${source}\``,
  );
  return work;
}

/** Runs `work`; a run that fails before saving anything leaves no work folder. */
async function withoutEmptyWorkFolder<T>(
  state: RunState,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    state.removeIfEmpty();
    throw error;
  }
}

function mustExist(source: string): void {
  if (!existsSync(source)) {
    throw new IcarusError(
      `${source}: no such file or folder`,
      'name a training config (.yaml) or a bundle folder written by `icarus train`',
    );
  }
}

export function reportLandscape(
  manifest: ReturnType<typeof writeBundle>,
  timings: Record<string, number>,
): void {
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
  const t = timings;
  log.info(
    `backend ${manifest.backend}; seconds: ` +
      Object.entries(t)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', '),
  );
}
