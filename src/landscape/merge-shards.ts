/**
 * `icarus merge`: joins the grid shards that `icarus train --shard i/n` wrote into
 * the bundle a single run writes, byte for byte (timings.json aside). Every shard must
 * come from the same config and agree on everything computed before the grid.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { type TrainConfig } from '../config/train-config.js';
import { logger } from '../log/logger.js';
import { type EnsureOptions, planLandscape, reportLandscape } from './ensure.js';
import { gridMetrics } from './manifest.js';
import { RunState } from './run-state.js';
import { trainLandscape } from './train-landscape.js';
import { bundleName, writeBundle } from './write-bundle.js';

const log = logger('merge');

/** Files of the stages before the grid; every shard must hold the same bytes. */
const sharedFiles = [
  'config.json',
  'endpoints.npy',
  'endpoints.json',
  'bends.npy',
  'snapshot-bends.npy',
  'snapshots-at.json',
  'paths.json',
  'snapshots.json',
];

/** `sources`: shard folders, or one training config whose shards sit beside its bundle. */
export async function mergeShards(
  sources: string[],
  options: EnsureOptions = {},
): Promise<string> {
  const dirs = shardFolders(sources, options);
  const states = dirs.map((dir) => RunState.read(dir));
  const first = states[0] as RunState;
  for (const state of states.slice(1)) mustAgree(first, state);
  const config = first.loadJson<TrainConfig>('config') as TrainConfig;
  const dir = join(dirname(first.dir), bundleName(config, first.hash));
  const { state } = RunState.open(`${dir}.work`, first.hash, config);
  for (const name of sharedFiles) {
    const [stem, ext] = name.split('.') as [string, string];
    if (ext === 'npy') state.saveVectors(stem, first.loadVectors(stem) ?? []);
    else state.saveJson(stem, first.loadJson(stem));
  }
  joinGrids(states, state, config);
  state.saveJson('timings', sumTimings(states));
  log.info(`joined ${states.length} shards; writing ${dir}`);
  const trained = await trainLandscape(
    { ...config, workers: options.workers ?? config.workers },
    { state },
  );
  const manifest = writeBundle(dir, config, first.hash, trained);
  state.remove();
  reportLandscape(manifest, trained.timings);
  return dir;
}

function shardFolders(sources: string[], options: EnsureOptions): string[] {
  if (sources.length === 1 && /\.ya?ml$/i.test(sources[0] as string)) {
    const plan = planLandscape(sources[0] as string, options);
    const parent = dirname(plan.dir);
    const prefix = `${basename(plan.dir)}.shard-`;
    const found = existsSync(parent)
      ? readdirSync(parent).filter((name) => name.startsWith(prefix))
      : [];
    if (found.length === 0) {
      throw new IcarusError(
        `${sources[0]}: no shards in ${parent} (looked for ${prefix}*)`,
        'run `icarus train CONFIG --shard i/n` for each part first',
      );
    }
    return found.sort().map((name) => join(parent, name));
  }
  if (sources.length === 0) {
    throw new IcarusError('merge: name the shard folders or the training config');
  }
  return sources.map((s) => resolve(s));
}

function mustAgree(first: RunState, other: RunState): void {
  if (other.hash !== first.hash) {
    throw new IcarusError(
      `${other.dir}: from another config (hash ${other.hash}, not ${first.hash} as ` +
        `${first.dir})`,
      'merge only the shards of one training config',
    );
  }
  for (const name of sharedFiles) {
    const a = join(first.dir, name);
    const b = join(other.dir, name);
    if (!existsSync(a) || !existsSync(b)) {
      throw new IcarusError(
        `${existsSync(a) ? b : a}: missing; that shard did not finish`,
        'run its `icarus train --shard i/n` again: it resumes where it stopped',
      );
    }
    if (!readFileSync(a).equals(readFileSync(b))) {
      throw new IcarusError(
        `${b} differs from ${a}: the shards did not compute the same stages ` +
          '(another backend or Icarus version?)',
        'run every shard with the same Icarus version and backend (ICARUS_BACKEND)',
      );
    }
  }
}

/** Copies each shard's finished cells into `into`; refuses gaps and disagreements. */
function joinGrids(states: RunState[], into: RunState, config: TrainConfig): void {
  const [alphas, betas] = config.plane.grid;
  const cells = alphas * betas;
  const joined = gridMetrics.map(() => new Float32Array(cells).fill(Number.NaN));
  for (const state of states) {
    const grids = state.loadVectors('grid');
    if (!grids) continue;
    grids.forEach((values, m) => {
      const out = joined[m] as Float32Array;
      values.forEach((v, i) => {
        if (Number.isNaN(v)) return;
        if (!Number.isNaN(out[i] as number) && out[i] !== v) {
          throw new IcarusError(
            `${state.dir}: grid cell ${Math.floor(i / betas)},${i % betas} differs from ` +
              'another shard',
            'run every shard with the same Icarus version and backend',
          );
        }
        out[i] = v;
      });
    });
  }
  const missing = new Set<number>();
  (joined[0] as Float32Array).forEach((v, i) => {
    if (Number.isNaN(v)) missing.add(Math.floor(i / betas));
  });
  if (missing.size > 0) {
    const rows = [...missing];
    throw new IcarusError(
      `merge: ${rows.length} of ${alphas} grid rows are in no shard ` +
        `(rows ${rows.slice(0, 8).join(', ')}${rows.length > 8 ? ', ...' : ''})`,
      'run the missing shards (`icarus train CONFIG --shard i/n`), then merge again',
    );
  }
  into.saveVectors('grid', joined);
}

/** Stage seconds of shard 0, grid seconds summed over the shards (CPU spent). */
function sumTimings(states: RunState[]): Record<string, number> {
  const out = { ...(states[0]?.loadJson<Record<string, number>>('timings') ?? {}) };
  out.grid = states.reduce(
    (sum, s) => sum + (s.loadJson<Record<string, number>>('timings')?.grid ?? 0),
    0,
  );
  return out;
}
