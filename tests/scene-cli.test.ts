import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { listPresets } from '../src/scene/presets.js';

/** Runs the icarus command; scene errors come before any training or drawing. */
function icarus(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/icarus.js', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('icarus presets prints every preset with its description', () => {
  const { status, stdout } = icarus('presets');
  assert.equal(status, 0);
  for (const preset of [...listPresets('palette'), ...listPresets('camera')]) {
    assert.match(stdout, new RegExp(`\\n  ${preset.name} +${preset.description}\\n`));
  }
});

describe('bad scene flags fail with a message naming the flag', () => {
  const cases: { name: string; args: string[]; expect: string[] }[] = [
    {
      name: 'unknown palette',
      args: ['still', '--palette', 'embr'],
      expect: ["--palette 'embr'", "did you mean 'ember'?", 'aurora'],
    },
    {
      name: 'unknown camera',
      args: ['render', '--camera', 'orbt'],
      expect: ["--camera 'orbt'", "did you mean 'orbit'?"],
    },
    {
      name: 'unknown --set key',
      args: ['still', '--set', 'surface.heigthScale=1'],
      expect: ["--set 'surface.heigthScale=1'", "did you mean 'heightScale'?"],
    },
    {
      name: '--set out of range',
      args: ['render', '--set', 'output.crf=99'],
      expect: ["--set 'output.crf=99'", "key 'output.crf'", '51', '99'],
    },
    {
      name: '--set twice, then the scene',
      args: [
        'still',
        '--set',
        'output.fps=24',
        '--set',
        'seed=-1',
        'scenes/magma-map.yaml',
      ],
      expect: ["--set 'seed=-1'", "key 'seed'", '-1'],
    },
    {
      name: 'unknown quality',
      args: ['still', '--quality', 'best'],
      expect: ["--quality 'best'", 'draft, preview, final'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { status, stderr } = icarus(
        ...c.args,
        '--out',
        c.args[0] === 'render' ? 'renders/never.mp4' : 'renders/never.png',
      );
      assert.equal(status, 1, stderr);
      for (const part of c.expect) assert.ok(stderr.includes(part), stderr);
    });
  }
});
