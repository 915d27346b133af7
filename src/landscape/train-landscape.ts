/**
 * The offline stage: two endpoints, the curve, metrics along the curve and the
 * segment, snapshots of the curve, and the loss grid on the plane. Each stage runs on
 * a pool of worker threads. With a work folder (`RunState`) every finished stage and
 * grid row is saved, so a run resumes where it stopped; with a shard it computes only
 * its part of the grid. `writeBundle` turns a complete result into a bundle.
 */
import { type TrainConfig, planeMargins } from '../config/train-config.js';
import { logger } from '../log/logger.js';
import { type Bar, Stages } from '../log/progress.js';
import { evenTs } from '../method/bezier.js';
import { type CurveShape, curvePath } from '../method/curves.js';
import { type PlaneBasis, gridAxis, project } from '../method/plane.js';
import { gram } from '../method/vector.js';
import { backendChoice, tf } from '../tf/backend.js';
import {
  type CurveControls,
  type PlaneThird,
  type ProjectedCurve,
  curveControls,
  curvePlane,
  projectCurve,
} from './curve-geometry.js';
import { type GridShard, shardRows } from './grid-shard.js';
import { GridStore, type GridValues } from './grid-store.js';
import { LandscapePool } from './landscape-pool.js';
import {
  type EndpointSummary,
  type GridMetric,
  type PathMetrics,
  type Point2,
  type Snapshot,
} from './manifest.js';
import { pathMetrics } from './path-metrics.js';
import { type RunState } from './run-state.js';
import { type PoolJob, scorePath, segmentPath } from './score-points.js';
import { type CurveTaskResult } from './tasks.js';

const log = logger('train');

export interface TrainedLandscape {
  backend: string;
  /** The network, e.g. "MLP 784-128-128-10, 118,282 weights". */
  model: string;
  shape: CurveShape;
  weights: { w1: Float32Array; bends: Float32Array[]; w2: Float32Array };
  /** Interior control points of each snapshot. */
  snapshotBends: Float32Array[][];
  endpoints: EndpointSummary[];
  ts: number[];
  curve: PathMetrics;
  segment: PathMetrics;
  plane: {
    alphas: number[];
    betas: number[];
    dx: number;
    dy: number;
    through: PlaneThird;
    /** The plane's third point (the bend, or the curve's midpoint). */
    bend: Point2;
    /** The curve's interior control points, projected, and their distance off it. */
    bends: Point2[];
    offPlane: number[];
    /** The trained curve projected, at `ts`. */
    curve: Point2[];
    /** [alpha][beta] row-major grids; NaN where a shard left a cell to others. */
    grids: GridValues;
  };
  snapshotTs: number[];
  snapshots: Snapshot[];
  /** True when every grid cell is computed (false for a shard). */
  complete: boolean;
  /** Seconds per stage, and `total`. */
  timings: Record<string, number>;
}

export interface LandscapeOptions {
  /** The work folder: finished stages are saved there and reused. */
  state?: RunState;
  /** Compute only this part of the grid. */
  shard?: GridShard;
}

/** Starts the threads on first use: a run whose stages are all saved needs none. */
function lazyPool(workers: number): {
  readonly pool: LandscapePool;
  destroy(): Promise<void>;
} {
  let pool: LandscapePool | undefined;
  return {
    get pool() {
      pool ??= new LandscapePool(workers);
      return pool;
    },
    destroy: async () => pool?.destroy(),
  };
}

interface Run extends PoolJob {
  config: TrainConfig;
  shape: CurveShape;
  stages: Stages;
  state: RunState | undefined;
  timings: Record<string, number>;
}

interface Endpoints {
  w1: Float32Array;
  w2: Float32Array;
  backend: string;
  /** The network, e.g. "MLP 784-128-128-10, 118,282 weights". */
  description: string;
}

interface Paths {
  curve: PathMetrics;
  segment: PathMetrics;
}

