/**
 * The method on the default config and real digits: the trained curve stays as good
 * as the endpoints while the straight segment between them crosses a barrier.
 * Trains the full default job (about a minute on 2 cores).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureLandscape } from '../src/landscape/ensure.js';
import { loadBundle } from '../src/landscape/manifest.js';
import { setLogLevel } from '../src/log/logger.js';

test('default config: the curve is flat in test error, the segment is not', async () => {
  setLogLevel('warn');
  const dir = await ensureLandscape(join('config', 'train', 'mnist-mlp.yaml'), {
    landscapesDir: mkdtempSync(join(tmpdir(), 'icarus-default-')),
  });
  const { manifest } = loadBundle(dir);
  assert.deepEqual(manifest.plane.gridShape, [41, 41]);
  assert.ok(manifest.snapshots.length >= 12);
  const worse = Math.max(...manifest.endpoints.map((e) => e.test.error));
  const curveMax = Math.max(...manifest.paths.curve.testError);
  const segmentMax = Math.max(...manifest.paths.segment.testError);
  assert.ok(worse < 10, `endpoints did not train: worse test error ${worse}%`);
  assert.ok(
    curveMax <= worse + 1.5,
    `curve peaks at ${curveMax}%, worse endpoint ${worse}%`,
  );
  assert.ok(
    segmentMax >= worse + 5,
    `segment peaks at ${segmentMax}%, worse endpoint ${worse}%`,
  );
});
