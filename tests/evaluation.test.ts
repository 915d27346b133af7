import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadDataset } from '../src/data/dataset.js';
import {
  basisTerm,
  disposeTerm,
  evaluateAffine,
} from '../src/landscape/affine-evaluator.js';
import { type DataTensors, dataTensors } from '../src/landscape/data-tensors.js';
import {
  evaluateDirect,
  evaluatePoints,
  scoreParameters,
} from '../src/landscape/direct-evaluator.js';
import { bezierCoefficients } from '../src/method/bezier.js';
import { planeBasis } from '../src/method/plane.js';
import { combine } from '../src/method/vector.js';
import { type ModelConfig, modelSection } from '../src/config/model-config.js';
import { networkFor } from '../src/model/network-for.js';
import { unflatten } from '../src/model/parameter-layout.js';
import { recomputeStatistics } from '../src/model/recompute-statistics.js';
import { initBackend, tf } from '../src/tf/backend.js';
import { trainCurve } from '../src/train/train-curve.js';
import { trainEndpoint } from '../src/train/train-endpoint.js';

const network = networkFor(
  {
    type: 'mlp',
    hidden: [24, 16],
    channels: [8, 16],
    kernel: 3,
    dense: 64,
    batchNorm: false,
  },
  [28, 28, 1],
  10,
);
const layout = network.affine as NonNullable<typeof network.affine>;
const optimiser = {
  epochs: 2,
  learningRate: 0.1,
  momentum: 0.9,
  batchSize: 64,
  weightDecay: 1e-4,
};
let data: DataTensors;
let w1: Float32Array;
let w2: Float32Array;

before(async () => {
  await initBackend();
  data = dataTensors(
    loadDataset({
      source: 'mnist-package',
      trainCount: 400,
      testCount: 200,
      splitSeed: 0,
    }),
  );
  w1 = trainEndpoint(network, data, optimiser, 1);
  w2 = trainEndpoint(network, data, optimiser, 2);
});

describe('training', () => {
  test('an endpoint epoch leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    const epochs: number[] = [];
    trainEndpoint(network, data, { ...optimiser, epochs: 1 }, 5, (e) => epochs.push(e));
    assert.deepEqual(epochs, [1]);
    assert.equal(tf.memory().numTensors, before);
  });

  test('a curve epoch leaves no tensor behind and keeps its snapshots', () => {
    const before = tf.memory().numTensors;
    const result = trainCurve(
      network,
      data,
      { ...optimiser, epochs: 1, seed: 3 },
      w1,
      w2,
      3,
    );
    assert.equal(tf.memory().numTensors, before);
    assert.equal(result.snapshots.length, 3);
    assert.equal(result.snapshots[0]?.step, 0);
    // The untrained bend is the midpoint of the segment.
    const midpoint = combine([w1, w2], [0.5, 0.5]);
    const first = result.snapshots[0]?.bends[0] as Float32Array;
    assert.ok(first.every((v, i) => Math.abs(v - (midpoint[i] as number)) < 1e-6));
    assert.ok(
      result.bends[0]?.some((v, i) => Math.abs(v - (midpoint[i] as number)) > 1e-4),
    );
  });

  test('the same seed trains the same endpoint', () => {
    const again = trainEndpoint(network, data, optimiser, 1);
    assert.deepEqual(again, w1);
  });

  test('different seeds train different endpoints', () => {
    assert.notDeepEqual(w1, w2);
  });
});

describe('fast evaluation', () => {
  test('a grid point from the grid code equals a direct evaluation', () => {
    const bend = trainCurve(network, data, { ...optimiser, seed: 3 }, w1, w2, 2)
      .bends[0] as Float32Array;
    const plane = planeBasis(w1, bend, w2);
    const terms = [w1, plane.u, plane.v].map((v) => basisTerm(layout, data, v));
    const points: [number, number][] = [
      [0, 0],
      [1, 0],
      [0.4, 0.7],
      [-0.2, 1.2],
      [1.1, -0.15],
    ];
    const coefficients = points.map(([a, b]) => [1, a * plane.dx, b * plane.dy]);
    const before = tf.memory().numTensors;
    const fast = evaluateAffine(layout, data, terms, coefficients);
    assert.equal(tf.memory().numTensors, before, 'a grid row leaked tensors');
    coefficients.forEach((c, p) => {
      const weights = combine([w1, plane.u, plane.v], c);
      const direct = evaluateDirect(network, data, weights);
      const at = `point ${points[p]?.join(', ')}`;
      assert.ok(
        Math.abs((fast.train.nll[p] as number) - direct.train.nll) < 1e-4,
        `${at} train`,
      );
      assert.ok(
        Math.abs((fast.test.nll[p] as number) - direct.test.nll) < 1e-4,
        `${at} test`,
      );
      // An error count may differ by a digit whose two top logits tie to float precision.
      assert.ok(
        Math.abs((fast.train.error[p] as number) - direct.train.error) <= 100 / 400,
      );
      assert.ok(
        Math.abs((fast.test.error[p] as number) - direct.test.error) <= 100 / 200,
      );
    });
    terms.forEach(disposeTerm);
  });

  test('a point on the Bezier curve equals a direct evaluation', () => {
    const bend = combine([w1, w2], [0.3, 0.7]);
    const terms = [w1, bend, w2].map((v) => basisTerm(layout, data, v));
    const c = bezierCoefficients(0.35, 3);
    const fast = evaluateAffine(layout, data, terms, [c]);
    const direct = evaluateDirect(network, data, combine([w1, bend, w2], c));
    assert.ok(Math.abs((fast.train.nll[0] as number) - direct.train.nll) < 1e-4);
    terms.forEach(disposeTerm);
  });
});

