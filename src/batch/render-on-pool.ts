/**
 * Renders batch jobs on a pool of worker processes, longest first. A failed job is
 * reported and the others go on; Ctrl-C ends the workers with the run.
 */
import { fileURLToPath } from 'node:url';
import workerpool from 'workerpool';
import { type LogLevel, logLevel } from '../log/logger.js';
import { onCleanup } from '../util/cleanup.js';
import { type BatchJob } from './batch-job.js';
import { type JobReply, type JobRequest } from './render-job.js';

const workerScript = fileURLToPath(new URL('./batch-worker.js', import.meta.url));

export interface RenderOutcome {
  status: 'rendered' | 'failed';
  seconds: number;
  error?: string;
}

/** What every job of a pool is rendered with. */
export interface PoolOptions {
  /** The ffmpeg binary of the video jobs (render's --ffmpeg). */
  ffmpeg?: string;
}

/**
 * Renders `jobs` on at most `workers` processes and returns each job's outcome by
 * index; `onFinished` hears of each job as it ends. The X display must be set up
 * (`DISPLAY`) before: the workers inherit it and share one X server.
 */
export async function renderOnPool(
  jobs: readonly BatchJob[],
  workers: number,
  options: PoolOptions,
  onFinished: (job: BatchJob, outcome: RenderOutcome) => void,
): Promise<Map<number, RenderOutcome>> {
  const outcomes = new Map<number, RenderOutcome>();
  if (jobs.length === 0) return outcomes;
  const pool = workerpool.pool(workerScript, {
    workerType: 'process',
    maxWorkers: Math.min(workers, jobs.length),
    forkOpts: { env: { ...process.env, ICARUS_LOG_LEVEL: workerLogLevel() } },
    // A render's own cleanup (ffmpeg, temporary files) gets time to finish.
    workerTerminateTimeout: 5000,
  });
  // One termination only: a second call while a forced one runs leaves the first
  // promise pending for good (workerpool 10), and Ctrl-C's cleanup would wait on it.
  let terminating: ReturnType<typeof pool.terminate> | undefined;
  const terminate = (force: boolean) => (terminating ??= pool.terminate(force));
  const stopWorkers = onCleanup(() => terminate(true));
  try {
    const longestFirst = [...jobs].sort(
      (a, b) => b.costPx - a.costPx || a.index - b.index,
    );
    await Promise.all(
      longestFirst.map(async (job) => {
        const started = performance.now();
        let outcome: RenderOutcome;
        try {
          const reply = (await pool.exec('render', [
            requestOf(job, options),
          ])) as JobReply;
          outcome =
            reply.error === undefined
              ? { status: 'rendered', seconds: reply.seconds }
              : { status: 'failed', seconds: reply.seconds, error: reply.error };
        } catch (error) {
          // The worker itself died (a crash in GL, a kill): its job fails alone.
          outcome = {
            status: 'failed',
            seconds: (performance.now() - started) / 1000,
            error: workerDeath(error),
          };
        }
        outcomes.set(job.index, outcome);
        onFinished(job, outcome);
      }),
    );
  } finally {
    stopWorkers();
    await terminate(false);
  }
  return outcomes;
}

function requestOf(job: BatchJob, options: PoolOptions): JobRequest {
  return {
    scenePath: job.scenePath,
    options: job.options,
    kind: job.kind,
    output: job.output,
    ...(job.timeSeconds !== undefined ? { timeSeconds: job.timeSeconds } : {}),
    ...(options.ffmpeg !== undefined && job.kind === 'video'
      ? { ffmpeg: options.ffmpeg }
      : {}),
  };
}

/**
 * Why a job failed when its worker process did not reply: workerpool's "terminated
 * Unexpectedly" report (with the exit code and signal, and the worker's command
 * line) made one line naming how the worker died.
 */
export function workerDeath(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.includes('terminated Unexpectedly')) return message;
  const field = (name: string) => {
    const value = new RegExp(`${name}: \`([^\`]*)\``).exec(message)?.[1];
    return value === undefined || value === 'null' || value === 'undefined'
      ? undefined
      : value;
  };
  const signal = field('signalCode');
  const code = field('exitCode');
  const how =
    signal !== undefined
      ? `signal ${signal}`
      : code !== undefined
        ? `exit code ${code}`
        : 'no exit code';
  return (
    `the worker rendering this job died (${how})\n  fix: render the job again; ` +
    'if it dies again, icarus render on its scene alone shows why (out of memory, a GL crash)'
  );
}

/**
 * Workers log warnings and errors only (each render's stage bars, interleaved from
 * several processes, would not read); debug when the run is verbose.
 */
function workerLogLevel(): LogLevel {
  const level = logLevel();
  return level === 'debug' ? 'debug' : level === 'info' ? 'warn' : level;
}
