/**
 * The models of the landscape stage: layouts, forward passes, the convolution's
 * gradient, training a CNN on real digits and on CIFAR-shaped synthetic images, and
 * the worker's endpoint and curve tasks for a CNN.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { dataSection } from '../src/config/data-config.js';
import { IcarusError } from '../src/config/errors.js';
import { type ModelConfig, modelSection } from '../src/config/model-config.js';
import { type Dataset, loadDataset } from '../src/data/dataset.js';
import {
  type DataTensors,
  dataTensors,
  disposeData,
} from '../src/landscape/data-tensors.js';
import { evaluateDirect, evaluatePoints } from '../src/landscape/direct-evaluator.js';
import run from '../src/landscape/landscape-worker.js';
import { type PointScores } from '../src/landscape/affine-evaluator.js';
import { type CurveTaskResult, type EndpointResult } from '../src/landscape/tasks.js';
import { type CurveShape } from '../src/method/curves.js';
import { combine } from '../src/method/vector.js';
import { conv2d } from '../src/model/conv2d.js';
import { networkFor } from '../src/model/network-for.js';
import { initialParameters } from '../src/model/parameter-layout.js';
import { initBackend, tf } from '../src/tf/backend.js';
import { trainEndpoint } from '../src/train/train-endpoint.js';
import { random } from '../src/util/random.js';

const model = (fields: Partial<ModelConfig>): ModelConfig => modelSection.parse(fields);
const digitsShape: [number, number, number] = [28, 28, 1];
const cifarShape: [number, number, number] = [32, 32, 3];

/** Weights and biases of a dense layer, or of a conv layer with a k x k kernel. */
const denseCount = (fanIn: number, fanOut: number): number => fanIn * fanOut + fanOut;
const convCount = (k: number, cin: number, cout: number): number =>
  k * k * cin * cout + cout;
/**
 * Weights of the two-conv CNN with kernel `k` on `cin` channels, conv widths c1 and c2,
 * `pooledCells` cells left after the pools, a `hidden`-wide dense layer and 10 classes.
 */
const cnnCount = (
  k: number,
  cin: number,
  [c1, c2]: [number, number],
  pooledCells: number,
  hidden: number,
): number =>
  convCount(k, cin, c1) +
  convCount(k, c1, c2) +
  denseCount(pooledCells * c2, hidden) +
  denseCount(hidden, 10);

before(async () => {
  await initBackend();
});

describe('layouts', () => {
  const cases: {
    name: string;
    config: Partial<ModelConfig>;
    shape: [number, number, number];
    count: number;
    description: string;
  }[] = [
    {
      name: 'mlp 784-128-128-10',
      config: {},
      shape: digitsShape,
      count: denseCount(784, 128) + denseCount(128, 128) + denseCount(128, 10),
      description: 'MLP 784-128-128-10, 118,282 weights',
    },
    {
      name: 'mlp 3072-24-16-10 batch norm',
      config: { hidden: [24, 16], batchNorm: true },
      shape: cifarShape,
      count:
        denseCount(3072, 24) + denseCount(24, 16) + denseCount(16, 10) + 2 * (24 + 16),
      description: 'MLP 3072-24-16-10, batch norm, 74,402 weights',
    },
    {
      name: 'cnn 8-16 dense 64 on 28x28x1',
      config: { type: 'cnn' },
      shape: digitsShape,
      count: cnnCount(3, 1, [8, 16], 7 * 7, 64),
      description: 'CNN 3x3 conv 8-16, dense 64, 52,138 weights',
    },
    {
      name: 'cnn 8-16 dense 64 batch norm on 28x28x1',
      config: { type: 'cnn', batchNorm: true },
      shape: digitsShape,
      count: cnnCount(3, 1, [8, 16], 7 * 7, 64) + 2 * (8 + 16 + 64),
      description: 'CNN 3x3 conv 8-16, dense 64, batch norm, 52,314 weights',
    },
    {
      name: 'cnn 4-6 kernel 5 dense 12 on 32x32x3',
      config: { type: 'cnn', channels: [4, 6], kernel: 5, dense: 12 },
      shape: cifarShape,
      count: cnnCount(5, 3, [4, 6], 8 * 8, 12),
      description: 'CNN 5x5 conv 4-6, dense 12, 5,660 weights',
    },
    {
      name: 'cnn on 30x30x1 drops the odd row of the second pool',
      config: { type: 'cnn' },
      shape: [30, 30, 1],
      count: cnnCount(3, 1, [8, 16], 7 * 7, 64),
      description: 'CNN 3x3 conv 8-16, dense 64, 52,138 weights',
    },
  ];
  for (const c of cases) {
    test(`${c.name}: parameter count, contiguous blocks, description`, () => {
      const network = networkFor(model(c.config), c.shape, 10);
      assert.equal(network.parameterCount, c.count);
      assert.equal(network.description, c.description);
      let offset = 0;
      for (const block of network.blocks) {
        assert.equal(block.offset, offset, block.name);
        assert.equal(
          block.size,
          block.shape.reduce((a, b) => a * b, 1),
          block.name,
        );
        offset += block.size;
      }
      assert.equal(offset, c.count);
    });
  }

  test('the plain MLP keeps the affine layout; batch norm and the CNN do not', () => {
    const plain = networkFor(model({ hidden: [20, 10] }), digitsShape, 10);
    assert.deepEqual(plain.affine?.sizes, [784, 20, 10, 10]);
    assert.equal(plain.affine?.parameterCount, plain.parameterCount);
    assert.equal(
      networkFor(model({ batchNorm: true }), digitsShape, 10).affine,
      undefined,
    );
    assert.equal(networkFor(model({ type: 'cnn' }), digitsShape, 10).affine, undefined);
  });

  test('a CNN on images too small for two pools is a clear error', () => {
    assert.throws(
      () => networkFor(model({ type: 'cnn' }), [3, 3, 1], 10),
      (error: unknown) =>
        error instanceof IcarusError && /3 x 3/.test(error.message) && !!error.fix,
    );
  });
});

