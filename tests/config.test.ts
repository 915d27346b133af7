import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { IcarusError } from '../src/config/errors.js';
import { loadTrainConfig, planeMargins } from '../src/config/train-config.js';
import { nearestKey } from '../src/config/yaml-file.js';
import { checkWorkers } from '../src/landscape/ensure.js';

const dir = mkdtempSync(join(tmpdir(), 'icarus-config-'));

function configFile(name: string, text: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** Asserts that loading fails with an IcarusError whose message matches each pattern. */
function rejects(file: string, ...patterns: RegExp[]): void {
  assert.throws(
    () => loadTrainConfig(file),
    (error: unknown) => {
      assert.ok(error instanceof IcarusError, String(error));
      for (const pattern of patterns) assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('training config errors', () => {
  test('an unknown key names the file, the key and the nearest valid key', () => {
    const file = configFile('typo', 'endpoint:\n  epochs: 3\n');
    rejects(
      file,
      new RegExp(`${file}: unknown key 'endpoint'`),
      /did you mean 'endpoints'/,
    );
  });

  test('a wrong type names the key path and the value found', () => {
    const file = configFile('type', 'curve:\n  epochs: ten\n');
    rejects(file, /key 'curve\.epochs'/, /expected number/, /found "ten"/);
  });

  test('a list item is named by its index', () => {
    const file = configFile('index', 'plane:\n  grid: [2, 41]\n');
    rejects(file, /key 'plane\.grid\[0\]'/, /found 2/);
  });

  test('more digits than the package holds is caught at load time', () => {
    const file = configFile('sum', 'data:\n  trainCount: 9000\n  testCount: 2000\n');
    rejects(file, /key 'data\.trainCount'/, /at most 10000/);
  });

  const cases = [
    {
      name: 'too many control points',
      yaml: 'curve:\n  controlPoints: 12\n',
      expect: [/key 'curve\.controlPoints'/, /found 12/],
    },
    {
      name: 'an unknown curve type',
      yaml: 'curve:\n  type: spline\n',
      expect: [/key 'curve\.type'/, /bezier/, /polychain/],
    },
    {
      name: 'an IDX source without a folder',
      yaml: 'data:\n  source: fashion-mnist\n',
      expect: [/key 'data\.folder'/, /set data\.folder/],
    },
    {
      name: 'a folder for the embedded digits',
      yaml: 'data:\n  folder: here\n',
      expect: [/key 'data\.folder'/, /remove data\.folder/],
    },
    {
      name: 'more CIFAR-10 training images than exist',
      yaml: 'data:\n  source: cifar10\n  folder: x\n  trainCount: 55000\n',
      expect: [/key 'data\.trainCount'/, /50000/],
    },
    {
      name: 'a margin side misspelt',
      yaml: 'plane:\n  margin: { left: 0.1, rigth: 0.3 }\n',
      expect: [/plane\.margin/],
    },
  ];
  for (const c of cases) {
    test(`${c.name} is refused`, () =>
      rejects(configFile(c.name.replace(/ /g, '-'), c.yaml), ...c.expect));
  }

  test('margins per side and the curve shape are read as written', () => {
    const config = loadTrainConfig(
      configFile(
        'sides',
        'curve:\n  type: polychain\n  controlPoints: 5\nplane:\n  margin: { left: 0.1, top: 0.5 }\n',
      ),
    );
    assert.deepEqual(planeMargins(config.plane), {
      left: 0.1,
      right: 0.2,
      bottom: 0.2,
      top: 0.5,
    });
    assert.equal(config.curve.type, 'polychain');
    assert.equal(config.curve.controlPoints, 5);
    assert.deepEqual(planeMargins(loadTrainConfig(configFile('plain', '{}\n')).plane), {
      left: 0.2,
      right: 0.2,
      bottom: 0.2,
      top: 0.2,
    });
  });

  test('invalid YAML names the line and column', () => {
    const file = configFile('yaml', 'a: [1\nb: 2\n');
    rejects(file, new RegExp(`${file}:\\d+:\\d+: not valid YAML`));
  });

  test('defaults fill every section', () => {
    const config = loadTrainConfig(configFile('empty', '{}\n'));
    assert.equal(config.name, 'empty');
    assert.deepEqual(config.plane.grid, [41, 41]);
    assert.equal(config.curve.epochs, 10);
    assert.deepEqual(config.endpoints.seeds, [1, 2]);
  });
});

describe('nearest key', () => {
  const cases: [string, string[], string | undefined][] = [
    ['elevation', ['preset', 'distance', 'elevationDegrees'], 'elevationDegrees'],
    ['endpoint', ['endpoints', 'curve'], 'endpoints'],
    ['pallete', ['palette', 'camera'], 'palette'],
    ['foo', ['seed', 'output', 'palette'], undefined],
  ];
  for (const [key, known, expected] of cases) {
    test(`${key} -> ${expected ?? 'none'}`, () =>
      assert.equal(nearestKey(key, known), expected));
  }
});

describe('--workers', () => {
  for (const bad of [0, -2, 1.5, 1000]) {
    test(`${bad} is refused`, () =>
      assert.throws(() => checkWorkers(bad), /--workers/));
  }
  test('2 is fine', () => checkWorkers(2));
});
