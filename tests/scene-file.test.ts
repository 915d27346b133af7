import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { loadSceneWithOutput } from '../src/render/prepare-render.js';
import { loadScene } from '../src/scene/load-scene.js';
import { loadPreset } from '../src/scene/presets.js';
import { assertMentions, expectIcarusError } from './support/expect-icarus-error.js';

const presetColours = (name: string) => loadPreset('palette', name, 'test').values;

const dir = mkdtempSync(join(tmpdir(), 'icarus-scene-'));
const folder = join(dir, 'a-folder.mp4');
const posterFolder = join(dir, 'a-folder.png');
mkdirSync(folder);
mkdirSync(posterFolder);
let count = 0;

function sceneFile(yaml: string): string {
  const file = join(dir, `scene-${count++}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

/** Loads `yaml` expecting an IcarusError; returns the file and the message. */
function failure(yaml: string): { file: string; message: string } {
  const file = sceneFile(yaml);
  return {
    file,
    message: expectIcarusError(() => loadScene(file), `the scene loaded:\n${yaml}`),
  };
}

describe('an output path that is a folder is refused by the command that writes it', () => {
  const cases = [
    {
      key: 'output.path',
      yaml: `output:\n  path: ${JSON.stringify(folder)}\n`,
      path: folder,
    },
    {
      key: 'output.poster',
      yaml: `output:\n  poster: ${JSON.stringify(posterFolder)}\n`,
      path: posterFolder,
    },
  ];
  for (const c of cases) {
    test(`render refuses ${c.key} a folder`, () => {
      const file = sceneFile(c.yaml);
      const message = expectIcarusError(() => loadSceneWithOutput(file));
      assertMentions(message, [
        file,
        `key '${c.key}': '${c.path}' is a folder`,
        'fix: ',
      ]);
    });
  }

  test('a still given --out does not look at output.path', () => {
    const file = sceneFile(`output:\n  path: ${JSON.stringify(folder)}\n`);
    assert.equal(loadScene(file).output.path, folder);
  });
});

describe('bad scene files name the key', () => {
  const cases: { name: string; yaml: string; expect: (string | RegExp)[] }[] = [
    {
      name: 'unknown top-level key with a typo',
      yaml: 'palete:\n  preset: ember\n',
      expect: ["unknown key 'palete'", "did you mean 'palette'?"],
    },
    {
      name: 'unknown nested key with a typo',
      yaml: 'output:\n  widht: 640\n',
      expect: ["unknown key 'output.widht'", "did you mean 'width'?"],
    },
    {
      name: 'wrong type',
      yaml: 'output:\n  fps: thirty\n',
      expect: ["key 'output.fps'", 'expected number', '"thirty"'],
    },
    {
      name: 'odd width',
      yaml: 'output:\n  width: 1279\n',
      expect: ["key 'output.width'", 'even', '1279'],
    },
    {
      name: 'odd height',
      yaml: 'output:\n  height: 719\n',
      expect: ["key 'output.height'", 'even', '719'],
    },
    {
      name: 'too short a video',
      yaml: 'output:\n  durationSeconds: 0.5\n',
      expect: ["key 'output.durationSeconds'", '1'],
    },
    {
      name: 'unknown palette preset',
      yaml: 'palette:\n  preset: sunset\n',
      expect: ["key 'palette.preset'", "unknown palette preset 'sunset'", 'ember'],
    },
    {
      name: 'palette preset with a typo',
      yaml: 'palette:\n  preset: embr\n',
      expect: ["key 'palette.preset'", "did you mean 'ember'?"],
    },
    {
      name: 'bad colour',
      yaml: 'palette:\n  curve: cyan\n',
      expect: ["key 'palette.curve'", '"#ffd27a"', '"cyan"'],
    },
    {
      name: 'unknown camera preset',
      yaml: 'camera:\n  preset: spin\n',
      expect: ["key 'camera.preset'", "unknown camera preset 'spin'", 'orbit'],
    },
    {
      name: 'unknown camera move',
      yaml: 'camera:\n  move: spin\n',
      expect: ["key 'camera.move'", 'orbit'],
    },
    {
      name: 'camera move with a typo',
      yaml: 'camera:\n  move: flyovr\n',
      expect: ["key 'camera.move'", '"flyovr"', "did you mean 'flyover'?"],
    },
    {
      name: 'supersampled size over the limit',
      yaml: 'output:\n  width: 7680\n  height: 4320\n  supersample: 2\n',
      expect: ["key 'output.supersample'", '15360'],
    },
    {
      name: 'training window the wrong way round',
      yaml: 'timeline:\n  progress:\n    - { at: 0.8, value: 0 }\n    - { at: 0.2, value: 1 }\n',
      expect: ["key 'timeline.progress[1].at'", 'time order'],
    },
    {
      name: 'poster time after the end',
      yaml: 'output:\n  posterTimeSeconds: 100\n',
      expect: ["key 'output.posterTimeSeconds'", '100', 'from 0', '(12 s)'],
    },
    {
      name: 'video path a still',
      yaml: 'output:\n  path: renders/vid.png\n',
      expect: [
        "key 'output.path'",
        'render writes a video',
        '.mp4',
        '"renders/vid.png"',
      ],
    },
    {
      name: 'poster path not a still',
      yaml: 'output:\n  poster: renders/poster.gif\n',
      expect: ["key 'output.poster'", '.png, .jpg', '"renders/poster.gif"'],
    },
    {
      name: 'YAML syntax error',
      yaml: 'output: [1, 2\n',
      expect: ['not valid YAML'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { file, message } = failure(c.yaml);
      assert.ok(message.includes(file), `message does not name ${file}:\n${message}`);
      assertMentions(message, c.expect);
    });
  }
});

describe('scene defaults and resolution', () => {
  test('an empty scene takes every default', () => {
    const scene = loadScene(sceneFile('{}\n'));
    assert.equal(scene.output.width, 1280);
    assert.equal(scene.output.height, 720);
    assert.equal(scene.output.fps, 30);
    assert.equal(scene.output.durationSeconds, 12);
    assert.equal(scene.output.supersample, 2);
    assert.equal(scene.camera.preset, 'orbit');
    assert.deepEqual(scene.palette, { ...presetColours('ember'), preset: 'ember' });
    assert.equal(scene.camera.move, 'orbit');
  });

  test('relative paths resolve against the current folder', () => {
    const scene = loadScene(
      sceneFile('landscape: a/b.yaml\noutput:\n  path: out/v.mp4\n'),
    );
    assert.equal(scene.landscape, resolve('a/b.yaml'));
    assert.equal(scene.output.path, resolve('out/v.mp4'));
    assert.equal(scene.output.poster, resolve('renders/icarus.png'));
  });

  test('a poster time at the very end is allowed', () => {
    const scene = loadScene(sceneFile('output:\n  posterTimeSeconds: 12\n'));
    assert.equal(scene.output.posterTimeSeconds, 12);
  });

  test('palette overrides replace only the colours they name', () => {
    const scene = loadScene(sceneFile("palette:\n  preset: ice\n  curve: '#123456'\n"));
    assert.equal(scene.palette.curve, '#123456');
    assert.deepEqual(scene.palette.ramp, presetColours('ice').ramp);
    assert.equal(scene.palette.preset, 'ice');
  });

  test('the hero scene loads', () => {
    const scene = loadScene('scenes/icarus.yaml');
    assert.equal(scene.output.width % 2, 0);
    assert.equal(scene.output.height % 2, 0);
    assert.ok(scene.output.durationSeconds >= 10);
  });
});
