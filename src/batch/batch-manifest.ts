/**
 * `<out>/batch.json`: what a batch run wrote, job by job, and the inputs hash of each
 * output; the next run reads it to skip the jobs whose inputs have not changed. It is
 * rewritten as each job finishes, so an interrupted run leaves a true record: the
 * jobs it skipped or finished, and none of those it was about to render.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { writeFileAtomic } from '../util/atomic.js';
import { icarusVersion } from '../version.js';
import { type BatchJob, sizeOf } from './batch-job.js';
import { contactSheetName, manifestName } from './expand-batch.js';

const log = logger('batch');

export type JobStatus = 'rendered' | 'skipped' | 'failed';

export interface ManifestJob {
  index: number;
  scene: string;
  palette: string;
  camera: string;
  format: string;
  quality: string;
  size: string;
  /** Relative to the batch's output folder. */
  output: string;
  poster: string;
  status: JobStatus;
  /** Seconds this run spent on the job (0 when skipped). */
  seconds: number;
  inputsHash: string;
  error?: string;
}

export interface BatchManifest {
  batch: string;
  icarusVersion: string;
  writtenAt: string;
  seconds: number;
  /**
   * False while the run goes on, and after it was interrupted: the jobs left out
   * render on the next run.
   */
  complete: boolean;
  contactSheet: string;
  /** In job order; only the jobs skipped or finished so far. */
  jobs: ManifestJob[];
}

/** A finished job, for the manifest. */
export interface JobOutcome {
  job: BatchJob;
  status: JobStatus;
  seconds: number;
  inputsHash: string;
  error?: string;
}

export function manifestJob(outDir: string, outcome: JobOutcome): ManifestJob {
  const { job } = outcome;
  return {
    index: job.index,
    scene: job.scenePath,
    palette: job.palette,
    camera: job.camera,
    format: job.format,
    quality: job.quality,
    size: sizeOf(job),
    output: relative(outDir, job.output),
    poster: relative(outDir, job.poster),
    status: outcome.status,
    seconds: Number(outcome.seconds.toFixed(3)),
    inputsHash: outcome.inputsHash,
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
  };
}

/** The manifest of `outcomes` (any order; written in job order). */
export function batchManifest(
  file: string,
  outDir: string,
  outcomes: Iterable<JobOutcome>,
  seconds: number,
  complete: boolean,
): BatchManifest {
  return {
    batch: file,
    icarusVersion,
    writtenAt: new Date().toISOString(),
    seconds: Number(seconds.toFixed(3)),
    complete,
    contactSheet: contactSheetName,
    jobs: [...outcomes]
      .sort((a, b) => a.job.index - b.job.index)
      .map((outcome) => manifestJob(outDir, outcome)),
  };
}

/** Writes the manifest atomically; returns its path. */
export function writeBatchManifest(outDir: string, manifest: BatchManifest): string {
  const path = join(outDir, manifestName);
  try {
    writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    throw new IcarusError(
      `${path}: cannot write the batch manifest ` +
        `(${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      'give an output folder you can write to, with --out or the batch file key out',
    );
  }
  return path;
}

/**
 * The inputs hash of each output the last run made or kept (failed jobs left out),
 * keyed by the output's path relative to `outDir`; empty when there was no run or
 * its manifest cannot be read (then every job renders).
 */
export function previousHashes(outDir: string): Map<string, string> {
  const path = join(outDir, manifestName);
  const hashes = new Map<string, string>();
  if (!existsSync(path)) return hashes;
  let manifest: Partial<BatchManifest>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<BatchManifest>;
  } catch (error) {
    log.warn(`${path}: not readable (${String(error)}); every job renders`);
    return hashes;
  }
  for (const job of manifest.jobs ?? []) {
    if (job.status !== 'failed' && typeof job.inputsHash === 'string') {
      hashes.set(job.output, job.inputsHash);
    }
  }
  return hashes;
}
