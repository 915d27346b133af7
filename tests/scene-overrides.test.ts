import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveScene } from '../src/scene/load-scene.js';
import { parseSet } from '../src/scene/overrides.js';
import { applyQuality } from '../src/scene/quality.js';
import { sceneSchema } from '../src/scene/scene-schema.js';
import { assertMentions, expectIcarusError } from './support/expect-icarus-error.js';

describe('--set values are typed by the schema', () => {
  const cases: { text: string; path: string[]; value: unknown }[] = [
    { text: 'camera.distance=3.5', path: ['camera', 'distance'], value: 3.5 },
    { text: 'output.fps=24', path: ['output', 'fps'], value: 24 },
    { text: 'output.transparent=true', path: ['output', 'transparent'], value: true },
    { text: 'output.transparent=false', path: ['output', 'transparent'], value: false },
    { text: 'output.supersample=3', path: ['output', 'supersample'], value: 3 },
    { text: 'output.supersample=auto', path: ['output', 'supersample'], value: 'auto' },
    { text: 'camera.move=top-down', path: ['camera', 'move'], value: 'top-down' },
    { text: 'palette.curve=#ff5fd2', path: ['palette', 'curve'], value: '#ff5fd2' },
    { text: 'landscape=a=b.yaml', path: ['landscape'], value: 'a=b.yaml' },
    {
      text: 'palette.background=["#000000", "#101020"]',
      path: ['palette', 'background'],
      value: ['#000000', '#101020'],
    },
    {
      text: 'timeline.camera=[{ at: 0, value: 0.2 }, { at: 1, value: 0.8 }]',
      path: ['timeline', 'camera'],
      value: [
        { at: 0, value: 0.2 },
        { at: 1, value: 0.8 },
      ],
    },
  ];
  for (const c of cases) {
    test(c.text, () => {
      const set = parseSet(c.text, sceneSchema);
      assert.deepEqual(set.path, c.path);
      assert.deepEqual(set.value, c.value);
    });
  }

  test('a key checked against another takes the scene value of the other', () => {
    const data = { output: { durationSeconds: 20 } };
    const scene = resolveScene(data, 'test', { set: ['output.posterTimeSeconds=15'] });
    assert.equal(scene.output.posterTimeSeconds, 15);
    const message = expectIcarusError(() =>
      resolveScene(data, 'test.yaml', { set: ['output.posterTimeSeconds=25'] }),
    );
    assert.ok(message.includes("key 'output.posterTimeSeconds'"), message);
  });

  test('the set value reaches the resolved scene', () => {
    const scene = resolveScene({ output: { fps: 30 } }, 'test', {
      set: ['output.fps=24', 'camera.distance=4', 'output.fps=25'],
    });
    assert.equal(scene.output.fps, 25);
    assert.equal(scene.camera.distance, 4);
  });
});

describe('supersample auto keeps the supersampled frame within 2560 x 1440', () => {
  const cases = [
    { width: 1280, height: 720, factor: 2 },
    { width: 1920, height: 1080, factor: 1 },
    { width: 3840, height: 2160, factor: 1 },
    { width: 640, height: 360, factor: 4 },
    { width: 320, height: 180, factor: 4 },
    { width: 1024, height: 1024, factor: 1 },
  ];
  for (const c of cases) {
    test(`${c.width}x${c.height}: ${c.factor}`, () => {
      const scene = resolveScene(
        { output: { width: c.width, height: c.height, supersample: 'auto' } },
        'test',
      );
      assert.equal(scene.output.supersample, c.factor);
    });
  }

  test('a number is kept as written', () => {
    const scene = resolveScene(
      { output: { width: 1920, height: 1080, supersample: 2 } },
      't',
    );
    assert.equal(scene.output.supersample, 2);
  });
});

