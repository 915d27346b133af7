/**
 * Trains the interior control points of a curve (Bezier or PolyChain, any number of
 * points) between two fixed endpoints (shared/REFERENCE.md): the points start on the
 * segment ("init linear"); each mini-batch draws one t ~ U(0, 1) for the whole batch
 * and steps on cross-entropy(phi(t)) + 0.5 wd |phi(t)|^2. Copies of the points are
 * kept at the requested steps, the snapshots the video moves through.
 */
import { type DataTensors } from '../landscape/data-tensors.js';
import { linearInitWeights } from '../method/bezier.js';
import { type CurveShape, curveCoefficients } from '../method/curves.js';
import { learningRateAt } from '../method/schedule.js';
import { type Network } from '../model/network.js';
import { flatten, unflatten } from '../model/parameter-layout.js';
import { tf } from '../tf/backend.js';
import { random } from '../util/random.js';
import { batchesPerEpoch, forEachBatch } from './batches.js';
import { MomentumSgd } from './momentum-sgd.js';
import { type EpochReport, type OptimiserConfig } from './optimiser-config.js';
import { trainingLoss } from './training-loss.js';

export interface CurveResult {
  /** The trained interior control points theta_1 .. theta_(n-2). */
  bends: Float32Array[];
  snapshots: { step: number; epoch: number; bends: Float32Array[] }[];
}

export const threePointBezier: CurveShape = { type: 'bezier', controlPoints: 3 };

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
  shape: CurveShape = threePointBezier,
): CurveResult {
  const stepsPerEpoch = batchesPerEpoch(data.train.count, config.batchSize);
  const totalSteps = stepsPerEpoch * config.epochs;
  const wanted = snapshotSteps(totalSteps, snapshotCount);
  const ends = [tf.tensor1d(w1), tf.tensor1d(w2)];
  const [start, finish] = ends.map((e) => unflatten(network.blocks, e as tf.Tensor1D));
  // Point j starts at (1 - s) w1 + s w2 with s = j / (n - 1): the untrained curve is
  // the segment. (For the 3-point curve, 0.5 w1 + 0.5 w2 rounds as (w1 + w2) / 2.)
  const bends = linearInitWeights(shape.controlPoints).map(([a, b]) =>
    tf.tidy(() =>
      (start ?? []).map((block, i) =>
        tf.variable(
          tf.add(tf.mul(block, a), tf.mul((finish ?? [])[i] as tf.Tensor, b)),
        ),
      ),
    ),
  );
  // theta_0 .. theta_(n-1) block by block; the endpoints are constants.
  const controls: tf.Tensor[][] = [start ?? [], ...bends, finish ?? []];
  const variables = bends.flat();
  const sgd = new MomentumSgd(variables, config.momentum);
  const batchRng = random(config.seed, 'curve-batches');
  const tRng = random(config.seed, 'curve-t');
  const snapshots: CurveResult['snapshots'] = [];
  let step = 0;

  const copyBends = (): Float32Array[] =>
    bends.map((blocks) => {
      const flat = flatten(blocks);
      const out = new Float32Array(flat.dataSync());
      flat.dispose();
      return out;
    });
  const maybeSnapshot = (): void => {
    while (snapshots.length < wanted.length && wanted[snapshots.length] === step) {
      snapshots.push({ step, epoch: step / stepsPerEpoch, bends: copyBends() });
    }
  };

  try {
    maybeSnapshot();
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const lr = learningRateAt(epoch, config.epochs, config.learningRate);
      let total = 0;
      let batches = 0;
      forEachBatch(data.train, config.batchSize, batchRng, (batch) => {
        const weights = curveCoefficients(shape, tRng());
        total += sgd.step(() => {
          const phi = (controls[0] as tf.Tensor[]).map((_, i) => {
            // Points with no weight at this t (PolyChain) add nothing and get no
            // gradient, so they are left out of the sum.
            const terms = controls.flatMap((blocks, k) =>
              weights[k] ? [tf.mul(blocks[i] as tf.Tensor, weights[k])] : [],
            );
            return terms.length === 1 ? (terms[0] as tf.Tensor) : tf.addN(terms);
          });
          return trainingLoss(network, phi, batch, config.weightDecay);
        }, lr);
        batches += 1;
        step += 1;
        maybeSnapshot();
      });
      onEpoch(epoch + 1, total / batches);
    }
    return { bends: copyBends(), snapshots };
  } finally {
    sgd.dispose();
    tf.dispose([...variables, ...ends, ...(start ?? []), ...(finish ?? [])]);
  }
}
