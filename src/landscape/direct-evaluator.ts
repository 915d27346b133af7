/**
 * Scores weight vectors by plain forward passes over each split: the path for models
 * the affine evaluator cannot take (the CNN, batch norm), and the reference the
 * affine evaluator must agree with. Each point's batch-norm statistics are recomputed
 * on the training split at that point (recompute-statistics.ts) and used for both
 * splits. Data goes through in chunks, so memory stays bounded by the chunk size and
 * not the split; only each point's four sums come back to JavaScript.
 * Limit: nothing is cached per basis vector. The first conv is linear in its kernel,
 * so X * K1(B_k) could be cached like the MLP's first layer, but those products are
 * h * w * channels[0] floats per example (~200 MB per basis vector for 8,000 MNIST
 * digits and 8 channels), too many to keep, so every point costs a full pass.
 */
import { type Normalisation } from '../model/batch-norm.js';
import { type Network } from '../model/network.js';
import { unflatten } from '../model/parameter-layout.js';
import { forEachChunk, recomputeStatistics } from '../model/recompute-statistics.js';
import { tf } from '../tf/backend.js';
import { type PointScores } from './affine-evaluator.js';
import { type DataTensors, type SplitTensors } from './data-tensors.js';

export interface SplitScore {
  /** Mean cross-entropy (no L2 term). */
  nll: number;
  /** Error, percent. */
  error: number;
}

/**
 * [summed cross-entropy, correct count] of `split` under `parameters` (one tensor per
 * block), on the backend. The result is kept out of any tidy: the caller disposes it.
 */
export function splitSums(
  network: Network,
  parameters: tf.Tensor[],
  split: SplitTensors,
  norm: Normalisation,
): tf.Tensor1D {
  let total = tf.zeros([2]) as tf.Tensor1D;
  forEachChunk(network, split, (x, start, size) => {
    const { logits } = network.forward(parameters, x, norm);
    const oneHot = split.oneHot.slice([start, 0], [size, -1]);
    const labels = split.labels.slice([start], [size]);
    const nll = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot)));
    const hits = tf.equal(tf.argMax(logits, 1), labels).toFloat().sum();
    const next = tf.keep(tf.add(total, tf.stack([nll, hits]))) as tf.Tensor1D;
    total.dispose();
    total = next;
  });
  return total;
}

/** Mean NLL and error % from `splitSums` values. */
export function splitScore(nllSum: number, hits: number, count: number): SplitScore {
  return { nll: nllSum / count, error: 100 * (1 - hits / count) };
}

/**
 * Scores `parameters` on both splits: with batch norm, under statistics recomputed on
 * the training split, or under `statistics` when given (to compare stale ones).
 */
export function scoreParameters(
  network: Network,
  data: DataTensors,
  parameters: tf.Tensor[],
  statistics?: Normalisation,
): { train: SplitScore; test: SplitScore } {
  const recomputed = statistics
    ? []
    : recomputeStatistics(network, parameters, data.train);
  const norm: Normalisation = statistics ?? { kind: 'fixed', statistics: recomputed };
  const parts = [data.train, data.test].map((split) =>
    splitSums(network, parameters, split, norm),
  );
  const sums = tf.concat(parts);
  tf.dispose([...parts, ...recomputed.flatMap((s) => [s.mean, s.variance])]);
  const values = sums.dataSync();
  sums.dispose();
  const at = (i: number): number => values[i] as number;
  return {
    train: splitScore(at(0), at(1), data.train.count),
    test: splitScore(at(2), at(3), data.test.count),
  };
}

/** Scores one flat weight vector on both splits. */
export function evaluateDirect(
  network: Network,
  data: DataTensors,
  weights: Float32Array,
): { train: SplitScore; test: SplitScore } {
  checkLength(network, weights, 'the weight vector');
  const parameters = tf.tidy(() => unflatten(network.blocks, tf.tensor1d(weights)));
  try {
    return scoreParameters(network, data, parameters);
  } finally {
    tf.dispose(parameters);
  }
}

/** Scores the points sum_k coefficients[p][k] basis[k] on both splits. */
export function evaluatePoints(
  network: Network,
  data: DataTensors,
  basis: Float32Array[],
  coefficients: number[][],
): PointScores {
  const out: PointScores = {
    train: { nll: [], error: [] },
    test: { nll: [], error: [] },
  };
  basis.forEach((vector, k) => checkLength(network, vector, `basis vector ${k}`));
  const stacked = tf.tidy(
    () => tf.stack(basis.map((b) => tf.tensor1d(b))) as tf.Tensor2D,
  );
  try {
    for (const c of coefficients) {
      const parameters = tf.tidy(() =>
        unflatten(
          network.blocks,
          tf.matMul(tf.tensor2d([c]), stacked).reshape([-1]) as tf.Tensor1D,
        ),
      );
      try {
        const scores = scoreParameters(network, data, parameters);
        for (const split of ['train', 'test'] as const) {
          out[split].nll.push(scores[split].nll);
          out[split].error.push(scores[split].error);
        }
      } finally {
        tf.dispose(parameters);
      }
    }
  } finally {
    stacked.dispose();
  }
  return out;
}

/** A vector of another model's layout would be sliced into nonsense, so refuse it. */
function checkLength(network: Network, vector: Float32Array, what: string): void {
  if (vector.length !== network.parameterCount) {
    throw new Error(`${what} has ${vector.length} weights, but ${network.description}`);
  }
}
