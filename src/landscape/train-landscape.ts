/**
 * The offline stage: two endpoints, the curve, metrics along the curve and the
 * segment, snapshots of the bend, and the loss grid on the plane; the result is a
 * landscape bundle. Stages run on a pool of worker threads.
 */
import { type TrainConfig } from '../config/train-config.js';
import { classCount, pixelCount } from '../data/mnist.js';
import { logger } from '../log/logger.js';
import { Stages } from '../log/progress.js';
import { bezierCoefficients, evenTs } from '../method/bezier.js';
import { gridAxis, planeBasis, project } from '../method/plane.js';
import { gram } from '../method/vector.js';
import { mlpLayout } from '../model/mlp.js';
import { tf } from '../tf/backend.js';
import { type PointScores } from './affine-evaluator.js';
import { LandscapePool } from './landscape-pool.js';
import {
  type EndpointSummary,
  type PathMetrics,
  type Point2,
  type Snapshot,
} from './manifest.js';
import { pathMetrics } from './path-metrics.js';

const log = logger('train');

/** Points per worker task; fixed, so results do not depend on the number of threads. */
const pointsPerTask = 16;

export interface TrainedLandscape {
  backend: string;
  sizes: number[];
  weights: { w1: Float32Array; bend: Float32Array; w2: Float32Array };
  snapshotBends: Float32Array[];
  endpoints: EndpointSummary[];
  ts: number[];
  curve: PathMetrics;
  segment: PathMetrics;
  plane: {
    alphas: number[];
    betas: number[];
    dx: number;
    dy: number;
    bend: Point2;
    /** [alpha][beta] row-major grids. */
    grids: {
      trainLoss: Float32Array;
      trainError: Float32Array;
      testLoss: Float32Array;
      testError: Float32Array;
    };
  };
  snapshotTs: number[];
  snapshots: Snapshot[];
  timings: Record<string, number>;
}