describe('forward passes', () => {
  const cases: { name: string; config: Partial<ModelConfig>; norms: number }[] = [
    { name: 'mlp', config: { hidden: [12, 8] }, norms: 0 },
    { name: 'mlp batch norm', config: { hidden: [12, 8], batchNorm: true }, norms: 2 },
    { name: 'cnn', config: { type: 'cnn', channels: [3, 4], dense: 8 }, norms: 0 },
    {
      name: 'cnn batch norm',
      config: { type: 'cnn', channels: [3, 4], dense: 8, batchNorm: true },
      norms: 3,
    },
  ];
  for (const c of cases) {
    for (const shape of [digitsShape, cifarShape]) {
      test(`${c.name} on ${shape.join('x')}: logits [5, 7], ${c.norms} statistics`, () => {
        const network = networkFor(model(c.config), shape, 7);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const parameters = initialParameters(network.blocks, 1);
          const x = tf.randomUniform(
            [5, shape[0] * shape[1] * shape[2]],
            0,
            1,
          ) as tf.Tensor2D;
          const out = network.forward(parameters, x, { kind: 'batch' });
          assert.deepEqual(out.logits.shape, [5, 7]);
          assert.equal(out.statistics.length, c.norms);
          assert.equal(network.normLayers, c.norms);
          assert.ok(out.logits.dataSync().every(Number.isFinite));
        });
        assert.equal(tf.memory().numTensors, before);
      });
    }
  }
});

describe('convolution gradient', () => {
  // The loss sum(conv(x, K, b) * R) is linear in x, K and b, so central differences
  // with a step of 1 give its gradient exactly, up to float rounding.
  for (const kernel of [1, 3, 4]) {
    test(`kernel ${kernel}: the custom gradient matches central differences`, () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const x = tf.randomUniform([2, 5, 6, 2], -1, 1, 'float32', 1) as tf.Tensor4D;
        const k = tf.randomUniform(
          [kernel, kernel, 2, 3],
          -1,
          1,
          'float32',
          2,
        ) as tf.Tensor4D;
        const b = tf.randomUniform([3], -1, 1, 'float32', 3) as tf.Tensor1D;
        const r = tf.randomUniform([2, 5, 6, 3], -1, 1, 'float32', 4);
        const loss = (xs: tf.Tensor4D, ks: tf.Tensor4D, bs: tf.Tensor1D): tf.Scalar =>
          tf.sum(tf.mul(conv2d(xs, ks, bs), r));
        const [gx, gk, gb] = tf.grads((xs, ks, bs) =>
          loss(xs as tf.Tensor4D, ks as tf.Tensor4D, bs as tf.Tensor1D),
        )([x, k, b]);
        const check = (
          t: tf.Tensor,
          grad: tf.Tensor,
          place: (v: tf.Tensor) => tf.Scalar,
          label: string,
        ): void => {
          const values = t.dataSync();
          const expected = grad.dataSync();
          // Every kernel and bias entry; a spread of input entries.
          const step = Math.max(1, Math.floor(values.length / 40));
          for (let i = 0; i < values.length; i += step) {
            const delta = tf.oneHot([i], values.length).reshape(t.shape).toFloat();
            const up = place(tf.add(t, delta)).dataSync()[0] as number;
            const down = place(tf.sub(t, delta)).dataSync()[0] as number;
            const numeric = (up - down) / 2;
            const analytic = expected[i] as number;
            assert.ok(
              Math.abs(numeric - analytic) < 1e-3 * Math.max(1, Math.abs(numeric)),
              `${label}[${i}]: ${analytic} against ${numeric}`,
            );
          }
        };
        check(k, gk as tf.Tensor, (v) => loss(x, v as tf.Tensor4D, b), 'kernel');
        check(b, gb as tf.Tensor, (v) => loss(x, k, v as tf.Tensor1D), 'bias');
        check(x, gx as tf.Tensor, (v) => loss(v as tf.Tensor4D, k, b), 'input');
      });
      assert.equal(tf.memory().numTensors, before);
    });
  }
});

