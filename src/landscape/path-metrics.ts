/** Turns per-point scores into path metrics and their summaries. */
import { quadratic } from '../method/vector.js';
import { type PointScores } from './affine-evaluator.js';
import { type MetricSummary, type PathMetrics } from './manifest.js';

/**
 * Adds the L2 term and step lengths to the scores of points sum_k c_k B_k.
 * `gramMatrix` is the Gram matrix of the B_k, so |w|^2 = c^T G c exactly.
 */
export function pathMetrics(
  scores: PointScores,
  coefficients: number[][],
  gramMatrix: number[][],
  weightDecay: number,
): PathMetrics {
  const l2 = coefficients.map((c) => 0.5 * weightDecay * quadratic(gramMatrix, c));
  const stepLength = coefficients.map((c, i) => {
    if (i === 0) return 0;
    const previous = coefficients[i - 1] as number[];
    const delta = c.map((value, k) => value - (previous[k] as number));
    return Math.sqrt(Math.max(0, quadratic(gramMatrix, delta)));
  });
  return {
    trainLoss: scores.train.nll.map((nll, i) => nll + (l2[i] as number)),
    trainNll: scores.train.nll,
    trainError: scores.train.error,
    testLoss: scores.test.nll,
    testError: scores.test.error,
    stepLength,
  };
}

/** min, max, mean, the length-weighted (trapezoid) mean, and the barrier. */
export function summarise(values: number[], stepLength: number[]): MetricSummary {
  let weighted = 0;
  let length = 0;
  for (let i = 1; i < values.length; i++) {
    const step = stepLength[i] as number;
    weighted += (step * ((values[i - 1] as number) + (values[i] as number))) / 2;
    length += step;
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const max = Math.max(...values);
  const ends = ((values[0] as number) + (values[values.length - 1] as number)) / 2;
  return {
    min: Math.min(...values),
    max,
    mean,
    weightedMean: length > 0 ? weighted / length : mean,
    barrier: max - ends,
  };
}

export function summariseAll(metrics: PathMetrics): Record<string, MetricSummary> {
  const out: Record<string, MetricSummary> = {};
  for (const key of [
    'trainLoss',
    'trainNll',
    'trainError',
    'testLoss',
    'testError',
  ] as const) {
    out[key] = summarise(metrics[key], metrics.stepLength);
  }
  return out;
}
