/**
 * Which jobs a run may skip: those whose output (for a `.frames` folder, every frame)
 * and poster exist and whose inputs hash is the one the last run's manifest recorded
 * for that output (not as failed).
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readSidecar, sidecarPathOf } from '../render/sidecar.js';
import { sequenceFrameName } from '../video/png-sequence-sink.js';
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
 * to its bundle hash, `ffmpegVersion` is the build the video jobs use (undefined when
 * it cannot run), `force` skips nothing.
 */
export function planSkips(
  jobs: readonly BatchJob[],
  outDir: string,
  bundleHashes: ReadonlyMap<string, string>,
  ffmpegVersion: string | undefined,
  force: boolean,
): PlannedJob[] {
  const previous = previousHashes(outDir);
  return jobs.map((job) => {
    const bundleHash = bundleHashes.get(job.landscape);
    const hash =
      bundleHash === undefined ? undefined : inputsHash(job, bundleHash, ffmpegVersion);
    const unchanged =
      hash !== undefined &&
      previous.get(relative(outDir, job.output)) === hash &&
      outputExists(job);
    return { job, inputsHash: hash, skip: unchanged && !force };
  });
}

/**
 * The output and its poster are there; a `.frames` output is a folder holding every
 * frame the job renders, as its sidecar says it wrote them.
 */
function outputExists(job: BatchJob): boolean {
  if (!isFile(job.poster)) return false;
  if (job.kind !== 'sequence') return isFile(job.output);
  return (
    existsSync(job.output) &&
    statSync(job.output).isDirectory() &&
    sidecarFrames(job.output) === job.frames &&
    Array.from({ length: job.frames }, (_, i) => sequenceFrameName(i)).every((name) =>
      isFile(join(job.output, name)),
    )
  );
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** The frame count the sidecar of a sequence gives; undefined when it cannot say. */
function sidecarFrames(output: string): number | undefined {
  const path = sidecarPathOf(output);
  if (!isFile(path)) return undefined;
  try {
    return readSidecar(path).output.frames;
  } catch {
    return undefined;
  }
}
