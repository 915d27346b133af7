import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadDataset } from '../src/data/dataset.js';
import {
  basisTerm,
  disposeTerm,
  evaluateAffine,
} from '../src/landscape/affine-evaluator.js';
import { type DataTensors, dataTensors } from '../src/landscape/data-tensors.js';
import { evaluateDirect } from '../src/landscape/direct-evaluator.js';
import { bezierCoefficients } from '../src/method/bezier.js';
import { planeBasis } from '../src/method/plane.js';
import { combine } from '../src/method/vector.js';
import { mlpLayout } from '../src/model/mlp.js';
import { initBackend, tf } from '../src/tf/backend.js';
import { trainCurve } from '../src/train/train-curve.js';
import { trainEndpoint } from '../src/train/train-endpoint.js';

const layout = mlpLayout([784, 24, 16, 10]);
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
  w1 = trainEndpoint(layout, data, optimiser, 1);
  w2 = trainEndpoint(layout, data, optimiser, 2);
});

describe('training', () => {
  test('an endpoint epoch leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    const epochs: number[] = [];
    trainEndpoint(layout, data, { ...optimiser, epochs: 1 }, 5, (e) => epochs.push(e));
    assert.deepEqual(epochs, [1]);
    assert.equal(tf.memory().numTensors, before);
  });

  test('a curve epoch leaves no tensor behind and keeps its snapshots', () => {
    const before = tf.memory().numTensors;
    const result = trainCurve(
      layout,
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
    const again = trainEndpoint(layout, data, optimiser, 1);
    assert.deepEqual(again, w1);
  });

  test('different seeds train different endpoints', () => {
    assert.notDeepEqual(w1, w2);
  });
});

describe('fast evaluation', () => {
  test('a grid point from the grid code equals a direct evaluation', () => {
    const bend = trainCurve(layout, data, { ...optimiser, seed: 3 }, w1, w2, 2)
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
      const direct = evaluateDirect(layout, data, weights);
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
    const direct = evaluateDirect(layout, data, combine([w1, bend, w2], c));
    assert.ok(Math.abs((fast.train.nll[0] as number) - direct.train.nll) < 1e-4);
    terms.forEach(disposeTerm);
  });
});
