import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadBundle, type LandscapeBundle } from '../src/landscape/manifest.js';
import { setLogLevel } from '../src/log/logger.js';
import { createFrameRenderer } from '../src/render/frame-renderer.js';
import { resolveScene, type Scene } from '../src/scene/load-scene.js';
import { presetNames } from '../src/scene/presets.js';
import { sceneSchema } from '../src/scene/scene-schema.js';
import { cameraMoves } from '../src/scene/sections/camera.js';
import { contentFraction } from './support/content-fraction.js';
import { tinyLandscape } from './support/landscape.js';

const widthPx = 96;
const heightPx = 64;
const timeSeconds = 8;
let bundle: LandscapeBundle;

before(async () => {
  setLogLevel('warn');
  bundle = loadBundle(await tinyLandscape());
});

after(() => setLogLevel('info'));

function scene(extra: Record<string, unknown> = {}): Scene {
  const { output, ...rest } = extra;
  const settings = sceneSchema.parse({
    landscape: bundle.dir,
    output: { width: widthPx, height: heightPx, ...(output as object) },
    surface: { resolution: 40 },
    sparks: 0,
    ...rest,
  });
  return resolveScene(settings, 'test-scene');
}

/** Renders `s` at `time` with a renderer of its own; checks GL stayed error-free. */
async function frameOf(s: Scene, time = timeSeconds): Promise<Uint8Array> {
  const renderer = await createFrameRenderer(s, bundle);
  try {
    const pixels = await renderer.render(time);
    assert.equal(renderer.glError(), 0, 'gl.getError() after the frame');
    return pixels;
  } finally {
    renderer.destroy();
  }
}

/** Mean RGB of the frame, 0-255. */
function meanColor(pixels: Uint8Array): [number, number, number] {
  const sum = [0, 0, 0];
  for (let i = 0; i < pixels.length; i += 4) {
    for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (pixels[i + c] ?? 0);
  }
  const n = pixels.length / 4;
  return [(sum[0] ?? 0) / n, (sum[1] ?? 0) / n, (sum[2] ?? 0) / n];
}

function maxDifference(a: Uint8Array, b: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++)
    max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

for (const name of presetNames('palette')) {
  test(`palette ${name} renders the wings`, async () => {
    const pixels = await frameOf(scene({ palette: { preset: name } }));
    assert.equal(pixels.length, widthPx * heightPx * 4);
    const content = contentFraction(pixels);
    assert.ok(content > 0.1, `only ${(content * 100).toFixed(1)}% of the frame drawn`);
  });
}

for (const move of cameraMoves) {
  test(`camera move ${move} renders the wings`, async () => {
    const pixels = await frameOf(scene({ camera: { move } }));
    const content = contentFraction(pixels);
    assert.ok(content > 0.1, `only ${(content * 100).toFixed(1)}% of the frame drawn`);
  });
}

test('palettes ember and ice give visibly different frames', async () => {
  const a = meanColor(await frameOf(scene({ palette: { preset: 'ember' } })));
  const b = meanColor(await frameOf(scene({ palette: { preset: 'ice' } })));
  const distance = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  assert.ok(
    distance > 12,
    `mean colours ${a.map(Math.round)} and ${b.map(Math.round)}`,
  );
});

test('the same scene and seed give byte-equal frames, another seed other grain', async () => {
  const first = await frameOf(scene({ seed: 3 }));
  const second = await frameOf(scene({ seed: 3 }));
  assert.equal(first.length, second.length);
  assert.ok(Buffer.from(first).equals(Buffer.from(second)), 'frames differ');
  const other = await frameOf(scene({ seed: 4 }));
  assert.ok(maxDifference(first, other) > 0, 'the seed changed nothing');
});

const noPost = { bloom: 0, exposure: 0, vignette: 0, grain: 0, fog: 0 };

const postCases: [string, Record<string, number>, Record<string, number>][] = [
  [
    'bloom',
    { bloom: 1.5, bloomThreshold: 0.3 },
    { bloomRadius: 3, bloomThreshold: 0.2 },
  ],
  ['exposure', { exposure: 1.4 }, {}],
  ['vignette', { vignette: 0.8 }, {}],
  ['grain', { grain: 0.08 }, {}],
  ['fog', { fog: 1 }, {}],
];

let baseline: Uint8Array;

test('post effects all off: the same frame twice', async () => {
  baseline = await frameOf(scene({ post: noPost }));
  const again = await frameOf(scene({ post: noPost }));
  assert.equal(maxDifference(baseline, again), 0);
});

for (const [name, on, offSettings] of postCases) {
  test(`post ${name} changes pixels when on and none when off`, async () => {
    const withEffect = await frameOf(scene({ post: { ...noPost, ...on } }));
    assert.ok(maxDifference(baseline, withEffect) > 8, `${name} changed too little`);
    const off = await frameOf(scene({ post: { ...noPost, ...offSettings } }));
    assert.equal(maxDifference(baseline, off), 0, `${name} at 0 changed pixels`);
  });
}

test('a transparent still: alpha 0 in the corners, 255 on the membrane', async () => {
  // A threshold above every grid value: the membrane covers its whole outline.
  const s = scene({
    camera: { move: 'top-down' },
    surface: { resolution: 40, threshold: 1e6 },
    post: { vignette: 0 },
  });
  const transparent: Scene = {
    ...s,
    output: { ...s.output, transparent: true } as Scene['output'],
  };
  const pixels = await frameOf(transparent);
  const alpha = (x: number, y: number) => pixels[(y * widthPx + x) * 4 + 3] ?? -1;
  for (const [x, y] of [
    [0, 0],
    [widthPx - 1, 0],
    [0, heightPx - 1],
    [widthPx - 1, heightPx - 1],
  ] as const) {
    assert.equal(alpha(x, y), 0, `corner ${x},${y}`);
  }
  let opaque = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] === 255) opaque++;
  assert.ok(opaque / (widthPx * heightPx) > 0.1, `${opaque} opaque pixels`);
  // Straight alpha: the membrane's colour is not darkened where it is opaque.
  const lit = meanColor(pixels.filter((_, i) => pixels[i - (i % 4) + 3] === 255));
  assert.ok(Math.max(...lit) > 60, `opaque pixels average ${lit.map(Math.round)}`);
});

test('title and HUD draw over the frame', async () => {
  const plain = await frameOf(scene({ output: { width: 320, height: 180 } }));
  const titled = await frameOf(
    scene({
      output: { width: 320, height: 180 },
      overlays: { title: 'ICARUS', hud: true, size: 0.8 },
    }),
  );
  assert.ok(maxDifference(plain, titled) > 60, 'the overlays are missing');
});
