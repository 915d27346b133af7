/**
 * Trains the bend of a 3-point quadratic Bezier curve between two fixed endpoints
 * (shared/REFERENCE.md): the bend starts at the segment's midpoint; each mini-batch
 * draws one t ~ U(0, 1) for the whole batch and steps on
 * cross-entropy(phi(t)) + 0.5 wd |phi(t)|^2. Copies of the bend are kept at the
 * requested steps, the snapshots the video moves through.
 */
import { type DataTensors } from '../landscape/data-tensors.js';
import { bezierCoefficients } from '../method/bezier.js';
import { learningRateAt } from '../method/schedule.js';
import { crossEntropy } from '../model/cross-entropy.js';
import { type Network } from '../model/network.js';
import { flatten, unflatten } from '../model/parameter-layout.js';
import { tf } from '../tf/backend.js';
import { random } from '../util/random.js';
import { batchesPerEpoch, forEachBatch } from './batches.js';
import { MomentumSgd, l2Term } from './momentum-sgd.js';
import { type EpochReport, type OptimiserConfig } from './optimiser-config.js';

export interface CurveResult {
  bend: Float32Array;
  snapshots: { step: number; epoch: number; bend: Float32Array }[];
}

/** `count` steps spread evenly from 0 (untrained) to the last step inclusive. */
export function snapshotSteps(totalSteps: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) =>
    Math.round((i * totalSteps) / (count - 1)),
  );
}

export function trainCurve(
  network: Network,
  data: DataTensors,
  config: OptimiserConfig & { seed: number },
  w1: Float32Array,
  w2: Float32Array,
  snapshotCount: number,
  onEpoch: EpochReport = () => {},
): CurveResult {
  const stepsPerEpoch = batchesPerEpoch(data.train.count, config.batchSize);
  const totalSteps = stepsPerEpoch * config.epochs;
  const wanted = snapshotSteps(totalSteps, snapshotCount);
  const ends = [tf.tensor1d(w1), tf.tensor1d(w2)];
  const [start, finish] = ends.map((e) => unflatten(network.blocks, e as tf.Tensor1D));
  const variables = tf.tidy(() =>
    (start ?? []).map((p, i) =>
      tf.variable(tf.add(p, (finish ?? [])[i] as tf.Tensor).mul(0.5)),
    ),
  );
  const sgd = new MomentumSgd(variables, config.momentum);
  const batchRng = random(config.seed, 'curve-batches');
  const tRng = random(config.seed, 'curve-t');
  const snapshots: CurveResult['snapshots'] = [];
  let step = 0;

  const copyBend = (): Float32Array => {
    const flat = flatten(variables);
    const out = new Float32Array(flat.dataSync());
    flat.dispose();
    return out;
  };
  const maybeSnapshot = (): void => {
    while (snapshots.length < wanted.length && wanted[snapshots.length] === step) {
      snapshots.push({ step, epoch: step / stepsPerEpoch, bend: copyBend() });
    }
  };

  try {
    maybeSnapshot();
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const lr = learningRateAt(epoch, config.epochs, config.learningRate);
      let total = 0;
      let batches = 0;
      forEachBatch(data.train, config.batchSize, batchRng, (batch) => {
        const [c0, c1, c2] = bezierCoefficients(tRng(), 3) as [number, number, number];
        total += sgd.step(() => {
          const phi = variables.map((bend, i) =>
            tf.addN([
              tf.mul((start ?? [])[i] as tf.Tensor, c0),
              tf.mul(bend, c1),
              tf.mul((finish ?? [])[i] as tf.Tensor, c2),
            ]),
          );
          const { logits } = network.forward(phi, batch.x, { kind: 'batch' });
          return tf.add(
            crossEntropy(logits, batch.oneHot),
            l2Term(phi, config.weightDecay),
          ) as tf.Scalar;
        }, lr);
        batches += 1;
        step += 1;
        maybeSnapshot();
      });
      onEpoch(epoch + 1, total / batches);
    }
    return { bend: copyBend(), snapshots };
  } finally {
    sgd.dispose();
    tf.dispose([...variables, ...ends, ...(start ?? []), ...(finish ?? [])]);
  }
}