describe('bad --set values name the flag, the key and the value', () => {
  const cases: { name: string; text: string; expect: string[] }[] = [
    {
      // YAML reads `yes` in a scene file as text; the flag agrees.
      name: 'yes for a boolean',
      text: 'output.transparent=yes',
      expect: ["key 'output.transparent'", 'boolean', 'yes'],
    },
    {
      name: 'a word for supersample',
      text: 'output.supersample=high',
      expect: ["key 'output.supersample'", 'auto', 'high'],
    },
    {
      name: 'unknown key with a suggestion',
      text: 'camera.distanse=3',
      expect: ["unknown key 'camera.distanse'", "did you mean 'distance'?"],
    },
    {
      name: 'unknown section with a suggestion',
      text: 'palete.curve=#ffffff',
      expect: ["unknown key 'palete'", "did you mean 'palette'?"],
    },
    {
      name: 'wrong type',
      text: 'output.fps=fast',
      expect: ["key 'output.fps'", 'expected number', '"fast"'],
    },
    {
      name: 'out of range',
      text: 'camera.fovDegrees=170',
      expect: ["key 'camera.fovDegrees'", '100', '170'],
    },
    {
      name: 'not a boolean',
      text: 'output.transparent=maybe',
      expect: ["key 'output.transparent'", 'boolean', '"maybe"'],
    },
    {
      name: 'keyframe out of range',
      text: 'timeline.flyer=[{ at: 0, value: 0 }, { at: 1.5, value: 1 }]',
      expect: ["key 'timeline.flyer[1].at'", '1.5'],
    },
    {
      name: 'bad colour',
      text: 'palette.halo=orange',
      expect: ["key 'palette.halo'", '#ffd27a', '"orange"'],
    },
    {
      name: 'name with a typo',
      text: 'camera.move=topdown',
      expect: ["key 'camera.move'", '"topdown"', "did you mean 'top-down'?"],
    },
    { name: 'no equals sign', text: 'camera.distance', expect: ['key.path=value'] },
    { name: 'empty key part', text: 'camera..distance=3', expect: ['key.path=value'] },
    {
      name: 'bad YAML list',
      text: 'palette.ramp=[#fff, ',
      expect: ['not a valid YAML list'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const message = expectIcarusError(() => parseSet(c.text, sceneSchema));
      assert.ok(message.startsWith(`--set '${c.text}'`), message);
      assertMentions(message, c.expect);
    });
  }
});

describe('quality is a pure change of the resolved scene', () => {
  const base = resolveScene(
    {
      output: { width: 1280, height: 720, supersample: 2 },
      surface: { resolution: 200 },
    },
    't',
  );

  const cases = [
    {
      quality: 'draft',
      width: 640,
      height: 360,
      supersample: 1,
      encoder: 'veryfast',
      mesh: 100,
    },
    {
      quality: 'preview',
      width: 960,
      height: 540,
      supersample: 1,
      encoder: 'faster',
      mesh: 150,
    },
    {
      quality: 'final',
      width: 1280,
      height: 720,
      supersample: 2,
      encoder: 'medium',
      mesh: 200,
    },
  ] as const;
  for (const c of cases) {
    test(`${c.quality}: ${c.width}x${c.height}, supersample ${c.supersample}`, () => {
      const before = structuredClone(base);
      const scene = applyQuality(base, c.quality);
      assert.equal(scene.output.width, c.width);
      assert.equal(scene.output.height, c.height);
      assert.equal(scene.output.supersample, c.supersample);
      assert.equal(scene.output.encoderPreset, c.encoder);
      assert.equal(scene.surface.resolution, c.mesh);
      assert.deepEqual(base, before, 'the input scene changed');
      assert.deepEqual(applyQuality(base, c.quality), scene);
    });
  }

  test('scaled sizes stay even', () => {
    const odd = resolveScene({ output: { width: 1000, height: 750 } }, 't');
    const scene = applyQuality(odd, 'preview');
    assert.equal(scene.output.width % 2, 0);
    assert.equal(scene.output.height % 2, 0);
    assert.equal(scene.output.height, 562);
  });

  test('the quality option is recorded and applied', () => {
    const scene = resolveScene({}, 't', { quality: 'draft' });
    assert.equal(scene.quality, 'draft');
    assert.equal(scene.output.width, 640);
  });

  test('--transparent sets output.transparent', () => {
    assert.equal(resolveScene({}, 't').output.transparent, false);
    assert.equal(resolveScene({}, 't', { transparent: true }).output.transparent, true);
  });
});

describe('the render size limit applies to the size --quality renders', () => {
  const big = { output: { width: 7680, height: 4320, supersample: 2 } };

  test('over the limit as written', () => {
    const message = expectIcarusError(() => resolveScene(big, 'big.yaml'));
    assertMentions(message, ["big.yaml: key 'output.supersample'", '15360', '8192']);
  });

  test('within it at draft, which halves the size and supersamples once', () => {
    const scene = resolveScene(big, 'big.yaml', { quality: 'draft' });
    assert.equal(scene.output.width, 3840);
    assert.equal(scene.output.supersample, 1);
  });
});