export async function trainLandscape(
  config: TrainConfig,
  options: LandscapeOptions = {},
): Promise<TrainedLandscape> {
  backendChoice();
  const { type, controlPoints } = config.curve;
  const threads = lazyPool(config.workers);
  const run: Run = {
    config,
    shape: { type, controlPoints },
    get pool() {
      return threads.pool;
    },
    base: { data: config.data, model: config.model },
    weightDecay: config.curve.weightDecay,
    stages: new Stages(5, 'train'),
    state: options.state,
    timings: options.state?.loadJson<Record<string, number>>('timings') ?? {},
  };
  log.info(
    `${config.model.type} on ${config.data.source} (${config.data.trainCount} train / ` +
      `${config.data.testCount} test), ${controlPoints}-point ${type} curve`,
  );
  try {
    const ts = evenTs(config.paths.points);
    const ends = await endpointsStage(run);
    // The segment needs only the endpoints, so it is scored beside the curve.
    const segment = run.state?.has('paths.json')
      ? undefined
      : scorePath(run, ['w1', 'w2'], [ends.w1, ends.w2], segmentPath(ts));
    const curve = await curveStage(run, ends);
    const controls = curveControls(run.shape, ends.w1, curve.bends, ends.w2);
    const paths = await pathsStage(run, controls, ts, segment);
    const plane = curvePlane(controls);
    if (plane.through === 'curve-midpoint') {
      log.info(
        'plane: through w1, w2 and the curve midpoint phi(0.5) (more than one bend)',
      );
    }
    const snapshotTs = evenTs(config.snapshots.points);
    const snapshots = await snapshotsStage(run, ends, curve, plane.basis, snapshotTs);
    const projected = projectCurve(plane.basis, controls, ts);
    const grid = await gridStage(run, ends.w1, plane.basis, options.shard, projected);
    // The sum of the stages: a resumed or merged run's stages ran at other times.
    run.timings.total = Object.entries(run.timings)
      .filter(([name]) => name !== 'total')
      .reduce((sum, [, seconds]) => sum + seconds, 0);
    const last = ts.length - 1;
    return {
      backend: ends.backend,
      model: ends.description,
      shape: run.shape,
      weights: { w1: ends.w1, bends: curve.bends, w2: ends.w2 },
      snapshotBends: curve.snapshots.map((s) => s.bends),
      endpoints: config.endpoints.seeds.map((seed, i) =>
        endpointSummary(paths.segment, i === 0 ? 0 : last, seed),
      ),
      ts,
      curve: paths.curve,
      segment: paths.segment,
      plane: {
        alphas: grid.alphas,
        betas: grid.betas,
        grids: grid.store.values,
        dx: plane.basis.dx,
        dy: plane.basis.dy,
        through: plane.through,
        bend: planeBend(plane.basis, plane.third),
        bends: projected.bends,
        offPlane: projected.offPlane,
        curve: projected.points,
      },
      snapshotTs,
      snapshots,
      complete: grid.store.pendingRows(0, grid.alphas.length).length === 0,
      timings: run.timings,
    };
  } finally {
    await threads.destroy();
  }
}

/** Records a stage's seconds, in the work folder too (a resumed run keeps them). */
function timed(run: Run, name: string, since: number): void {
  run.timings[name] = (run.timings[name] ?? 0) + (performance.now() - since) / 1000;
  run.state?.saveJson('timings', run.timings);
}

/** (1) Both endpoints at once, one per thread. */
async function endpointsStage(run: Run): Promise<Endpoints> {
  const saved = run.state?.loadVectors('endpoints');
  const meta = run.state?.loadJson<Omit<Endpoints, 'w1' | 'w2'>>('endpoints');
  if (saved && meta) {
    run.stages.skip('train endpoints', 'done earlier, read from the work folder');
    return { w1: saved[0] as Float32Array, w2: saved[1] as Float32Array, ...meta };
  }
  const since = performance.now();
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
  const description = trained[0]?.description ?? 'unknown';
  log.info(`model: ${description}`);
  log.info(
    `backend: ${backend} (TensorFlow.js ${tf.version.tfjs}), ${run.config.workers} threads`,
  );
  const [w1, w2] = trained.map((t) => t.weights) as [Float32Array, Float32Array];
  run.state?.saveVectors('endpoints', [w1, w2]);
  run.state?.saveJson('endpoints', { backend, description });
  timed(run, 'endpoints', since);
  return { w1, w2, backend, description };
}

