import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generatedDocs } from '../scripts/scene-docs.js';
import { sceneKeyRows } from '../src/scene/scene-docs.js';
import { presetNames } from '../src/scene/presets.js';

test('the checked-in docs are what npm run docs writes', async () => {
  for (const [path, text] of Object.entries(await generatedDocs())) {
    assert.ok(
      readFileSync(path, 'utf8') === text,
      `${path} is stale: run npm run docs`,
    );
  }
});

test('every scene key has a description', () => {
  const rows = sceneKeyRows();
  assert.ok(rows.length > 30, `only ${rows.length} keys`);
  for (const row of rows)
    assert.ok(row.description.length > 3, `${row.key}: no description`);
});

test('the docs name the keys of every section and every preset', () => {
  const doc = readFileSync('docs/scene.md', 'utf8');
  for (const key of [
    'output.width',
    'palette.preset',
    'camera.move',
    'timeline.progress',
  ]) {
    assert.ok(doc.includes(`\`${key}\``), `docs lack ${key}`);
  }
  for (const name of [...presetNames('palette'), ...presetNames('camera')]) {
    assert.ok(doc.includes(`\`${name}\``), `docs lack preset ${name}`);
  }
});
