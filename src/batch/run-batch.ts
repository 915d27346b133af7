/**
 * `icarus batch`: expands a batch file into jobs, trains the landscapes they need
 * (one after another, before any worker starts), skips the jobs whose inputs have not
 * changed since their last good output, renders the rest on a pool of worker
 * processes (the manifest rewritten as each finishes), then writes the complete
 * manifest and the contact sheet.
 */
import { availableParallelism } from 'node:os';
import { IcarusError } from '../config/errors.js';
import { ensureDisplay } from '../display/ensure-display.js';
import { logger } from '../log/logger.js';
import { interrupted } from '../util/cleanup.js';
import { resolveFfmpeg } from '../video/ffmpeg-binary.js';
import { type BatchJob } from './batch-job.js';
import {
  batchManifest,
  type JobOutcome,
  writeBatchManifest,
} from './batch-manifest.js';
import { expandBatch, shownPath } from './expand-batch.js';
import {
  ensureJobLandscapes,
  plannedBundleDir,
  plannedBundleHashes,
} from './job-inputs.js';
import { plural } from './plural.js';
import { planSkips } from './plan-skips.js';
import { renderOnPool } from './render-on-pool.js';
import { writeBatchRecords } from './write-batch-records.js';

const log = logger('batch');

/** The most worker processes `--jobs` allows. */
export const maxBatchJobs = 64;

export interface BatchOptions {
  /** The batch file (YAML). */
  file: string;
  /** Worker processes; default the core count. */
  jobs?: number;
  /** Render every job, even those whose inputs have not changed. */
  force?: boolean;
  /** List the jobs and whether each would render; render and train nothing. */
  dryRun?: boolean;
  /** The output folder, over the batch file's `out`. */
  outDir?: string;
  /** The ffmpeg binary of the video jobs, as render's --ffmpeg. */
  ffmpeg?: string;
}

/** A landscape a dry run found untrained: a real run trains it before rendering. */
export interface LandscapeToTrain {
  /** The training config, absolute. */
  landscape: string;
  /** Where its bundle would go. */
  bundleDir: string | undefined;
  /** The indices of the jobs that use it. */
  jobs: number[];
}

/** `would render` and `would skip` come from a dry run. */
export type BatchJobStatus =
  'rendered' | 'skipped' | 'failed' | 'would render' | 'would skip';

export interface BatchJobResult {
  job: BatchJob;
  status: BatchJobStatus;
  /** Seconds spent on the job in this run (0 when skipped or in a dry run). */
  seconds: number;
  /** Undefined in a dry run whose landscape is not trained yet. */
  inputsHash: string | undefined;
  error?: string;
}

export interface BatchResult {
  file: string;
  outDir: string;
  dryRun: boolean;
  /** In job order. */
  jobs: BatchJobResult[];
  failed: number;
  /** Wall time of the whole run. */
  seconds: number;
  /** A dry run: the landscapes a real run would train first. */
  toTrain?: LandscapeToTrain[];
  /** Not written by a dry run. */
  manifestPath?: string;
  contactSheetPath?: string;
}

/**
 * The version of the ffmpeg the video jobs would use (none without video jobs).
 * Resolved once, before any worker starts, so a wrong --ffmpeg fails here and not in
 * every job; a dry run lists the jobs anyway, taking the version as unknown.
 */
async function videoFfmpegVersion(
  jobs: readonly BatchJob[],
  options: BatchOptions,
): Promise<string | undefined> {
  if (!jobs.some((job) => job.kind === 'video')) return undefined;
  try {
    return (await resolveFfmpeg(options.ffmpeg)).version;
  } catch (error) {
    if (options.dryRun) return undefined;
    throw error;
  }
}

