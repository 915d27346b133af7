/**
 * The camera moves: each maps its progress (0 start .. 1 end, from the timeline's
 * camera track) and what the frame holds to an eye and the point it looks at. Pure
 * functions, so any frame can be drawn on its own.
 */
import { add, normalize, scale, sub, type Vec3 } from '../gl/mat4.js';
import { type CameraMove } from '../scene/sections/camera.js';
import { type SceneSettings } from '../scene/scene-schema.js';
import { pointAt } from './frame-geometry.js';

/** What a move may aim at, in world coordinates. */
export interface CameraRig {
  /** The middle of the wings, a little above the plane. */
  center: Vec3;
  /** The bend of the trained curve: the valley. */
  valley: Vec3;
  /** The trained curve, evenly spaced in t. */
  trainedCurve: Vec3[];
  /** The flyer's position and direction of travel. */
  flyer: { position: Vec3; tangent: Vec3 };
}

export interface CameraPose {
  eye: Vec3;
  target: Vec3;
}

type Settings = SceneSettings['camera'];
type Move = (s: Settings, progress: number, rig: CameraRig) => CameraPose;

const degrees = Math.PI / 180;
const smooth = (x: number) => 0.5 - 0.5 * Math.cos(Math.PI * x);

/** A point `distance` from `target` at a heading and an elevation in degrees. */
export function orbitPoint(
  target: Vec3,
  azimuthDegrees: number,
  elevationDegrees: number,
  distance: number,
): Vec3 {
  const az = azimuthDegrees * degrees;
  const el = Math.min(elevationDegrees, 89) * degrees;
  return [
    target[0] + distance * Math.cos(el) * Math.cos(az),
    target[1] + distance * Math.sin(el),
    target[2] + distance * Math.cos(el) * Math.sin(az),
  ];
}

const mix = (a: Vec3, b: Vec3, u: number): Vec3 => add(a, scale(sub(b, a), u));

export const cameraMoves: Record<CameraMove, Move> = {
  // Sweep the heading, lift the camera over the middle of the move, push in.
  orbit: (s, x, rig) => {
    const eased = smooth(x);
    const eye = orbitPoint(
      rig.center,
      s.azimuthDegrees + s.orbitDegrees * (eased - 0.5),
      s.elevationDegrees + 12 * Math.sin(Math.PI * x),
      s.distance * (1.06 - 0.12 * eased),
    );
    return { eye, target: rig.center };
  },

  // From just above the plane up to 40 degrees over the set elevation.
  rise: (s, x, rig) => {
    const eased = smooth(x);
    const eye = orbitPoint(
      rig.center,
      s.azimuthDegrees + s.orbitDegrees * (eased - 0.5),
      6 + (s.elevationDegrees + 40 - 6) * eased,
      s.distance * (1.1 - 0.1 * eased),
    );
    return { eye, target: rig.center };
  },

  still: (s, _x, rig) => ({
    eye: orbitPoint(rig.center, s.azimuthDegrees, s.elevationDegrees, s.distance),
    target: rig.center,
  }),

  // Along the trained curve from w1 toward w2, above it and pulled out from the
  // middle so the wing under it stays in view, looking ahead along the curve.
  flyover: (s, x, rig) => {
    const t = 0.06 + 0.8 * smooth(x);
    const here = pointAt(rig.trainedCurve, t);
    const ahead = pointAt(rig.trainedCurve, Math.min(t + s.lookAhead, 1));
    const out = sub(here, rig.center);
    const outward = normalize([out[0], 0, out[2]]);
    const eye = add(add(here, scale(outward, 1.4 * s.flyHeight)), [0, s.flyHeight, 0]);
    return { eye, target: mix(ahead, rig.center, 0.5) };
  },

  // A slow dolly from the set distance toward the valley.
  'push-in': (s, x, rig) => {
    const eased = smooth(x);
    const target = mix(rig.center, rig.valley, 0.3 * eased);
    const eye = orbitPoint(
      target,
      s.azimuthDegrees + 0.1 * s.orbitDegrees * (eased - 0.5),
      s.elevationDegrees + 6 + 6 * eased,
      s.distance * (1 - s.pushIn * eased),
    );
    return { eye, target };
  },

  // Straight down on the plane (w1 left, w2 right), drifting a little.
  'top-down': (s, x, rig) => {
    const eased = smooth(x);
    const eye = orbitPoint(
      rig.center,
      90 + s.azimuthDegrees + 0.1 * s.orbitDegrees * (eased - 0.5),
      84,
      s.distance * (1.04 - 0.08 * eased),
    );
    return { eye, target: rig.center };
  },

  // Behind and above the flyer, looking a little ahead of it.
  follow: (s, _x, rig) => {
    const { position, tangent } = rig.flyer;
    const back = normalize([tangent[0], 0, tangent[2]]);
    const eye = add(sub(position, scale(back, s.chaseDistance)), [0, s.flyHeight, 0]);
    const target = mix(add(position, scale(back, 0.3)), rig.center, 0.35);
    return { eye, target };
  },
};
