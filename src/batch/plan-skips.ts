/**
 * Which jobs a run may skip: those whose output and poster exist and whose inputs hash
 * is the one the last run's manifest recorded for that output (not as failed).
 */
import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { type BatchJob } from './batch-job.js';
import { previousHashes } from './batch-manifest.js';
import { inputsHash } from './job-inputs.js';

export interface PlannedJob {
  job: BatchJob;
  /** Undefined only when the job's landscape is not trained yet (a dry run). */
  inputsHash: string | undefined;
  skip: boolean;
}

/**
 * Plans every job of a batch writing into `outDir`; `bundleHashes` maps each landscape
 * to its bundle hash, `force` skips nothing.
 */
export function planSkips(
  jobs: readonly BatchJob[],
  outDir: string,
  bundleHashes: ReadonlyMap<string, string>,
  force: boolean,
): PlannedJob[] {
  const previous = previousHashes(outDir);
  return jobs.map((job) => {
    const bundleHash = bundleHashes.get(job.landscape);
    const hash = bundleHash === undefined ? undefined : inputsHash(job, bundleHash);
    const unchanged =
      hash !== undefined &&
      previous.get(relative(outDir, job.output)) === hash &&
      outputExists(job);
    return { job, inputsHash: hash, skip: unchanged && !force };
  });
}

/** The output and its poster are there (a `.frames` output is a folder). */
function outputExists(job: BatchJob): boolean {
  const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
  const output =
    job.kind === 'sequence'
      ? existsSync(job.output) && statSync(job.output).isDirectory()
      : isFile(job.output);
  return output && isFile(job.poster);
}
