/**
 * What one frame shows, in world coordinates: the curve at that moment of training
 * (and its mirror on the other wing), the segment, the endpoints, the bend and the
 * flyer, each lifted to its height, with the numbers the HUD reads. Pure CPU work,
 * shared by the video and the stills.
 */
import { normalize, sub, type Vec3 } from '../gl/mat4.js';
import { type LandscapeManifest, type Point2 } from '../landscape/manifest.js';
import { type Scene } from '../scene/load-scene.js';
import { sampleTimeline, type TimelineSample } from '../scene/timeline.js';
import { planeToWorld, type CurveTimeline } from './curve-timeline.js';
import { type SurfaceField } from './surface-field.js';

/** The light travelling along the curve and what the curve measures under it. */
export interface Flyer {
  /** Where it is along the curve, 0 (w1) .. 1 (w2). */
  t: number;
  position: Vec3;
  /** Unit direction of travel. */
  tangent: Vec3;
  /** The shown curve's train loss and test accuracy (%) at t. */
  trainLoss: number;
  testAccuracy: number;
  /** The straight segment's test accuracy (%) at the same t. */
  segmentAccuracy: number;
}

export interface FrameGeometry {
  /** The scene's timeline tracks at this time (progress, threshold, camera, flyer). */
  sample: TimelineSample;
  /** Training progress shown, 0 (first snapshot) .. 1 (trained curve). */
  progress: number;
  epoch: number;
  finalEpoch: number;
  curve: Vec3[];
  /** The curve's image on the other wing; empty when the surface is not mirrored. */
  mirror: Vec3[];
  segment: Vec3[];
  /** The trained curve, lifted like the curve (camera moves travel along it). */
  trainedCurve: Vec3[];
  w1: Vec3;
  w2: Vec3;
  bend: Vec3;
  bendMirror: Vec3;
  flyer: Flyer;
  /** Test accuracy (%) along evenly spaced t: the shown curve and the segment. */
  accuracy: { curve: number[]; segment: number[] };
}

/** Training progress (the fraction of the curve's epochs) at `timeSeconds`. */
export function progressAt(scene: Scene, timeSeconds: number): number {
  return sampleTimeline(scene.timeline, timeSeconds, scene.output.durationSeconds)
    .progress;
}

export function frameGeometry(
  scene: Scene,
  manifest: LandscapeManifest,
  field: SurfaceField,
  timeline: CurveTimeline,
  timeSeconds: number,
): FrameGeometry {
  const sample = sampleTimeline(
    scene.timeline,
    timeSeconds,
    scene.output.durationSeconds,
  );
  const state = timeline.at(sample.progress);
  const trained = timeline.at(1);
  const lift = scene.path.radius * 1.4;
  const useLoss = scene.path.height === 'loss';
  const lifted = (p: Point2, value: number | undefined): Vec3 => {
    const y =
      value === undefined
        ? field.height(p[0], p[1])
        : field.heightOf(field.levelOf(value));
    return [p[0], y + lift, p[1]];
  };
  const liftAll = (points: Point2[], values: number[] | null) =>
    points.map((p, i) => lifted(p, values?.[i]));

  const curve = liftAll(state.points, useLoss ? state.values : null);
  // The segment follows the same rule as the curve, so the two start together.
  const segmentValues = useLoss && state.values ? segmentMetric(manifest, field) : null;
  const segment = liftAll(
    manifest.plane.segment.map((p) => planeToWorld(manifest, p)),
    segmentValues,
  );
  const bend = lifted(state.bend, undefined);
  const segmentAccuracy = resampleEven(
    manifest.paths.segment.testError.map((e) => 100 - e),
    state.testError.length,
  );
  const accuracy = {
    curve: state.testError.map((e) => 100 - e),
    segment: segmentAccuracy,
  };
  const t = Math.min(Math.max(sample.flyer, 0), 1);
  return {
    sample,
    progress: sample.progress,
    epoch: state.epoch,
    finalEpoch: timeline.finalEpoch,
    curve,
    mirror: field.mirror ? curve.map(([x, y, z]) => [x, y, -z] as Vec3) : [],
    segment,
    trainedCurve: liftAll(trained.points, useLoss ? trained.values : null),
    w1: segment[0] ?? [-0.5, lift, 0],
    w2: segment[segment.length - 1] ?? [0.5, lift, 0],
    bend,
    bendMirror: [bend[0], bend[1], -bend[2]],
    flyer: {
      t,
      position: pointAt(curve, t),
      tangent: normalize(sub(pointAt(curve, t + 0.01), pointAt(curve, t - 0.01))),
      trainLoss: valueAt(state.trainLoss, t),
      testAccuracy: valueAt(accuracy.curve, t),
      segmentAccuracy: valueAt(segmentAccuracy, t),
    },
    accuracy,
  };
}

/** The point at `t` (0-1, clamped) of a polyline evenly spaced in t. */
export function pointAt(points: Vec3[], t: number): Vec3 {
  const f = Math.min(Math.max(t, 0), 1) * (points.length - 1);
  const i = Math.min(Math.floor(f), points.length - 2);
  const a = points[Math.max(i, 0)] ?? [0, 0, 0];
  const b = points[i + 1] ?? a;
  const u = f - i;
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

/** The value at `t` (0-1) of a series evenly spaced in t, read linearly. */
export function valueAt(values: number[], t: number): number {
  const f = Math.min(Math.max(t, 0), 1) * (values.length - 1);
  const i = Math.min(Math.floor(f), values.length - 2);
  const a = values[Math.max(i, 0)] ?? 0;
  const b = values[i + 1] ?? a;
  return a + (b - a) * (f - i);
}

function resampleEven(values: number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => valueAt(values, i / (count - 1)));
}

function segmentMetric(
  manifest: LandscapeManifest,
  field: SurfaceField,
): number[] | null {
  const metrics = manifest.paths.segment;
  return field.metric in metrics ? metrics[field.metric] : null;
}