/** (2) The curve's interior control points, with copies of them along the way. */
async function curveStage(run: Run, ends: Endpoints): Promise<CurveTaskResult> {
  const bends = run.state?.loadVectors('bends');
  const copies = run.state?.loadVectors('snapshot-bends');
  const meta = run.state?.loadJson<{ step: number; epoch: number }[]>('snapshots-at');
  if (bends && copies && meta) {
    run.stages.skip('train curve', 'done earlier, read from the work folder');
    const per = bends.length;
    return {
      bends,
      snapshots: meta.map((m, i) => ({
        ...m,
        bends: copies.slice(i * per, (i + 1) * per),
      })),
    };
  }
  const since = performance.now();
  const { controlPoints: _n, type: _type, ...optimiser } = run.config.curve;
  const bar = run.stages.stage('train curve', optimiser.epochs, 'epochs');
  const curve = await run.pool.curve(
    {
      ...run.base,
      optimiser,
      shape: run.shape,
      w1: ends.w1,
      w2: ends.w2,
      snapshotCount: run.config.snapshots.count,
    },
    (m) => bar.update(m.epoch, `loss ${m.loss.toFixed(3)}`),
  );
  bar.stop();
  run.state?.saveVectors('bends', curve.bends);
  run.state?.saveVectors(
    'snapshot-bends',
    curve.snapshots.flatMap((s) => s.bends),
  );
  run.state?.saveJson(
    'snapshots-at',
    curve.snapshots.map(({ step, epoch }) => ({ step, epoch })),
  );
  timed(run, 'curve', since);
  return curve;
}

/** (3) Metrics along the trained curve and along the segment. */
async function pathsStage(
  run: Run,
  controls: CurveControls,
  ts: number[],
  segment: Promise<PathMetrics> | undefined,
): Promise<Paths> {
  const saved = run.state?.loadJson<Paths>('paths');
  if (saved || !segment) {
    run.stages.skip('evaluate paths', 'done earlier, read from the work folder');
    return saved as Paths;
  }
  const since = performance.now();
  const bar = run.stages.stage('evaluate paths', 2 * ts.length, 'points');
  const curve = await scorePath(
    run,
    controls.keys,
    controls.vectors,
    curvePath(controls.shape, ts),
  );
  bar.update(ts.length);
  const done = { curve, segment: await segment };
  bar.update(2 * ts.length);
  bar.stop();
  run.state?.saveJson('paths', done);
  timed(run, 'paths', since);
  return done;
}

/** (4) Each snapshot's curve, projected onto the final plane, with its metrics. */
async function snapshotsStage(
  run: Run,
  ends: Endpoints,
  curve: CurveTaskResult,
  plane: PlaneBasis,
  ts: number[],
): Promise<Snapshot[]> {
  const saved = run.state?.loadJson<Snapshot[]>('snapshots');
  if (saved) {
    run.stages.skip('evaluate snapshots', 'done earlier, read from the work folder');
    return saved;
  }
  const since = performance.now();
  const bar = run.stages.stage(
    'evaluate snapshots',
    curve.snapshots.length,
    'snapshots',
  );
  let done = 0;
  const snapshots = await Promise.all(
    curve.snapshots.map(async (s, i): Promise<Snapshot> => {
      const controls = curveControls(
        run.shape,
        ends.w1,
        s.bends,
        ends.w2,
        `snapshot-${i}`,
      );
      const metrics = await scorePath(
        run,
        controls.keys,
        controls.vectors,
        curvePath(run.shape, ts),
      );
      bar.update(++done);
      const projected = projectCurve(plane, controls, ts);
      return {
        step: s.step,
        epoch: s.epoch,
        bend: middleBend(projected.bends),
        bends: projected.bends,
        offPlane: Math.max(...projected.offPlane),
        curve: projected.points,
        trainLoss: metrics.trainLoss,
        testError: metrics.testError,
      };
    }),
  );
  bar.stop();
  run.state?.saveJson('snapshots', snapshots);
  timed(run, 'snapshots', since);
  return snapshots;
}

