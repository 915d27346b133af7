/**
 * Batch-norm statistics for one point of weight space, recomputed by one pass over
 * the training split at that point, as the reference does for every evaluated t and
 * grid point: the split goes through in fixed chunks, each normalised with its own
 * statistics, and each layer's statistics are the chunk-size-weighted means of the
 * chunks' means and variances. Limit: like the reference's pass, this is not the
 * exact whole-split statistic for layers after the first (it would need one pass per
 * layer); the chunks are fixed by the model and split, so results are deterministic.
 */
import { type SplitTensors } from '../landscape/data-tensors.js';
import { tf } from '../tf/backend.js';
import { type LayerStatistics } from './batch-norm.js';
import { type Network } from './network.js';

/** Activation floats one chunk may hold at its widest layer (16 MB of float32). */
const chunkFloats = 1 << 22;

/** Examples per chunk when `network` runs over a split without gradients. */
export function examplesPerChunk(network: Network): number {
  return Math.max(1, Math.floor(chunkFloats / network.floatsPerExample));
}

/** Calls `fn` on consecutive slices of `split` of at most `examplesPerChunk` examples. */
export function forEachChunk(
  network: Network,
  split: SplitTensors,
  fn: (x: tf.Tensor2D, start: number, size: number) => void,
): void {
  const chunk = examplesPerChunk(network);
  for (let start = 0; start < split.count; start += chunk) {
    const size = Math.min(chunk, split.count - start);
    tf.tidy(() => fn(split.x.slice([start, 0], [size, -1]), start, size));
  }
}

/**
 * Statistics of each batch-norm layer of `network` under `parameters` (one tensor per
 * block) on `train`; empty without batch norm. The caller disposes the tensors.
 */
export function recomputeStatistics(
  network: Network,
  parameters: tf.Tensor[],
  train: SplitTensors,
): LayerStatistics[] {
  if (network.normLayers === 0) return [];
  let sums: tf.Tensor1D[] = [];
  forEachChunk(network, train, (x, _start, size) => {
    const { statistics } = network.forward(parameters, x, { kind: 'batch' });
    const weighted = statistics.flatMap((s) =>
      [s.mean, s.variance].map((t) => t.mul(size)),
    );
    const next =
      sums.length === 0
        ? weighted
        : weighted.map((w, i) => w.add(sums[i] as tf.Tensor));
    tf.dispose(sums);
    sums = next.map((t) => tf.keep(t) as tf.Tensor1D);
  });
  const out = Array.from({ length: network.normLayers }, (_, layer) =>
    tf.tidy(() => ({
      mean: (sums[2 * layer] as tf.Tensor1D).div(train.count) as tf.Tensor1D,
      variance: (sums[2 * layer + 1] as tf.Tensor1D).div(train.count) as tf.Tensor1D,
    })),
  );
  tf.dispose(sums);
  return out;
}
