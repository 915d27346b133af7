/**
 * What a job's output depends on, as one hash: the resolved scene (presets, overrides
 * and quality applied; paths left out), the format, the still's time, the landscape
 * bundle, the Icarus version and, for a video, the ffmpeg build that encodes it. A job
 * whose hash matches its last good output is skipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLandscape, planLandscape } from '../landscape/ensure.js';
import { icarusVersion } from '../version.js';
import { type BatchJob } from './batch-job.js';

/**
 * The sha256 of a job's inputs; `bundleHash` from `bundleHashOf`, `ffmpegVersion`
 * (`FfmpegBinary.version`) for video jobs, which stills and PNG sequences leave out.
 */
export function inputsHash(
  job: BatchJob,
  bundleHash: string,
  ffmpegVersion?: string,
): string {
  const inputs = {
    icarusVersion,
    ffmpeg: job.kind === 'video' ? (ffmpegVersion ?? null) : null,
    format: job.format,
    timeSeconds: job.timeSeconds ?? null,
    bundleHash,
    scene: JSON.parse(job.sceneJson) as unknown,
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** The sha256 of a bundle's manifest.json; undefined when the bundle is not there. */
export function bundleHashOf(bundleDir: string): string | undefined {
  const file = join(bundleDir, 'manifest.json');
  if (!existsSync(file)) return undefined;
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * The bundle folder a landscape (a training config or a bundle folder) resolves to,
 * without training anything; for a dry run.
 */
export function plannedBundleDir(landscape: string): string | undefined {
  if (!existsSync(landscape)) return undefined;
  if (statSync(landscape).isDirectory()) return landscape;
  return planLandscape(landscape).dir;
}

/**
 * Makes sure every distinct landscape of `jobs` has its bundle, training one after
 * another what is missing (so no two workers ever train the same bundle), and
 * returns each landscape's bundle hash.
 */
export async function ensureJobLandscapes(
  jobs: readonly BatchJob[],
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const landscape of new Set(jobs.map((job) => job.landscape))) {
    const dir = await ensureLandscape(landscape);
    const hash = bundleHashOf(dir);
    if (hash === undefined) throw new Error(`${dir}: no manifest.json after training`);
    hashes.set(landscape, hash);
  }
  return hashes;
}

/** Each landscape's bundle hash, for those already trained; trains nothing. */
export function plannedBundleHashes(jobs: readonly BatchJob[]): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const landscape of new Set(jobs.map((job) => job.landscape))) {
    const dir = plannedBundleDir(landscape);
    const hash = dir === undefined ? undefined : bundleHashOf(dir);
    if (hash !== undefined) hashes.set(landscape, hash);
  }
  return hashes;
}