describe('batch-norm evaluation', () => {
  const cases: { name: string; config: Partial<ModelConfig> }[] = [
    { name: 'mlp 24-16 batch norm', config: { hidden: [24, 16], batchNorm: true } },
    {
      name: 'cnn 4-8 dense 16 batch norm',
      config: { type: 'cnn', channels: [4, 8], dense: 16, batchNorm: true },
    },
  ];
  for (const c of cases) {
    describe(c.name, () => {
      const bn = networkFor(modelSection.parse(c.config), [28, 28, 1], 10);
      let e1: Float32Array;
      let e2: Float32Array;
      before(() => {
        e1 = trainEndpoint(bn, data, optimiser, 1);
        e2 = trainEndpoint(bn, data, optimiser, 2);
      });

      test('the midpoint scores better with recomputed than with stale statistics', () => {
        const midpoint = combine([e1, e2], [0.5, 0.5]);
        const before = tf.memory().numTensors;
        const recomputed = evaluateDirect(bn, data, midpoint);
        assert.deepEqual(evaluateDirect(bn, data, midpoint), recomputed);
        const [atEnd, atMid] = [e1, midpoint].map((w) =>
          tf.tidy(() => unflatten(bn.blocks, tf.tensor1d(w))),
        ) as [tf.Tensor[], tf.Tensor[]];
        const endStatistics = recomputeStatistics(bn, atEnd, data.train);
        const stale = scoreParameters(bn, data, atMid, {
          kind: 'fixed',
          statistics: endStatistics,
        });
        tf.dispose([...atEnd, ...atMid]);
        tf.dispose(endStatistics.flatMap((s) => [s.mean, s.variance]));
        assert.equal(tf.memory().numTensors, before, 'scoring leaked tensors');
        assert.ok(
          recomputed.train.nll < stale.train.nll - 0.01,
          `recomputed ${recomputed.train.nll}, stale ${stale.train.nll}`,
        );
        assert.ok(recomputed.test.nll < stale.test.nll);
      });

      test('points of the plane score as their weight vectors do', () => {
        const coefficients = [
          [1, 0],
          [0.3, 0.7],
          [-0.2, 1.2],
        ];
        const before = tf.memory().numTensors;
        const scores = evaluatePoints(bn, data, [e1, e2], coefficients);
        assert.equal(tf.memory().numTensors, before, 'scoring leaked tensors');
        coefficients.forEach((point, p) => {
          const direct = evaluateDirect(bn, data, combine([e1, e2], point));
          // The points are combined in float32 on the backend, the vectors in float64.
          assert.ok(
            Math.abs((scores.train.nll[p] as number) - direct.train.nll) < 1e-3,
          );
          assert.ok(Math.abs((scores.test.nll[p] as number) - direct.test.nll) < 1e-3);
          assert.ok(
            Math.abs((scores.test.error[p] as number) - direct.test.error) <= 1,
          );
        });
      });
    });
  }

  test("the first layer's recomputed statistics are its whole-split moments", () => {
    const bn = networkFor(
      modelSection.parse({ hidden: [12], batchNorm: true }),
      [28, 28, 1],
      10,
    );
    const weights = trainEndpoint(bn, data, { ...optimiser, epochs: 1 }, 6);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const parameters = unflatten(bn.blocks, tf.tensor1d(weights));
      const [stats] = recomputeStatistics(bn, parameters, data.train);
      const [w, b] = parameters as [tf.Tensor2D, tf.Tensor1D];
      const moments = tf.moments(tf.relu(tf.add(tf.matMul(data.train.x, w), b)), 0);
      const gap = (a: tf.Tensor, e: tf.Tensor): number =>
        tf.max(tf.abs(tf.sub(a, e))).dataSync()[0] as number;
      assert.ok(stats);
      assert.ok(gap(stats.mean, moments.mean) < 1e-4);
      assert.ok(gap(stats.variance, moments.variance) < 1e-4);
    });
    assert.equal(tf.memory().numTensors, before);
  });
});