export async function trainLandscape(config: TrainConfig): Promise<TrainedLandscape> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const sizes = [pixelCount, ...config.model.hidden, classCount];
  const layout = mlpLayout(sizes);
  const base = { data: config.data, sizes };
  const stages = new Stages(5, 'train');
  const pool = new LandscapePool(config.workers);
  const wd = config.curve.weightDecay;
  log.info(
    `MLP ${sizes.join('-')} (${layout.parameterCount} weights), ` +
      `${config.data.trainCount} train / ${config.data.testCount} test digits, ${config.workers} workers`,
  );
  const clock = (name: string, since: number): void => {
    timings[name] = (performance.now() - since) / 1000;
  };

  try {
    // (1) Both endpoints at once, one per thread.
    let since = performance.now();
    const epochs = config.endpoints.epochs;
    const bar1 = stages.stage('train endpoints', 2 * epochs, 'epochs');
    let epochsDone = 0;
    const { seeds, ...optimiser } = config.endpoints;
    const trained = await Promise.all(
      seeds.map((seed) =>
        pool.endpoint({ ...base, optimiser, seed }, (m) =>
          bar1.update(++epochsDone, `loss ${m.loss.toFixed(3)}`),
        ),
      ),
    );
    bar1.stop();
    const backend = trained[0]?.backend ?? 'unknown';
    log.info(
      `backend: ${backend} (TensorFlow.js ${tf.version.tfjs}), ${config.workers} threads`,
    );
    const [w1, w2] = trained.map((t) => t.weights) as [Float32Array, Float32Array];
    clock('endpoints', since);

    // (2) The curve; the segment's path needs only the endpoints, so it runs beside it.
    since = performance.now();
    const ts = evenTs(config.paths.points);
    const segmentCoefficients = ts.map((t) => [1 - t, t]);
    const segmentScores = scorePoints(
      pool,
      base,
      ['w1', 'w2'],
      [w1, w2],
      segmentCoefficients,
    );
    const bar2 = stages.stage('train curve', config.curve.epochs, 'epochs');
    const { controlPoints: _points, ...curveOptimiser } = config.curve;
    const curve = await pool.curve(
      {
        ...base,
        optimiser: curveOptimiser,
        w1,
        w2,
        snapshotCount: config.snapshots.count,
      },
      (m) => bar2.update(m.epoch, `loss ${m.loss.toFixed(3)}`),
    );
    bar2.stop();
    clock('curve', since);

    // (3) Metrics along the curve and the segment.
    since = performance.now();
    const bar3 = stages.stage('evaluate paths', 2 * ts.length, 'points');
    const curveCoefficients = ts.map((t) => bezierCoefficients(t, 3));
    const curveBasis = [w1, curve.bend, w2];
    const curveScores = await scorePoints(
      pool,
      base,
      ['w1', 'bend', 'w2'],
      curveBasis,
      curveCoefficients,
    );
    const segment = pathMetrics(
      await segmentScores,
      segmentCoefficients,
      gram([w1, w2]),
      wd,
    );
    const curvePath = pathMetrics(curveScores, curveCoefficients, gram(curveBasis), wd);
    bar3.update(2 * ts.length);
    bar3.stop();
    clock('paths', since);

    // (4) Each snapshot's curve, projected onto the final plane, with its metrics.
    since = performance.now();
    const plane = planeBasis(w1, curve.bend, w2);
    const snapshotTs = evenTs(config.snapshots.points);
    const snapshotCoefficients = snapshotTs.map((t) => bezierCoefficients(t, 3));
    const bar4 = stages.stage(
      'evaluate snapshots',
      curve.snapshots.length,
      'snapshots',
    );
    let snapshotsDone = 0;
    const snapshots = await Promise.all(
      curve.snapshots.map(async (s, i): Promise<Snapshot> => {
        const basis = [w1, s.bend, w2];
        const scores = await scorePoints(
          pool,
          base,
          ['w1', `snapshot-${i}`, 'w2'],
          basis,
          snapshotCoefficients,
        );
        const metrics = pathMetrics(scores, snapshotCoefficients, gram(basis), wd);
        bar4.update(++snapshotsDone);
        const at = project(plane, s.bend);
        return {
          step: s.step,
          epoch: s.epoch,
          bend: [at.x, at.y],
          offPlane: at.off,
          curve: projectedCurve(snapshotTs, [at.x, at.y], plane.dx),
          trainLoss: metrics.trainLoss,
          testError: metrics.testError,
        };
      }),
    );
    bar4.stop();
    clock('snapshots', since);

    // (5) The grid on the plane, one task per alpha row.
    since = performance.now();
    const [alphaCount, betaCount] = config.plane.grid;
    const alphas = gridAxis(alphaCount, config.plane.margin);
    const betas = gridAxis(betaCount, config.plane.margin);
    const bar5 = stages.stage('evaluate grid', alphaCount, 'rows');
    let rowsDone = 0;
    const planeGram = gram([w1, plane.u, plane.v]);
    const rows = await Promise.all(
      alphas.map(async (alpha) => {
        const coefficients = betas.map((beta) => [
          1,
          alpha * plane.dx,
          beta * plane.dy,
        ]);
        const scores = await pool.points({
          ...base,
          keys: ['w1', 'u', 'v'],
          basis: [w1, plane.u, plane.v],
          coefficients,
        });
        bar5.update(++rowsDone);
        return pathMetrics(scores, coefficients, planeGram, wd);
      }),
    );
    bar5.stop();
    clock('grid', since);
    timings.total = (performance.now() - started) / 1000;

    const grid = (pick: (m: PathMetrics) => number[]): Float32Array =>
      Float32Array.from(rows.flatMap(pick));
    const bendAt = project(plane, curve.bend);
    return {
      backend,
      sizes,
      weights: { w1, bend: curve.bend, w2 },
      snapshotBends: curve.snapshots.map((s) => s.bend),
      endpoints: seeds.map((seed, i) =>
        endpointSummary(segment, i === 0 ? 0 : ts.length - 1, seed),
      ),
      ts,
      curve: curvePath,
      segment,
      plane: {
        alphas,
        betas,
        dx: plane.dx,
        dy: plane.dy,
        bend: [bendAt.x, bendAt.y],
        grids: {
          trainLoss: grid((m) => m.trainLoss),
          trainError: grid((m) => m.trainError),
          testLoss: grid((m) => m.testLoss),
          testError: grid((m) => m.testError),
        },
      },
      snapshotTs,
      snapshots,
      timings,
    };
  } finally {
    await pool.destroy();
  }
}

/** Scores points in fixed-size tasks spread over the pool, in order. */
async function scorePoints(
  pool: LandscapePool,
  base: { data: TrainConfig['data']; sizes: number[] },
  keys: string[],
  basis: Float32Array[],
  coefficients: number[][],
): Promise<PointScores> {
  const parts: Promise<PointScores>[] = [];
  for (let start = 0; start < coefficients.length; start += pointsPerTask) {
    const slice = coefficients.slice(start, start + pointsPerTask);
    parts.push(pool.points({ ...base, keys, basis, coefficients: slice }));
  }
  const done = await Promise.all(parts);
  const join = (split: 'train' | 'test', key: 'nll' | 'error'): number[] =>
    done.flatMap((p) => p[split][key]);
  return {
    train: { nll: join('train', 'nll'), error: join('train', 'error') },
    test: { nll: join('test', 'nll'), error: join('test', 'error') },
  };
}

/** The quadratic Bezier through (0, 0), `bend` and (dx, 0) in plane coordinates. */
export function projectedCurve(ts: number[], bend: Point2, dx: number): Point2[] {
  return ts.map((t) => {
    const [, c1, c2] = bezierCoefficients(t, 3) as [number, number, number];
    return [c1 * bend[0] + c2 * dx, c1 * bend[1]];
  });
}

function endpointSummary(
  segment: PathMetrics,
  index: number,
  seed: number,
): EndpointSummary {
  const at = (values: number[]): number => values[index] as number;
  return {
    seed,
    train: {
      loss: at(segment.trainLoss),
      nll: at(segment.trainNll),
      error: at(segment.trainError),
    },
    test: { loss: at(segment.testLoss), error: at(segment.testError) },
  };
}
