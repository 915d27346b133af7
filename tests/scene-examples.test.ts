import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadScene } from '../src/scene/load-scene.js';
import { exampleScenes, scenesDir } from '../src/scene/presets-listing.js';

const examples = exampleScenes(scenesDir);

test('the hero and at least three other example scenes', () => {
  const names = examples.map((e) => e.name);
  assert.ok(names.includes('scenes/icarus.yaml'), names.join(', '));
  assert.ok(names.length >= 4, names.join(', '));
});

for (const example of examples) {
  test(`${example.name} loads and says what it shows`, () => {
    const scene = loadScene(example.name);
    assert.ok(
      example.description.length > 10,
      `${example.name}: no first comment line`,
    );
    assert.ok(scene.output.path.endsWith('.mp4'));
  });
}

test('each example scene has its own look and its own outputs', () => {
  const scenes = examples.map((e) => loadScene(e.name));
  const looks = new Set(scenes.map((s) => `${s.palette.preset}/${s.camera.preset}`));
  assert.equal(looks.size, scenes.length, 'two examples share palette and camera');
  const outputs = new Set(scenes.flatMap((s) => [s.output.path, s.output.poster]));
  assert.equal(outputs.size, 2 * scenes.length, 'two examples write the same file');
});