/** A CIFAR-shaped dataset of seeded uniform noise, labels cycling through classes. */
function syntheticDataset(trainCount: number, testCount: number): Dataset {
  const rng = random(7, 'synthetic-images');
  const split = (count: number): Dataset['train'] => ({
    images: Float32Array.from({ length: count * 32 * 32 * 3 }, () => rng()),
    labels: Int32Array.from({ length: count }, (_, i) => i % 10),
    count,
  });
  return {
    name: 'synthetic',
    shape: cifarShape,
    classes: 10,
    train: split(trainCount),
    test: split(testCount),
  };
}

const optimiser = {
  epochs: 2,
  learningRate: 0.1,
  momentum: 0.9,
  batchSize: 32,
  weightDecay: 1e-4,
};

describe('training a CNN', () => {
  let digits: DataTensors;
  before(() => {
    digits = dataTensors(
      loadDataset(dataSection.parse({ trainCount: 400, testCount: 200 })),
    );
  });

  for (const batchNorm of [false, true]) {
    test(`cnn batch norm ${batchNorm}: 2 epochs on 400 digits beat chance, no leaks`, () => {
      const network = networkFor(model({ type: 'cnn', batchNorm }), digitsShape, 10);
      const before = tf.memory().numTensors;
      const losses: number[] = [];
      const weights = trainEndpoint(network, digits, optimiser, 1, (_, l) =>
        losses.push(l),
      );
      const scores = evaluateDirect(network, digits, weights);
      assert.equal(tf.memory().numTensors, before);
      assert.equal(weights.length, network.parameterCount);
      assert.ok((losses[1] as number) < (losses[0] as number), `losses ${losses}`);
      // Chance is 90% error on ten classes.
      assert.ok(scores.test.error < 60, `test error ${scores.test.error}%`);
    });
  }

  test('the same seed trains the same CNN', () => {
    const network = networkFor(
      model({ type: 'cnn', channels: [2, 3], dense: 8, batchNorm: true }),
      digitsShape,
      10,
    );
    const once = { ...optimiser, epochs: 1 };
    assert.deepEqual(
      trainEndpoint(network, digits, once, 4),
      trainEndpoint(network, digits, once, 4),
    );
  });

  test('a CNN with batch norm trains and scores on 32x32x3 images', () => {
    const data = dataTensors(syntheticDataset(96, 40));
    const network = networkFor(
      model({ type: 'cnn', channels: [4, 8], dense: 16, batchNorm: true }),
      cifarShape,
      10,
    );
    const before = tf.memory().numTensors;
    const w1 = trainEndpoint(network, data, { ...optimiser, epochs: 1 }, 1);
    const w2 = trainEndpoint(network, data, { ...optimiser, epochs: 1 }, 2);
    const scores = evaluatePoints(
      network,
      data,
      [w1, w2],
      [
        [1, 0],
        [0.5, 0.5],
      ],
    );
    assert.equal(tf.memory().numTensors, before);
    for (const split of [scores.train, scores.test]) {
      assert.equal(split.nll.length, 2);
      assert.ok(split.nll.every((v) => Number.isFinite(v) && v > 0));
      assert.ok(split.error.every((v) => v >= 0 && v <= 100));
    }
    const direct = evaluateDirect(network, data, combine([w1, w2], [0.5, 0.5]));
    assert.ok(Math.abs((scores.train.nll[1] as number) - direct.train.nll) < 1e-4);
    disposeData(data);
  });
});

