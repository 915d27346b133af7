/** Mini-batches in a seeded order, one shuffle per epoch (the last batch may be short). */
import { tf } from '../tf/backend.js';
import { type SplitTensors } from '../landscape/data-tensors.js';
import { type Random, shuffled } from '../util/random.js';

export interface Batch {
  x: tf.Tensor2D;
  oneHot: tf.Tensor2D;
}

/** Calls `fn` for each batch of one epoch; the batch tensors are disposed after it. */
export function forEachBatch(
  split: SplitTensors,
  batchSize: number,
  rng: Random,
  fn: (batch: Batch) => void,
): void {
  const order = shuffled(
    Array.from({ length: split.count }, (_, i) => i),
    rng,
  );
  const index = tf.tensor1d(order, 'int32');
  const x = tf.gather(split.x, index);
  const oneHot = tf.gather(split.oneHot, index);
  index.dispose();
  try {
    for (let start = 0; start < split.count; start += batchSize) {
      const size = Math.min(batchSize, split.count - start);
      const batch = {
        x: x.slice([start, 0], [size, -1]) as tf.Tensor2D,
        oneHot: oneHot.slice([start, 0], [size, -1]) as tf.Tensor2D,
      };
      try {
        fn(batch);
      } finally {
        tf.dispose([batch.x, batch.oneHot]);
      }
    }
  } finally {
    tf.dispose([x, oneHot]);
  }
}

export function batchesPerEpoch(count: number, batchSize: number): number {
  return Math.ceil(count / batchSize);
}
