/** Scoring lists of weight vectors sum_k c_k B_k on the landscape pool. */
import { gram } from '../method/vector.js';
import { type PointScores } from './affine-evaluator.js';
import { type LandscapePool } from './landscape-pool.js';
import { type TaskBase } from './tasks.js';
import { type PathMetrics } from './manifest.js';
import { pathMetrics } from './path-metrics.js';

/** Points per worker task; fixed, so results do not depend on the number of threads. */
const pointsPerTask = 16;

export interface PoolJob {
  pool: LandscapePool;
  base: Omit<TaskBase, 'port'>;
  /** wd of the L2 term added to train losses. */
  weightDecay: number;
}

/** Scores points in fixed-size tasks spread over the pool, in order. */
export async function scorePoints(
  job: PoolJob,
  keys: string[],
  basis: Float32Array[],
  coefficients: number[][],
): Promise<PointScores> {
  const parts: Promise<PointScores>[] = [];
  for (let start = 0; start < coefficients.length; start += pointsPerTask) {
    const slice = coefficients.slice(start, start + pointsPerTask);
    parts.push(job.pool.points({ ...job.base, keys, basis, coefficients: slice }));
  }
  const done = await Promise.all(parts);
  const join = (split: 'train' | 'test', key: 'nll' | 'error'): number[] =>
    done.flatMap((p) => p[split][key]);
  return {
    train: { nll: join('train', 'nll'), error: join('train', 'error') },
    test: { nll: join('test', 'nll'), error: join('test', 'error') },
  };
}

/** Path metrics (with L2 term and step lengths) of the points sum_k c_k B_k. */
export async function scorePath(
  job: PoolJob,
  keys: string[],
  basis: Float32Array[],
  coefficients: number[][],
): Promise<PathMetrics> {
  const scores = await scorePoints(job, keys, basis, coefficients);
  return pathMetrics(scores, coefficients, gram(basis), job.weightDecay);
}

/** Coefficients of the straight segment (w1, w2) at each t. */
export function segmentPath(ts: number[]): number[][] {
  return ts.map((t) => [1 - t, t]);
}
