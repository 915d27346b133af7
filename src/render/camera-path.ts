/**
 * The camera over the video, a pure function of time so every frame can be drawn
 * on its own (and the same time always gives the same view).
 */
import { lookAt, multiply, perspective, type Mat4, type Vec3 } from '../gl/mat4.js';
import { type SceneSettings } from '../scene/scene-schema.js';

export interface CameraView {
  eye: Vec3;
  viewProjection: Mat4;
}

const degrees = Math.PI / 180;

/** The view at `timeSeconds` of a video `durationSeconds` long. */
export function cameraAt(
  settings: SceneSettings['camera'],
  timeSeconds: number,
  durationSeconds: number,
  aspect: number,
  target: Vec3,
): CameraView {
  const x = Math.min(Math.max(timeSeconds / durationSeconds, 0), 1);
  const eased = 0.5 - 0.5 * Math.cos(Math.PI * x);
  let azimuth = settings.azimuthDegrees;
  let elevation = settings.elevationDegrees;
  let distance = settings.distance;
  if (settings.move === 'orbit') {
    // Sweep the heading, lift the camera over the middle of the video, push in.
    azimuth += settings.orbitDegrees * (eased - 0.5);
    elevation += 12 * Math.sin(Math.PI * x);
    distance *= 1.06 - 0.12 * eased;
  } else if (settings.move === 'rise') {
    // From just above the plane up to 40 degrees over the set elevation.
    azimuth += settings.orbitDegrees * (eased - 0.5);
    elevation = 6 + (elevation + 40 - 6) * eased;
    distance *= 1.1 - 0.1 * eased;
  }
  const az = azimuth * degrees;
  const el = Math.min(elevation, 89) * degrees;
  const eye: Vec3 = [
    target[0] + distance * Math.cos(el) * Math.cos(az),
    target[1] + distance * Math.sin(el),
    target[2] + distance * Math.cos(el) * Math.sin(az),
  ];
  const view = lookAt(eye, target, [0, 1, 0]);
  const projection = perspective(settings.fovDegrees * degrees, aspect, 0.05, 50);
  return { eye, viewProjection: multiply(projection, view) };
}