/** Runs (or with `dryRun`, lists) a batch; a failed job does not stop the others. */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const started = performance.now();
  const workers = options.jobs ?? availableParallelism();
  checkJobs(workers);
  const plan = expandBatch(options.file, options.outDir);
  const { jobs, outDir } = plan;
  log.info(
    `${plural(jobs.length, 'job')} from ${options.file} -> ${shownPath(outDir)}`,
  );

  const bundleHashes = options.dryRun
    ? plannedBundleHashes(jobs)
    : await ensureJobLandscapes(jobs);
  const ffmpegVersion = await videoFfmpegVersion(jobs, options);
  const planned = planSkips(
    jobs,
    outDir,
    bundleHashes,
    ffmpegVersion,
    options.force ?? false,
  );
  const seconds = () => (performance.now() - started) / 1000;

  if (options.dryRun) {
    const results = planned.map(({ job, inputsHash, skip }) => ({
      job,
      status: skip ? ('would skip' as const) : ('would render' as const),
      seconds: 0,
      inputsHash,
    }));
    return {
      file: options.file,
      outDir,
      dryRun: true,
      jobs: results,
      failed: 0,
      seconds: seconds(),
      toTrain: landscapesToTrain(jobs, bundleHashes),
    };
  }

  const toRender = planned.filter((p) => !p.skip).map((p) => p.job);
  const skipped = jobs.length - toRender.length;
  if (skipped > 0) {
    log.info(`${plural(skipped, 'unchanged job')} skipped (--force renders them)`);
  }
  // The record of this run so far: the jobs skipped, then each job as it finishes.
  // Written before any job starts, so the jobs about to render lose the entries of
  // their last outputs first: an interrupted run never leaves an entry beside an
  // output it overwrote.
  const done = new Map<number, JobOutcome>();
  for (const { job, inputsHash, skip } of planned) {
    if (skip && inputsHash !== undefined) {
      done.set(job.index, { job, status: 'skipped', seconds: 0, inputsHash });
    }
  }
  const hashes = new Map(planned.map((p) => [p.job.index, p.inputsHash]));
  const writeProgress = () =>
    writeBatchManifest(
      outDir,
      batchManifest(options.file, outDir, done.values(), seconds(), false),
    );
  if (toRender.length > 0) {
    writeProgress();
    // One X server for all the workers: they inherit DISPLAY.
    await ensureDisplay();
    const pool = Math.min(workers, toRender.length);
    log.info(
      `rendering ${plural(toRender.length, 'job')} on ${plural(pool, 'worker')}`,
    );
  }
  let finished = 0;
  const rendered = await renderOnPool(toRender, workers, options, (job, outcome) => {
    finished += 1;
    // After Ctrl-C the jobs still queued fail for that alone; not worth a line each,
    // nor an entry.
    if (interrupted()) return;
    const inputsHash = hashes.get(job.index);
    if (inputsHash !== undefined) {
      done.set(job.index, { job, inputsHash, ...outcome });
      writeProgress();
    }
    const count = `(${finished}/${toRender.length})`;
    if (outcome.status === 'rendered') {
      log.info(`${count} ${shownPath(job.output)} in ${outcome.seconds.toFixed(1)} s`);
    } else {
      log.error(
        `${count} job ${job.index} FAILED: ${shownPath(job.output)}: ${outcome.error ?? ''}`,
      );
    }
  });

  // Ctrl-C: the workers are gone and the jobs they held failed for that alone; the
  // manifest lists the jobs skipped or finished before it.
  if (interrupted()) throw new IcarusError('batch interrupted');

  const outcomes = planned.map(({ job, inputsHash }): JobOutcome => {
    // A real run trained every landscape first, so every job has its hash.
    if (inputsHash === undefined)
      throw new Error(`job ${job.index} has no inputs hash`);
    const outcome = rendered.get(job.index);
    if (!outcome) return { job, status: 'skipped', seconds: 0, inputsHash };
    return { job, inputsHash, ...outcome };
  });
  const records = await writeBatchRecords(options.file, outDir, outcomes, seconds());
  return {
    file: options.file,
    outDir,
    dryRun: false,
    jobs: outcomes,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    seconds: seconds(),
    ...records,
  };
}

/** The training configs among the jobs' landscapes that have no bundle yet. */
function landscapesToTrain(
  jobs: readonly BatchJob[],
  bundleHashes: ReadonlyMap<string, string>,
): LandscapeToTrain[] {
  const untrained = new Map<string, LandscapeToTrain>();
  for (const job of jobs) {
    if (bundleHashes.has(job.landscape)) continue;
    const entry = untrained.get(job.landscape) ?? {
      landscape: job.landscape,
      bundleDir: plannedBundleDir(job.landscape),
      jobs: [],
    };
    entry.jobs.push(job.index);
    untrained.set(job.landscape, entry);
  }
  return [...untrained.values()];
}

function checkJobs(jobs: number): void {
  if (Number.isInteger(jobs) && jobs >= 1 && jobs <= maxBatchJobs) return;
  throw new IcarusError(
    `--jobs ${jobs}: expected a whole number from 1 to ${maxBatchJobs}`,
    `give the number of worker processes, such as --jobs ${availableParallelism()} (the core count)`,
  );
}
