/**
 * The offline stage: two endpoints, the curve, metrics along the curve and the
 * segment, snapshots of the bend, and the loss grid on the plane. Each stage runs on
 * a pool of worker threads; `writeBundle` turns the result into a bundle.
 */
import { type TrainConfig } from '../config/train-config.js';
import { classCount, pixelCount } from '../data/mnist.js';
import { logger } from '../log/logger.js';
import { Stages } from '../log/progress.js';
import { evenTs } from '../method/bezier.js';
import { type PlaneBasis, gridAxis, planeBasis, project } from '../method/plane.js';
import { gram } from '../method/vector.js';
import { backendChoice, tf } from '../tf/backend.js';
import { LandscapePool } from './landscape-pool.js';
import {
  type EndpointSummary,
  type GridMetric,
  type PathMetrics,
  type Point2,
  type Snapshot,
} from './manifest.js';
import { pathMetrics } from './path-metrics.js';
import {
  type PoolJob,
  bezierPath,
  projectedCurve,
  scorePath,
  segmentPath,
} from './score-points.js';
import { type CurveTaskResult } from './tasks.js';

const log = logger('train');

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
    grids: Record<GridMetric, Float32Array>;
  };
  snapshotTs: number[];
  snapshots: Snapshot[];
  /** Seconds per stage, and `total`. */
  timings: Record<string, number>;
}

interface Run extends PoolJob {
  config: TrainConfig;
  stages: Stages;
}

interface Endpoints {
  w1: Float32Array;
  w2: Float32Array;
  backend: string;
}

export async function trainLandscape(config: TrainConfig): Promise<TrainedLandscape> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const since = performance.now();
    const out = await work();
    timings[name] = (performance.now() - since) / 1000;
    return out;
  };
  backendChoice();
  const sizes = [pixelCount, ...config.model.hidden, classCount];
  log.info(
    `${config.data.source}: ${config.data.trainCount} train / ` +
      `${config.data.testCount} test examples`,
  );
  const run: Run = {
    config,
    pool: new LandscapePool(config.workers),
    base: { data: config.data, model: config.model },
    weightDecay: config.curve.weightDecay,
    stages: new Stages(5, 'train'),
  };
  try {
    const ends = await timed('endpoints', () => trainEndpoints(run));
    const ts = evenTs(config.paths.points);
    // The segment's path needs only the endpoints, so it is scored beside the curve.
    const segment = scorePath(run, ['w1', 'w2'], [ends.w1, ends.w2], segmentPath(ts));
    const curve = await timed('curve', () => trainCurveStage(run, ends));
    const bend = curve.bends[0] as Float32Array;
    const paths = await timed('paths', () =>
      evaluatePaths(run, ends, bend, ts, segment),
    );
    const plane = planeBasis(ends.w1, bend, ends.w2);
    const snapshotTs = evenTs(config.snapshots.points);
    const snapshots = await timed('snapshots', () =>
      evaluateSnapshots(run, ends, curve, plane, snapshotTs),
    );
    const grid = await timed('grid', () => evaluateGrid(run, ends.w1, plane));
    timings.total = (performance.now() - started) / 1000;
    const bendAt = project(plane, bend);
    const last = ts.length - 1;
    return {
      backend: ends.backend,
      sizes,
      weights: { w1: ends.w1, bend, w2: ends.w2 },
      snapshotBends: curve.snapshots.map((s) => s.bends[0] as Float32Array),
      endpoints: config.endpoints.seeds.map((seed, i) =>
        endpointSummary(paths.segment, i === 0 ? 0 : last, seed),
      ),
      ts,
      curve: paths.curve,
      segment: paths.segment,
      plane: { ...grid, dx: plane.dx, dy: plane.dy, bend: [bendAt.x, bendAt.y] },
      snapshotTs,
      snapshots,
      timings,
    };
  } finally {
    await run.pool.destroy();
  }
}

/** (1) Both endpoints at once, one per thread. */
async function trainEndpoints(run: Run): Promise<Endpoints> {
  const { seeds, ...optimiser } = run.config.endpoints;
  const bar = run.stages.stage(
    'train endpoints',
    seeds.length * optimiser.epochs,
    'epochs',
  );
  let epochsDone = 0;
  const trained = await Promise.all(
    seeds.map((seed) =>
      run.pool.endpoint({ ...run.base, optimiser, seed }, (m) =>
        bar.update(++epochsDone, `loss ${m.loss.toFixed(3)}`),
      ),
    ),
  );
  bar.stop();
  const backend = trained[0]?.backend ?? 'unknown';
  log.info(`model: ${trained[0]?.description ?? 'unknown'}`);
  log.info(
    `backend: ${backend} (TensorFlow.js ${tf.version.tfjs}), ${run.config.workers} threads`,
  );
  const [w1, w2] = trained.map((t) => t.weights) as [Float32Array, Float32Array];
  return { w1, w2, backend };
}

