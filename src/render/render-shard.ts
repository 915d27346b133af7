/**
 * `render --shard`: part i of n equal contiguous ranges of the full video's frames,
 * i from 0 as in `train --shard`. The index can come from a batch scheduler, so a
 * render farm runs one command on every node:
 *
 * - `--shard 2/4`: part 2 of 4.
 * - `--shard /4`: part JOB_COMPLETION_INDEX of 4 (a Kubernetes Indexed Job), else
 *   SLURM_ARRAY_TASK_ID minus SLURM_ARRAY_TASK_MIN (over SLURM_ARRAY_TASK_STEP), so
 *   `--array=0-3` and `--array=1-4` both give parts 0 to 3.
 * - `--shard auto`: index as for `/4`, count from SLURM_ARRAY_TASK_COUNT (Kubernetes
 *   gives no count: there write `/N`, N = completions).
 */
import { IcarusError } from '../config/errors.js';
import { type GridShard, parseShard, shardRows } from '../landscape/grid-shard.js';
import { type FullVideo } from './frame-range.js';
import { type FrameRange } from './render-video.js';

export interface RenderShard extends GridShard {
  /** Where the index came from: `--shard 1/4`, `JOB_COMPLETION_INDEX=1`, ... */
  source: string;
}

/** The environment the scheduler variables are read from (process.env by default). */
export type Environment = Readonly<Record<string, string | undefined>>;

const kubernetesIndex = 'JOB_COMPLETION_INDEX';
const slurmId = 'SLURM_ARRAY_TASK_ID';
const slurmMin = 'SLURM_ARRAY_TASK_MIN';
const slurmStep = 'SLURM_ARRAY_TASK_STEP';
const slurmCount = 'SLURM_ARRAY_TASK_COUNT';

/** Parses `i/n`, `/n` or `auto`, reading the scheduler's variables from `env`. */
export function parseRenderShard(
  text: string,
  env: Environment = process.env,
): RenderShard {
  const written = text.trim();
  if (/^\d+\/\d+$/.test(written)) {
    return {
      ...parseShard(written, '--shard', 'a render'),
      source: `--shard ${written}`,
    };
  }
  const countOnly = /^\/(\d+)$/.exec(written);
  if (!countOnly && written !== 'auto') {
    throw new IcarusError(
      `--shard '${text}': expected i/n (part i of n, from 0), /n (the index from ` +
        `${kubernetesIndex} or ${slurmId}) or auto (the count from ${slurmCount} too)`,
      'write it like --shard 0/4, or --shard /4 in a Kubernetes Indexed Job or Slurm array',
    );
  }
  const count = countOnly ? Number(countOnly[1]) : countFromSlurm(env);
  if (count < 1) {
    throw new IcarusError(
      `--shard ${written}: a render in ${count} parts`,
      'give one part or more, such as --shard /4',
    );
  }
  const { index, source } = indexFromScheduler(env);
  if (index < count) return { index, count, source };
  throw new IcarusError(
    `--shard ${written}: ${source} gives part ${index}, but the render has ${count} ` +
      `parts, 0 to ${count - 1}`,
    source.startsWith(kubernetesIndex)
      ? `set the Job's completions to ${count}, as --shard /${count} says`
      : `give the array as --array=0-${count - 1} to match ${count} parts`,
  );
}

/** The part's index from Kubernetes or Slurm; errors name the variable and value. */
function indexFromScheduler(env: Environment): { index: number; source: string } {
  const kubernetes = env[kubernetesIndex];
  if (kubernetes !== undefined && kubernetes !== '') {
    const index = wholeNumber(kubernetesIndex, kubernetes);
    return { index, source: `${kubernetesIndex}=${kubernetes}` };
  }
  const id = env[slurmId];
  if (id === undefined || id === '') {
    throw new IcarusError(
      `--shard without an index: neither ${kubernetesIndex} (a Kubernetes Indexed Job) ` +
        `nor ${slurmId} (a Slurm array) is set`,
      'give the index, such as --shard 0/4, or run it as an indexed job or array task',
    );
  }
  const taskId = wholeNumber(slurmId, id);
  const min = optionalWholeNumber(slurmMin, env[slurmMin]) ?? 0;
  const step = optionalWholeNumber(slurmStep, env[slurmStep]) ?? 1;
  const offset = taskId - min;
  if (offset < 0 || step < 1 || offset % step !== 0) {
    throw new IcarusError(
      `${slurmId}=${id} is not on the array ${min}, ${min + step}, ... ` +
        `(${slurmMin}=${env[slurmMin] ?? 'unset'}, ${slurmStep}=${env[slurmStep] ?? 'unset'})`,
      'run the render as a Slurm array such as --array=0-3',
    );
  }
  const minText = min === 0 ? '' : ` - ${slurmMin} ${min}`;
  const stepText = step === 1 ? '' : ` over ${slurmStep} ${step}`;
  return { index: offset / step, source: `${slurmId}=${id}${minText}${stepText}` };
}

function countFromSlurm(env: Environment): number {
  const text = env[slurmCount];
  if (text === undefined || text === '') {
    throw new IcarusError(
      `--shard auto: ${slurmCount} is not set, so the number of parts is unknown`,
      `give the count, such as --shard /4 (in a Kubernetes Indexed Job: its completions)`,
    );
  }
  return wholeNumber(slurmCount, text);
}

function wholeNumber(name: string, text: string): number {
  if (/^\d+$/.test(text.trim())) return Number(text);
  throw new IcarusError(
    `${name}='${text}': expected a whole number from 0`,
    `unset ${name}, or give the part with --shard i/n`,
  );
}

function optionalWholeNumber(
  name: string,
  text: string | undefined,
): number | undefined {
  return text === undefined || text === '' ? undefined : wholeNumber(name, text);
}

/**
 * Frames [floor(i N / n), floor((i + 1) N / n)) of a video of N frames: the parts
 * cover it once, in order, and differ in length by at most one frame.
 */
export function shardFrames(shard: RenderShard, video: FullVideo): FrameRange {
  if (shard.count > video.frameCount) {
    throw new IcarusError(
      `${shard.source}: ${shard.count} parts of a video of ${video.frameCount} frames ` +
        `(${video.about}) would leave parts empty`,
      `split it into at most ${video.frameCount} parts`,
    );
  }
  const [start, end] = shardRows(shard, video.frameCount);
  return { start, end };
}
