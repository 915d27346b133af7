/**
 * Trains one endpoint: the network from a seeded initialisation with momentum SGD, the
 * reference schedule and the L2 term, batches in a seeded order. Batch norm, if the
 * network has it, normalises with each batch's statistics.
 */
import { type DataTensors } from '../landscape/data-tensors.js';
import { learningRateAt } from '../method/schedule.js';
import { type Network } from '../model/network.js';
import { flatten, initialParameters } from '../model/parameter-layout.js';
import { tf } from '../tf/backend.js';
import { random } from '../util/random.js';
import { forEachBatch } from './batches.js';
import { MomentumSgd } from './momentum-sgd.js';
import { type EpochReport, type OptimiserConfig } from './optimiser-config.js';
import { trainingLoss } from './training-loss.js';

/** Returns the trained weights in the network's flat layout. */
export function trainEndpoint(
  network: Network,
  data: DataTensors,
  config: OptimiserConfig,
  seed: number,
  onEpoch: EpochReport = () => {},
): Float32Array {
  const initial = initialParameters(network.blocks, seed);
  const variables = initial.map((p) => tf.variable(p));
  tf.dispose(initial);
  const sgd = new MomentumSgd(variables, config.momentum);
  const rng = random(seed, 'endpoint-batches');
  try {
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const lr = learningRateAt(epoch, config.epochs, config.learningRate);
      let total = 0;
      let batches = 0;
      forEachBatch(data.train, config.batchSize, rng, (batch) => {
        total += sgd.step(() => {
          return trainingLoss(network, variables, batch, config.weightDecay);
        }, lr);
        batches += 1;
      });
      onEpoch(epoch + 1, total / batches);
    }
    const flat = flatten(variables);
    const out = flat.dataSync() as Float32Array;
    flat.dispose();
    return new Float32Array(out);
  } finally {
    sgd.dispose();
    tf.dispose(variables);
  }
}