describe('the worker runs CNN tasks', () => {
  const base = {
    data: dataSection.parse({ trainCount: 200, testCount: 100 }),
    model: model({ type: 'cnn', channels: [4, 8], dense: 16, batchNorm: true }),
  };
  let ends: [Float32Array, Float32Array];

  before(async () => {
    const trained = await Promise.all(
      [1, 2].map(
        (seed) =>
          run({
            ...base,
            kind: 'endpoint',
            optimiser: { ...optimiser, epochs: 1 },
            seed,
          }) as Promise<EndpointResult>,
      ),
    );
    assert.match(
      trained[0]?.description ?? '',
      /^CNN 3x3 conv 4-8, dense 16, batch norm/,
    );
    ends = trained.map((t) => t.weights) as [Float32Array, Float32Array];
  });

  const shapes: CurveShape[] = [
    { type: 'bezier', controlPoints: 3 },
    { type: 'polychain', controlPoints: 4 },
  ];
  for (const shape of shapes) {
    const n = shape.controlPoints;
    test(`a ${n}-point ${shape.type} curve trains between CNN endpoints, no leaks`, async () => {
      const [w1, w2] = ends;
      const before = tf.memory().numTensors;
      const curve = (await run({
        ...base,
        kind: 'curve',
        optimiser: { ...optimiser, epochs: 1, seed: 3 },
        shape,
        w1,
        w2,
        snapshotCount: 2,
      })) as CurveTaskResult;
      assert.equal(tf.memory().numTensors, before, 'the curve task leaked tensors');
      assert.equal(curve.bends.length, n - 2);
      assert.equal(curve.snapshots.length, 2);
      curve.bends.forEach((bend, j) => {
        // Interior point j + 1 starts on the segment, at s = (j + 1) / (n - 1).
        const s = (j + 1) / (n - 1);
        const start = combine([w1, w2], [1 - s, s]);
        const first = curve.snapshots[0]?.bends[j] as Float32Array;
        assert.ok(first.every((v, i) => Math.abs(v - (start[i] as number)) < 1e-5));
        assert.equal(bend.length, w1.length);
        assert.ok(bend.some((v, i) => Math.abs(v - (start[i] as number)) > 1e-4));
      });
    });
  }

  test('a points task scores CNN points directly, no leaks', async () => {
    const [w1, w2] = ends;
    const before = tf.memory().numTensors;
    const scores = await run({
      ...base,
      kind: 'points',
      keys: ['w1', 'w2'],
      basis: [w1, w2],
      coefficients: [
        [1, 0],
        [0.5, 0.5],
        [0, 1],
      ],
    });
    assert.equal(tf.memory().numTensors, before, 'the points task leaked tensors');
    assert.ok('train' in scores);
    assert.equal(scores.test.error.length, 3);
    assert.ok(scores.train.nll.every(Number.isFinite));
  });

  test('a points task for a CNN refuses the affine evaluator', async () => {
    await assert.rejects(
      run({
        ...base,
        kind: 'points',
        keys: ['w1'],
        basis: [ends[0]],
        coefficients: [[1]],
        evaluator: 'affine',
      }),
      /affine evaluator cannot score CNN/,
    );
  });
});

describe('the worker scores the plain MLP both ways', () => {
  test('affine and direct points tasks agree', async () => {
    const task = {
      data: dataSection.parse({ trainCount: 200, testCount: 100 }),
      model: model({ hidden: [16] }),
    };
    const network = networkFor(task.model, digitsShape, 10);
    const dataset = dataTensors(loadDataset(task.data));
    const w1 = trainEndpoint(network, dataset, { ...optimiser, epochs: 1 }, 1);
    const w2 = trainEndpoint(network, dataset, { ...optimiser, epochs: 1 }, 2);
    disposeData(dataset);
    const points = { keys: ['w1', 'w2'], basis: [w1, w2], coefficients: [[0.4, 0.6]] };
    const [affine, direct] = await Promise.all(
      (['affine', 'direct'] as const).map(
        (evaluator) =>
          run({
            ...task,
            kind: 'points',
            ...points,
            evaluator,
          }) as Promise<PointScores>,
      ),
    );
    for (const split of ['train', 'test'] as const) {
      assert.ok(
        Math.abs(
          (affine?.[split].nll[0] as number) - (direct?.[split].nll[0] as number),
        ) < 1e-4,
      );
    }
  });
});
