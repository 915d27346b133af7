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
import {
  type MlpLayout,
  crossEntropy,
  flatten,
  forward,
  unflatten,
} from '../model/mlp.js';
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
  layout: MlpLayout,
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
  const [start, finish] = ends.map((e) => unflatten(layout, e as tf.Tensor1D));
  const bendLayers = tf.tidy(() =>
    (start ?? []).map(([w, b], i) => {
      const [w2l, b2l] = (finish ?? [])[i] as [tf.Tensor2D, tf.Tensor1D];
      return [
        tf.variable(tf.add(w, w2l).mul(0.5)),
        tf.variable(tf.add(b, b2l).mul(0.5)),
      ] as [tf.Variable, tf.Variable];
    }),
  );
  const variables = bendLayers.flat();
  const sgd = new MomentumSgd(variables, config.momentum);
  const batchRng = random(config.seed, 'curve-batches');
  const tRng = random(config.seed, 'curve-t');
  const snapshots: CurveResult['snapshots'] = [];
  let step = 0;

  const copyBend = (): Float32Array => {
    const flat = flatten(bendLayers as [tf.Tensor2D, tf.Tensor1D][]);
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
          const phi = bendLayers.map(([w, b], i) => {
            const [sw, sb] = (start ?? [])[i] as [tf.Tensor2D, tf.Tensor1D];
            const [fw, fb] = (finish ?? [])[i] as [tf.Tensor2D, tf.Tensor1D];
            return [
              tf.addN([tf.mul(sw, c0), tf.mul(w, c1), tf.mul(fw, c2)]),
              tf.addN([tf.mul(sb, c0), tf.mul(b, c1), tf.mul(fb, c2)]),
            ] as [tf.Tensor2D, tf.Tensor1D];
          });
          const logits = forward(phi, batch.x);
          return tf.add(
            crossEntropy(logits, batch.oneHot),
            l2Term(phi.flat(), config.weightDecay),
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
    tf.dispose([
      ...variables,
      ...ends,
      ...(start ?? []).flat(),
      ...(finish ?? []).flat(),
    ]);
  }
}
