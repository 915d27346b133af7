/**
 * Trains one endpoint: the MLP from a seeded initialisation with momentum SGD, the
 * reference schedule and the L2 term, batches in a seeded order.
 */
import { type DataTensors } from '../landscape/data-tensors.js';
import { learningRateAt } from '../method/schedule.js';
import {
  type MlpLayout,
  crossEntropy,
  flatten,
  forward,
  initialLayers,
} from '../model/mlp.js';
import { tf } from '../tf/backend.js';
import { random } from '../util/random.js';
import { forEachBatch } from './batches.js';
import { MomentumSgd, l2Term } from './momentum-sgd.js';
import { type EpochReport, type OptimiserConfig } from './optimiser-config.js';

/** Returns the trained weights in the flat layout. */
export function trainEndpoint(
  layout: MlpLayout,
  data: DataTensors,
  config: OptimiserConfig,
  seed: number,
  onEpoch: EpochReport = () => {},
): Float32Array {
  const initial = initialLayers(layout, seed);
  const layers = initial.map(
    ([w, b]) => [tf.variable(w), tf.variable(b)] as [tf.Variable, tf.Variable],
  );
  tf.dispose(initial.flat());
  const variables = layers.flat();
  const sgd = new MomentumSgd(variables, config.momentum);
  const rng = random(seed, 'endpoint-batches');
  try {
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const lr = learningRateAt(epoch, config.epochs, config.learningRate);
      let total = 0;
      let batches = 0;
      forEachBatch(data.train, config.batchSize, rng, (batch) => {
        total += sgd.step(() => {
          const logits = forward(layers as [tf.Tensor2D, tf.Tensor1D][], batch.x);
          return tf.add(
            crossEntropy(logits, batch.oneHot),
            l2Term(variables, config.weightDecay),
          ) as tf.Scalar;
        }, lr);
        batches += 1;
      });
      onEpoch(epoch + 1, total / batches);
    }
    const flat = flatten(layers as [tf.Tensor2D, tf.Tensor1D][]);
    const out = flat.dataSync() as Float32Array;
    flat.dispose();
    return new Float32Array(out);
  } finally {
    sgd.dispose();
    tf.dispose(variables);
  }
}
