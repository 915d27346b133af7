/**
 * Scores one weight vector by a plain forward pass over each split: the slow path
 * that the fast affine evaluator must agree with.
 */
import { type MlpLayout, forward, unflatten } from '../model/mlp.js';
import { tf } from '../tf/backend.js';
import { type DataTensors, type SplitTensors } from './data-tensors.js';

export function evaluateDirect(
  layout: MlpLayout,
  data: DataTensors,
  weights: Float32Array,
): { train: { nll: number; error: number }; test: { nll: number; error: number } } {
  const score = (split: SplitTensors): { nll: number; error: number } => {
    const sums = tf.tidy(() => {
      const logits = forward(unflatten(layout, tf.tensor1d(weights)), split.x);
      const nll = tf
        .neg(tf.sum(tf.mul(tf.logSoftmax(logits), split.oneHot)))
        .div(split.count);
      const hits = tf.equal(tf.argMax(logits, 1), split.labels).toFloat().sum();
      return tf.stack([nll, hits]);
    });
    const [nll, hits] = sums.dataSync();
    sums.dispose();
    return { nll: nll as number, error: 100 * (1 - (hits as number) / split.count) };
  };
  return { train: score(data.train), test: score(data.test) };
}
