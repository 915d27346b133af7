/**
 * The objective endpoints and curves train on (shared/REFERENCE.md): cross-entropy of
 * a mini-batch plus 0.5 wd |w|^2, with batch norm normalising by the batch's own
 * statistics. For a curve, `parameters` are the blocks of phi(t).
 */
import { crossEntropy } from '../model/cross-entropy.js';
import { type Network } from '../model/network.js';
import { tf } from '../tf/backend.js';
import { type Batch } from './batches.js';
import { l2Term } from './momentum-sgd.js';

export function trainingLoss(
  network: Network,
  parameters: tf.Tensor[],
  batch: Batch,
  weightDecay: number,
): tf.Scalar {
  const { logits } = network.forward(parameters, batch.x, { kind: 'batch' });
  return tf.add(
    crossEntropy(logits, batch.oneHot),
    l2Term(parameters, weightDecay),
  ) as tf.Scalar;
}
