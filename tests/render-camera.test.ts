import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Vec3 } from '../src/gl/mat4.js';
import { cameraMoves as moves, type CameraRig } from '../src/render/camera-moves.js';
import { sceneSchema } from '../src/scene/scene-schema.js';
import { cameraMoves } from '../src/scene/sections/camera.js';

const settings = sceneSchema.parse({}).camera;
const arch: Vec3[] = Array.from({ length: 41 }, (_, i) => {
  const t = i / 40;
  return [t - 0.5, 0.05, 2 * t * (1 - t) * 1.6];
});
const rig: CameraRig = {
  center: [0, 0.1, 0],
  valley: [0, 0.05, 0.8],
  trainedCurve: arch,
  flyer: { position: [0, 0.05, 0.8], tangent: [1, 0, 0] },
};
const gap = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

for (const move of cameraMoves) {
  test(`camera move ${move}: a finite pose that ${move === 'still' || move === 'follow' ? 'holds' : 'moves'} over the move`, () => {
    const start = moves[move](settings, 0, rig);
    const end = moves[move](settings, 1, rig);
    for (const v of [...start.eye, ...start.target, ...end.eye, ...end.target]) {
      assert.ok(Number.isFinite(v), `${move} gave ${v}`);
    }
    assert.ok(gap(start.eye, start.target) > 0.05, 'the eye sits on its target');
    // follow moves with the flyer, which this rig holds still.
    const travelled = gap(start.eye, end.eye);
    if (move === 'still' || move === 'follow') assert.ok(travelled < 1e-9);
    else assert.ok(travelled > 0.1, `${move} travelled ${travelled}`);
  });
}

test('top-down looks down on the plane', () => {
  const { eye, target } = moves['top-down'](settings, 0.5, rig);
  const down = (eye[1] - target[1]) / gap(eye, target);
  assert.ok(down > 0.99, `sin(elevation) ${down}`);
});

test('follow sits behind and above the flyer', () => {
  const { eye } = moves.follow(settings, 0.5, rig);
  assert.ok(eye[0] < rig.flyer.position[0] - 0.5, `eye x ${eye[0]}`);
  assert.ok(eye[1] > rig.flyer.position[1], `eye y ${eye[1]}`);
});

test('push-in closes the distance', () => {
  const start = moves['push-in'](settings, 0, rig);
  const end = moves['push-in'](settings, 1, rig);
  const ratio = gap(end.eye, end.target) / gap(start.eye, start.target);
  assert.ok(Math.abs(ratio - (1 - settings.pushIn)) < 1e-9, `ratio ${ratio}`);
});