/** Plane coordinates of the plane's third point. */
function planeBend(basis: PlaneBasis, third: Float32Array): Point2 {
  const at = project(basis, third);
  return [at.x, at.y];
}

/** The middle interior control point (the bend of a 3-point curve). */
function middleBend(bends: Point2[]): Point2 {
  return bends[Math.floor((bends.length - 1) / 2)] as Point2;
}

/** (5) The grid on the plane (shared/REFERENCE.md margins), one task per alpha row. */
async function gridStage(
  run: Run,
  w1: Float32Array,
  plane: PlaneBasis,
  shard: GridShard | undefined,
  curve: ProjectedCurve,
): Promise<{ alphas: number[]; betas: number[]; store: GridStore }> {
  const [alphaCount, betaCount] = run.config.plane.grid;
  const span = gridSpan(run, plane, curve);
  const alphas = gridAxis(alphaCount, span.left, span.right);
  const betas = gridAxis(betaCount, span.bottom, span.top);
  const store = new GridStore(run.state, [alphaCount, betaCount]);
  const [start, end] = shardRows(shard, alphaCount);
  const pending = store.pendingRows(start, end);
  const part = shard
    ? ` (shard ${shard.index}/${shard.count}: rows ${start}-${end - 1})`
    : '';
  if (pending.length === 0) {
    run.stages.skip('evaluate grid', `done earlier${part}`);
    return { alphas, betas, store };
  }
  const since = performance.now();
  const resumed = end - start - pending.length;
  const bar = run.stages.stage(`evaluate grid${part}`, end - start, 'rows');
  if (resumed > 0)
    log.info(`grid: ${resumed} rows done earlier, ${pending.length} to go`);
  await evaluateRows(run, w1, plane, alphas, betas, pending, store, bar, resumed);
  bar.stop();
  timed(run, 'grid', since);
  return { alphas, betas, store };
}

/**
 * The margins of the grid in alpha and beta beyond [0, 1]. A 3-point curve lies in
 * [0, 1] x [0, 1] of its plane by construction (the bend at beta = 1), so the
 * reference's margins hold as written. A longer curve's control points and path can
 * stand outside that square, so the grid widens to hold them all, then adds the
 * margins beyond.
 */
function gridSpan(
  run: Run,
  plane: PlaneBasis,
  curve: ProjectedCurve,
): { left: number; right: number; bottom: number; top: number } {
  const margin = planeMargins(run.config.plane);
  if (run.shape.controlPoints === 3) return margin;
  const points = [...curve.points, ...curve.bends];
  const alphas = points.map((p) => p[0] / plane.dx);
  const betas = points.map((p) => p[1] / plane.dy);
  return {
    left: margin.left + Math.max(0, -Math.min(...alphas)),
    right: margin.right + Math.max(0, Math.max(...alphas) - 1),
    bottom: margin.bottom + Math.max(0, -Math.min(...betas)),
    top: margin.top + Math.max(0, Math.max(...betas) - 1),
  };
}

async function evaluateRows(
  run: Run,
  w1: Float32Array,
  plane: PlaneBasis,
  alphas: number[],
  betas: number[],
  rows: number[],
  store: GridStore,
  bar: Bar,
  alreadyDone: number,
): Promise<void> {
  const basis = [w1, plane.u, plane.v];
  const planeGram = gram(basis);
  let done = alreadyDone;
  await Promise.all(
    rows.map(async (row) => {
      const alpha = alphas[row] as number;
      const coefficients = betas.map((beta) => [1, alpha * plane.dx, beta * plane.dy]);
      const scores = await run.pool.points({
        ...run.base,
        keys: ['w1', 'u', 'v'],
        basis,
        coefficients,
      });
      const m = pathMetrics(scores, coefficients, planeGram, run.weightDecay);
      const metrics: Record<GridMetric, number[]> = {
        trainLoss: m.trainLoss,
        trainError: m.trainError,
        testLoss: m.testLoss,
        testError: m.testError,
      };
      store.setRow(row, metrics);
      bar.update(++done);
    }),
  );
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
