/**
 * The camera of a frame: the scene's move at the timeline's camera progress, as
 * matrices. A pure function, so every frame can be drawn on its own (and the same
 * time always gives the same view).
 */
import { lookAt, multiply, perspective, type Mat4, type Vec3 } from '../gl/mat4.js';
import { type SceneSettings } from '../scene/scene-schema.js';
import { cameraMoves, type CameraRig } from './camera-moves.js';

export interface CameraView {
  eye: Vec3;
  viewProjection: Mat4;
}

const degrees = Math.PI / 180;

/** The view of `settings.move` at `progress` (0..1) of the move. */
export function cameraAt(
  settings: SceneSettings['camera'],
  progress: number,
  aspect: number,
  rig: CameraRig,
): CameraView {
  const x = Math.min(Math.max(progress, 0), 1);
  const { eye, target } = cameraMoves[settings.move](settings, x, rig);
  const view = lookAt(eye, target, [0, 1, 0]);
  const projection = perspective(settings.fovDegrees * degrees, aspect, 0.02, 50);
  return { eye, viewProjection: multiply(projection, view) };
}
