/**
 * What one frame shows, in world coordinates: the curve at that moment of training
 * (and its mirror on the other wing), the segment, the endpoints and the bend, each
 * lifted to its height. Pure CPU work, shared by the video and the stills.
 */
import { type Vec3 } from '../gl/mat4.js';
import { type LandscapeManifest, type Point2 } from '../landscape/manifest.js';
import { type Scene } from '../scene/load-scene.js';
import { trackValue } from '../scene/timeline.js';
import { planeToWorld, type CurveTimeline } from './curve-timeline.js';
import { type SurfaceField } from './surface-field.js';

export interface FrameGeometry {
  /** Training progress shown, 0 (first snapshot) .. 1 (trained curve). */
  progress: number;
  epoch: number;
  curve: Vec3[];
  mirror: Vec3[];
  segment: Vec3[];
  w1: Vec3;
  w2: Vec3;
  bend: Vec3;
  bendMirror: Vec3;
}

/**
 * Training progress (the fraction of the curve's epochs) at `timeSeconds`, from the
 * scene's `timeline.progress` track.
 */
export function progressAt(scene: Scene, timeSeconds: number): number {
  return trackValue(
    scene.timeline.progress,
    timeSeconds / scene.output.durationSeconds,
  );
}

export function frameGeometry(
  scene: Scene,
  manifest: LandscapeManifest,
  field: SurfaceField,
  timeline: CurveTimeline,
  timeSeconds: number,
): FrameGeometry {
  const progress = progressAt(scene, timeSeconds);
  const state = timeline.at(progress);
  const lift = scene.path.radius * 1.4;
  const useLoss = scene.path.height === 'loss';
  const values = useLoss ? state.values : null;
  const lifted = (p: Point2, value: number | undefined): Vec3 => {
    const y =
      value === undefined
        ? field.height(p[0], p[1])
        : field.heightScale * field.levelOf(value);
    return [p[0], y + lift, p[1]];
  };

  const curve = state.points.map((p, i) => lifted(p, values?.[i]));
  // The segment follows the same rule as the curve, so the two start together.
  const segmentValues = values ? segmentMetric(manifest, field) : null;
  const segment = manifest.plane.segment.map((p, i) =>
    lifted(planeToWorld(manifest, p), segmentValues?.[i]),
  );
  const bend = lifted(state.bend, undefined);
  return {
    progress,
    epoch: state.epoch,
    curve,
    mirror: curve.map(([x, y, z]) => [x, y, -z] as Vec3),
    segment,
    w1: segment[0] ?? [-0.5, lift, 0],
    w2: segment[segment.length - 1] ?? [0.5, lift, 0],
    bend,
    bendMirror: [bend[0], bend[1], -bend[2]],
  };
}

function segmentMetric(
  manifest: LandscapeManifest,
  field: SurfaceField,
): number[] | null {
  const metrics = manifest.paths.segment;
  return field.metric in metrics ? metrics[field.metric] : null;
}
