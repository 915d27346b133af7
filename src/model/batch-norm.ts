/**
 * Batch norm as the landscape needs it: no running averages are stored. Training
 * normalises with each batch's statistics; an evaluated point gets statistics
 * recomputed on the training split at that point (see recompute-statistics.ts).
 */
import { tf } from '../tf/backend.js';

/** Added to the variance before its square root, as PyTorch's default. */
export const normEpsilon = 1e-5;

/** Per-channel mean and (biased) variance of one batch-norm layer's input. */
export interface LayerStatistics {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/**
 * Which statistics each batch-norm layer uses: `batch`, those of the input itself
 * (training, and the pass that recomputes statistics); `fixed`, given ones, one per
 * layer in order (scoring a point).
 */
export type Normalisation =
  { kind: 'batch' } | { kind: 'fixed'; statistics: LayerStatistics[] };

/**
 * Normalises `h` per channel (its last axis) and applies the learned scale and
 * shift. `layer` is this layer's index among the network's batch-norm layers; with
 * batch statistics they are pushed to `used`, so a caller can average them.
 */
export function batchNorm(
  h: tf.Tensor,
  scale: tf.Tensor,
  shift: tf.Tensor,
  norm: Normalisation,
  layer: number,
  used: LayerStatistics[],
): tf.Tensor {
  let stats: LayerStatistics;
  if (norm.kind === 'batch') {
    const axes = h.shape.slice(0, -1).map((_, i) => i);
    const moments = tf.moments(h, axes);
    stats = {
      mean: moments.mean as tf.Tensor1D,
      variance: moments.variance as tf.Tensor1D,
    };
    used.push(stats);
  } else {
    const given = norm.statistics[layer];
    if (!given) throw new Error(`no statistics for batch-norm layer ${layer}`);
    stats = given;
  }
  const normalised = tf.mul(
    tf.sub(h, stats.mean),
    tf.rsqrt(tf.add(stats.variance, normEpsilon)),
  );
  return tf.add(tf.mul(normalised, scale), shift);
}
