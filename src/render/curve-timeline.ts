/**
 * The curve over the video: the training snapshots in epoch order, then the trained
 * curve, each resampled to the same t values, and read in between with Catmull-Rom
 * in time so the motion has no kinks at the snapshots.
 */
import {
  type GridMetric,
  type LandscapeManifest,
  type Point2,
} from '../landscape/manifest.js';
import { catmullRom } from './catmull-rom.js';

/** One curve on the plane in world (x, z), with its metric at each t when known. */
export interface CurveState {
  points: Point2[];
  /** The metric along the curve, or null when the bundle does not store it. */
  values: number[] | null;
  /** Train loss (with the L2 term) and test error (%) along the curve, for the HUD. */
  trainLoss: number[];
  testError: number[];
  /** The bend (middle control point) in world (x, z). */
  bend: Point2;
  /** Fractional curve epoch. */
  epoch: number;
}

export interface CurveTimeline {
  finalEpoch: number;
  /** The curve at training progress 0 (first snapshot) .. 1 (trained curve). */
  at(progress: number): CurveState;
}

/** Plane coordinates (alpha dx, beta dy) to world (alpha - 0.5, beta). */
export function planeToWorld(manifest: LandscapeManifest, p: Point2): Point2 {
  return [p[0] / manifest.plane.dx - 0.5, p[1] / manifest.plane.dy];
}

export function createCurveTimeline(
  manifest: LandscapeManifest,
  metric: GridMetric,
  samples: number,
): CurveTimeline {
  const ts = Array.from({ length: samples }, (_, i) => i / (samples - 1));
  const world = (points: Point2[]) => points.map((p) => planeToWorld(manifest, p));
  const snapshotValues = (s: LandscapeManifest['snapshots'][number]) =>
    metric === 'trainLoss' ? s.trainLoss : metric === 'testError' ? s.testError : null;
  const hasSnapshotValues = metric === 'trainLoss' || metric === 'testError';

  const keys: CurveState[] = [...manifest.snapshots]
    .sort((a, b) => a.epoch - b.epoch)
    .map((s) => {
      const values = snapshotValues(s);
      return {
        epoch: s.epoch,
        points: resamplePoints(manifest.snapshotTs, world(s.curve), ts),
        values: values ? resample(manifest.snapshotTs, values, ts) : null,
        trainLoss: resample(manifest.snapshotTs, s.trainLoss, ts),
        testError: resample(manifest.snapshotTs, s.testError, ts),
        bend: planeToWorld(manifest, s.bend),
      };
    });
  const finalEpoch = Math.max(manifest.curve.epochs, keys[keys.length - 1]?.epoch ?? 0);
  const trained: CurveState = {
    epoch: finalEpoch,
    points: resamplePoints(manifest.paths.ts, world(manifest.plane.curve), ts),
    values: hasSnapshotValues
      ? resample(manifest.paths.ts, manifest.paths.curve[metric], ts)
      : null,
    trainLoss: resample(manifest.paths.ts, manifest.paths.curve.trainLoss, ts),
    testError: resample(manifest.paths.ts, manifest.paths.curve.testError, ts),
    bend: planeToWorld(manifest, manifest.plane.points.bend),
  };
  // The trained curve, evaluated on the final plane, replaces a snapshot at its epoch.
  while (keys.length && (keys[keys.length - 1]?.epoch ?? 0) >= finalEpoch - 1e-9)
    keys.pop();
  keys.push(trained);

  return {
    finalEpoch,
    at(progress) {
      const epoch = Math.min(Math.max(progress, 0), 1) * finalEpoch;
      let k = 0;
      while (k < keys.length - 2 && (keys[k + 1]?.epoch ?? 0) <= epoch) k++;
      const k0 = keys[Math.max(k - 1, 0)] as CurveState;
      const k1 = keys[k] as CurveState;
      const k2 = keys[Math.min(k + 1, keys.length - 1)] as CurveState;
      const k3 = keys[Math.min(k + 2, keys.length - 1)] as CurveState;
      const span = k2.epoch - k1.epoch;
      const u = span > 0 ? Math.min(Math.max((epoch - k1.epoch) / span, 0), 1) : 1;
      const mix = (a: number, b: number, c: number, d: number) =>
        catmullRom(a, b, c, d, u);
      const mixSeries = (pick: (k: CurveState) => number[]) =>
        pick(k1).map((_, i) =>
          mix(pick(k0)[i] ?? 0, pick(k1)[i] ?? 0, pick(k2)[i] ?? 0, pick(k3)[i] ?? 0),
        );
      return {
        epoch,
        points: k1.points.map((p, i) => mixPoint(k0, k1, k2, k3, i, mix)),
        trainLoss: mixSeries((k) => k.trainLoss),
        testError: mixSeries((k) => k.testError),
        values:
          k0.values && k1.values && k2.values && k3.values
            ? k1.values.map((_, i) =>
                mix(
                  k0.values?.[i] ?? 0,
                  k1.values?.[i] ?? 0,
                  k2.values?.[i] ?? 0,
                  k3.values?.[i] ?? 0,
                ),
              )
            : null,
        bend: [
          mix(k0.bend[0], k1.bend[0], k2.bend[0], k3.bend[0]),
          mix(k0.bend[1], k1.bend[1], k2.bend[1], k3.bend[1]),
        ],
      };
    },
  };
}

function mixPoint(
  k0: CurveState,
  k1: CurveState,
  k2: CurveState,
  k3: CurveState,
  i: number,
  mix: (a: number, b: number, c: number, d: number) => number,
): Point2 {
  const p = (k: CurveState): Point2 => k.points[i] ?? [0, 0];
  return [
    mix(p(k0)[0], p(k1)[0], p(k2)[0], p(k3)[0]),
    mix(p(k0)[1], p(k1)[1], p(k2)[1], p(k3)[1]),
  ];
}

/** Values known at `from` (ascending) read at `to`, with Catmull-Rom between them. */
export function resample(from: number[], values: number[], to: number[]): number[] {
  const n = from.length;
  return to.map((t) => {
    let i = 0;
    while (i < n - 2 && (from[i + 1] ?? 0) <= t) i++;
    const t1 = from[i] ?? 0;
    const t2 = from[i + 1] ?? t1;
    const u = t2 > t1 ? Math.min(Math.max((t - t1) / (t2 - t1), 0), 1) : 0;
    const v = (k: number) => values[Math.min(Math.max(k, 0), n - 1)] ?? 0;
    return catmullRom(v(i - 1), v(i), v(i + 1), v(i + 2), u);
  });
}

function resamplePoints(from: number[], points: Point2[], to: number[]): Point2[] {
  const xs = resample(
    from,
    points.map((p) => p[0]),
    to,
  );
  const zs = resample(
    from,
    points.map((p) => p[1]),
    to,
  );
  return xs.map((x, i) => [x, zs[i] ?? 0]);
}
