import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { resolveScene } from '../src/scene/load-scene.js';
import {
  listPresets,
  loadPreset,
  presetNames,
  readPresetFile,
  type PresetKind,
} from '../src/scene/presets.js';
import { presetsListing } from '../src/scene/presets-listing.js';
import { cameraSection } from '../src/scene/scene-schema.js';
import { assertMentions, expectIcarusError } from './support/expect-icarus-error.js';

const dir = mkdtempSync(join(tmpdir(), 'icarus-presets-'));

describe('the shipped presets', () => {
  test('at least 6 palettes', () => {
    assert.ok(presetNames('palette').length >= 6, presetNames('palette').join(', '));
  });

  test('the camera moves the issue asks for', () => {
    for (const name of [
      'orbit',
      'flyover',
      'push-in',
      'top-down',
      'follow',
      'rise',
      'still',
    ]) {
      assert.ok(presetNames('camera').includes(name), `no camera preset ${name}`);
    }
  });

  for (const kind of ['palette', 'camera'] as PresetKind[]) {
    test(`every ${kind} preset is valid with a one-line description`, () => {
      for (const preset of listPresets(kind)) {
        assert.ok(preset.description.length > 10, `${preset.file}: short description`);
        assert.ok(!preset.description.includes('\n'), `${preset.file}: several lines`);
      }
    });
  }

  test('each camera preset names its own move', () => {
    for (const preset of listPresets('camera')) {
      assert.equal(preset.values.move, preset.name, preset.file);
    }
  });

  test('icarus presets lists every preset with its description, aligned', () => {
    const text = presetsListing();
    const columns = new Set<number>();
    for (const kind of ['palette', 'camera'] as PresetKind[]) {
      for (const preset of listPresets(kind)) {
        const line = text
          .split('\n')
          .find((l) => l.trim().startsWith(`${preset.name} `));
        assert.ok(line, `no line for ${preset.name}`);
        assert.ok(line.endsWith(preset.description), line);
        columns.add(line.indexOf(preset.description));
      }
    }
    assert.equal(columns.size, 1, 'descriptions start in different columns');
    assert.match(text, /scenes\/icarus\.yaml/);
  });
});

describe('bad preset files name the file and the key', () => {
  const ember = loadPreset('palette', 'ember', 'test');
  const emberYaml = Object.entries(ember.values)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n');
  const cases: { name: string; kind: PresetKind; yaml: string; expect: string[] }[] = [
    {
      name: 'palette with an unknown key',
      kind: 'palette',
      yaml: `description: test\n${emberYaml}\ncurev: '#ffffff'\n`,
      expect: ["unknown key 'curev'", "did you mean 'curve'?"],
    },
    {
      name: 'palette with a bad colour',
      kind: 'palette',
      yaml: `description: test\n${emberYaml.replace(/^halo: .*$/m, 'halo: orange')}\n`,
      expect: ["key 'halo'", '"orange"', '#ffd27a'],
    },
    {
      name: 'palette missing a colour',
      kind: 'palette',
      yaml: `description: test\n${emberYaml.replace(/^rim: .*$/m, '')}\n`,
      expect: ["key 'rim'", 'found nothing'],
    },
    {
      name: 'palette without a description',
      kind: 'palette',
      yaml: `${emberYaml}\n`,
      expect: ["key 'description'"],
    },
    {
      name: 'camera with an unknown move',
      kind: 'camera',
      yaml: 'description: test\nmove: spiral\n',
      expect: ["key 'move'", '"spiral"', 'orbit'],
    },
    {
      name: 'camera with a typo',
      kind: 'camera',
      yaml: 'description: test\ndistanse: 3\n',
      expect: ["unknown key 'distanse'", "did you mean 'distance'?"],
    },
    {
      name: 'camera out of range',
      kind: 'camera',
      yaml: 'description: test\nfovDegrees: 170\n',
      expect: ["key 'fovDegrees'", '170', '100'],
    },
  ];
  for (const [i, c] of cases.entries()) {
    test(c.name, () => {
      const file = join(dir, `preset-${i}.yaml`);
      writeFileSync(file, c.yaml);
      const message = expectIcarusError(() => readPresetFile(c.kind, file));
      assert.ok(message.includes(file), `message does not name ${file}:\n${message}`);
      assertMentions(message, c.expect);
    });
  }

  test('an unknown preset name lists the known ones and suggests the nearest', () => {
    const message = expectIcarusError(() => loadPreset('camera', 'flyovr', '--camera'));
    assert.match(message, /^--camera: unknown camera preset 'flyovr'/);
    assert.ok(message.includes("did you mean 'flyover'?"), message);
    for (const name of presetNames('camera'))
      assert.ok(message.includes(name), message);
  });
});

describe('presets resolve between the schema defaults and the scene', () => {
  const colours = (name: string) => loadPreset('palette', name, 'test').values;

  test('a palette preset gives every colour', () => {
    const scene = resolveScene({ palette: { preset: 'magma' } }, 'test');
    assert.deepEqual(scene.palette, { ...colours('magma'), preset: 'magma' });
  });

  test('scene colours override the preset; --palette swaps the preset only', () => {
    const data = { palette: { preset: 'ice', curve: '#123456' } };
    const scene = resolveScene(data, 'test', { palette: 'aurora' });
    assert.equal(scene.palette.preset, 'aurora');
    assert.equal(scene.palette.curve, '#123456');
    assert.deepEqual(scene.palette.ramp, colours('aurora').ramp);
  });

  test('--set beats the scene and --palette', () => {
    const data = { palette: { preset: 'ice', curve: '#123456' } };
    const scene = resolveScene(data, 'test', {
      palette: 'aurora',
      set: ['palette.curve=#abcdef', 'palette.preset=noir'],
    });
    assert.equal(scene.palette.curve, '#abcdef');
    assert.equal(scene.palette.preset, 'noir');
    assert.deepEqual(scene.palette.ramp, colours('noir').ramp);
  });

  test('camera keys a preset omits take the schema defaults', () => {
    const preset = loadPreset('camera', 'top-down', 'test');
    const defaults: Record<string, unknown> = cameraSection.parse({});
    const scene = resolveScene({ camera: { preset: 'top-down' } }, 'test');
    const camera: Record<string, unknown> = scene.camera;
    const omitted = Object.keys(defaults).filter((k) => !(k in preset.values));
    assert.ok(omitted.length > 2 && 'distance' in preset.values);
    assert.equal(scene.camera.distance, preset.values.distance);
    for (const key of omitted.filter((k) => k !== 'preset')) {
      assert.deepEqual(camera[key], defaults[key], key);
    }
  });

  test('scene camera keys override the preset; --camera swaps the preset', () => {
    const scene = resolveScene({ camera: { preset: 'orbit', distance: 5 } }, 'test', {
      camera: 'follow',
    });
    assert.equal(scene.camera.preset, 'follow');
    assert.equal(scene.camera.move, 'follow');
    assert.equal(scene.camera.distance, 5);
  });

  test('an unknown preset from a flag names the flag', () => {
    const message = expectIcarusError(() =>
      resolveScene({}, 'test.yaml', { palette: 'sunset' }),
    );
    assert.match(message, /^--palette 'sunset': unknown palette preset 'sunset'/);
  });

  test('an unknown preset from --set names the flag', () => {
    const message = expectIcarusError(() =>
      resolveScene({}, 'test.yaml', { set: ['camera.preset=spin'] }),
    );
    assert.match(message, /^--set 'camera.preset=spin': unknown camera preset 'spin'/);
  });
});
