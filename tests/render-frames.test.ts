import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadBundle, type LandscapeBundle } from '../src/landscape/manifest.js';
import { setLogLevel } from '../src/log/logger.js';
import { type Vec3 } from '../src/gl/mat4.js';
import { cameraAt } from '../src/render/camera-path.js';
import { createCurveTimeline } from '../src/render/curve-timeline.js';
import { frameGeometry } from '../src/render/frame-geometry.js';
import {
  createFrameRenderer,
  type FrameRenderer,
} from '../src/render/frame-renderer.js';
import { createSurfaceField } from '../src/render/surface-field.js';
import { resolveScene } from '../src/scene/load-scene.js';
import { sceneSchema } from '../src/scene/scene-schema.js';
import { tinyLandscape } from './support/landscape.js';

const widthPx = 96;
const heightPx = 64;
let bundle: LandscapeBundle;
let renderer: FrameRenderer;
let farRenderer: FrameRenderer;

function scene(extra: Record<string, unknown>, landscape: string) {
  const settings = sceneSchema.parse({
    landscape,
    output: { width: widthPx, height: heightPx },
    surface: { resolution: 40 },
    sparks: 0,
    ...extra,
  });
  return resolveScene(settings, 'test-scene');
}

before(async () => {
  setLogLevel('warn');
  const dir = await tinyLandscape();
  bundle = loadBundle(dir);
  renderer = await createFrameRenderer(scene({}, dir), bundle);
  farRenderer = await createFrameRenderer(
    scene({ camera: { move: 'still', distance: 20, elevationDegrees: 60 } }, dir),
    bundle,
  );
});

after(() => {
  renderer.destroy();
  farRenderer.destroy();
});

function maxDifference(a: Uint8Array, b: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++)
    max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

test('the same time gives the same frame', async () => {
  const first = await renderer.render(5);
  await renderer.render(9);
  const again = await renderer.render(5);
  assert.equal(first.length, widthPx * heightPx * 4);
  assert.ok(maxDifference(first, again) <= 1, 'frame at 5 s changed between draws');
});

test('a frame drawn into a given array fills that array, as a new one would', async () => {
  const into = new Uint8Array(widthPx * heightPx * 4).fill(7);
  const returned = await renderer.render(6, into);
  assert.equal(returned, into, 'render returned another array');
  assert.ok(maxDifference(into, await renderer.render(6)) <= 1);
  // A reused array is overwritten whole: the frame at 2 s, not a mix.
  await renderer.render(2, into);
  assert.ok(maxDifference(into, await renderer.render(2)) <= 1);
  await assert.rejects(
    renderer.render(6, new Uint8Array(10)),
    /a 96x64 frame needs 24576 bytes, not 10/,
  );
});

test('the curve goes from the segment to the trained curve over the video', () => {
  const { manifest } = bundle;
  const settings = scene({}, bundle.dir);
  const field = createSurfaceField(bundle, {
    metric: 'trainLoss',
    clip: 5,
    heightScale: 0.4,
  });
  const timeline = createCurveTimeline(manifest, 'trainLoss', 41);
  const height = (t: number) => {
    const frame = frameGeometry(settings, manifest, field, timeline, t);
    return Math.max(...frame.curve.map((p) => Math.abs(p[2])));
  };
  const trained = Math.max(
    ...manifest.plane.curve.map((p) => p[1] / manifest.plane.dy),
  );
  const first = manifest.snapshots[0]?.curve.map((p) => p[1] / manifest.plane.dy) ?? [];
  const duration = settings.output.durationSeconds;
  assert.ok(
    Math.abs(height(0) - Math.max(...first.map(Math.abs))) < 1e-6,
    'starts at snapshot 0',
  );
  assert.ok(Math.abs(height(duration) - trained) < 1e-6, 'ends on the trained curve');
  assert.ok(height(0) < 0.05, `the first snapshot is off the segment (${height(0)})`);
  const middle = height(duration * 0.5);
  assert.ok(
    middle > height(0) && middle < trained + 1e-6,
    `mid-video height ${middle}`,
  );
});

test('the camera moves over the video', () => {
  const settings = scene({}, bundle.dir);
  const rig = {
    center: [0, 0, 0] as Vec3,
    valley: [0, 0, 0.8] as Vec3,
    trainedCurve: [[-0.5, 0, 0] as Vec3, [0.5, 0, 0] as Vec3],
    flyer: { position: [0, 0, 0] as Vec3, tangent: [1, 0, 0] as Vec3 },
  };
  const at = (p: number) => cameraAt(settings.camera, p, 1.5, rig).eye;
  const [a, b] = [at(0.04), at(0.92)];
  assert.ok(
    Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) > 0.3,
    'the eye barely moved',
  );
});

test('the picture is the right way up (background lighter at the bottom)', async () => {
  const pixels = await farRenderer.render(6);
  const blue = (x: number, y: number) => pixels[(y * widthPx + x) * 4 + 2] ?? 0;
  // ember's background runs from #05060f at the top to #1a1030 at the bottom.
  assert.ok(
    blue(2, heightPx - 3) > blue(2, 2) + 4,
    `top ${blue(2, 2)}, bottom ${blue(2, heightPx - 3)}`,
  );
  assert.equal(pixels[3], 255, 'alpha is opaque');
});