/** (2) The bend of the curve, with copies of it along the way. */
async function trainCurveStage(run: Run, ends: Endpoints): Promise<CurveTaskResult> {
  const { controlPoints, type, ...optimiser } = run.config.curve;
  const bar = run.stages.stage('train curve', optimiser.epochs, 'epochs');
  const curve = await run.pool.curve(
    {
      ...run.base,
      optimiser,
      shape: { type, controlPoints },
      w1: ends.w1,
      w2: ends.w2,
      snapshotCount: run.config.snapshots.count,
    },
    (m) => bar.update(m.epoch, `loss ${m.loss.toFixed(3)}`),
  );
  bar.stop();
  return curve;
}

/** (3) Metrics along the trained curve and along the segment. */
async function evaluatePaths(
  run: Run,
  ends: Endpoints,
  bend: Float32Array,
  ts: number[],
  segment: Promise<PathMetrics>,
): Promise<{ curve: PathMetrics; segment: PathMetrics }> {
  const bar = run.stages.stage('evaluate paths', 2 * ts.length, 'points');
  const basis = [ends.w1, bend, ends.w2];
  const curve = await scorePath(run, ['w1', 'bend', 'w2'], basis, bezierPath(ts));
  bar.update(ts.length);
  const done = { curve, segment: await segment };
  bar.update(2 * ts.length);
  bar.stop();
  return done;
}

/** (4) Each snapshot's curve, projected onto the final plane, with its metrics. */
async function evaluateSnapshots(
  run: Run,
  ends: Endpoints,
  curve: CurveTaskResult,
  plane: PlaneBasis,
  ts: number[],
): Promise<Snapshot[]> {
  const bar = run.stages.stage(
    'evaluate snapshots',
    curve.snapshots.length,
    'snapshots',
  );
  let done = 0;
  const snapshots = await Promise.all(
    curve.snapshots.map(async (s, i): Promise<Snapshot> => {
      const keys = ['w1', `snapshot-${i}`, 'w2'];
      const metrics = await scorePath(
        run,
        keys,
        [ends.w1, s.bends[0] as Float32Array, ends.w2],
        bezierPath(ts),
      );
      bar.update(++done);
      const at = project(plane, s.bends[0] as Float32Array);
      return {
        step: s.step,
        epoch: s.epoch,
        bend: [at.x, at.y],
        offPlane: at.off,
        curve: projectedCurve(ts, [at.x, at.y], plane.dx),
        trainLoss: metrics.trainLoss,
        testError: metrics.testError,
      };
    }),
  );
  bar.stop();
  return snapshots;
}

/** (5) The grid on the plane (shared/REFERENCE.md margins), one task per alpha row. */
async function evaluateGrid(
  run: Run,
  w1: Float32Array,
  plane: PlaneBasis,
): Promise<Pick<TrainedLandscape['plane'], 'alphas' | 'betas' | 'grids'>> {
  const [alphaCount, betaCount] = run.config.plane.grid;
  const alphas = gridAxis(alphaCount, run.config.plane.margin);
  const betas = gridAxis(betaCount, run.config.plane.margin);
  const bar = run.stages.stage('evaluate grid', alphaCount, 'rows');
  const basis = [w1, plane.u, plane.v];
  const planeGram = gram(basis);
  let done = 0;
  const rows = await Promise.all(
    alphas.map(async (alpha) => {
      const coefficients = betas.map((beta) => [1, alpha * plane.dx, beta * plane.dy]);
      const scores = await run.pool.points({
        ...run.base,
        keys: ['w1', 'u', 'v'],
        basis,
        coefficients,
      });
      bar.update(++done);
      return pathMetrics(scores, coefficients, planeGram, run.weightDecay);
    }),
  );
  bar.stop();
  const grid = (pick: (m: PathMetrics) => number[]): Float32Array =>
    Float32Array.from(rows.flatMap(pick));
  return {
    alphas,
    betas,
    grids: {
      trainLoss: grid((m) => m.trainLoss),
      trainError: grid((m) => m.trainError),
      testLoss: grid((m) => m.testLoss),
      testError: grid((m) => m.testError),
    },
  };
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
