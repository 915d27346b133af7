import assert from 'node:assert/strict';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ensureLandscape } from '../src/landscape/ensure.js';
import { loadBundle } from '../src/landscape/manifest.js';
import { readNpy } from '../src/landscape/npy.js';
import { setLogLevel } from '../src/log/logger.js';
import { tinyLandscape, tinyTrainConfig } from './support/landscape.js';

setLogLevel('warn');

describe('a tiny real-data run', () => {
  test('writes a valid bundle', async () => {
    const dir = await tinyLandscape();
    const { manifest, grids } = loadBundle(dir);
    assert.equal(manifest.data.trainCount, 600);
    assert.equal(manifest.data.testCount, 300);
    assert.deepEqual(manifest.plane.gridShape, [9, 9]);
    assert.equal(manifest.endpoints.length, 2);
    assert.equal(manifest.paths.ts.length, 11);
    for (const path of [manifest.paths.curve, manifest.paths.segment]) {
      for (const series of [
        path.trainLoss,
        path.testError,
        path.trainError,
        path.testLoss,
      ]) {
        assert.equal(series.length, 11);
        assert.ok(series.every(Number.isFinite));
      }
    }
    // The curve starts and ends at the endpoints: the same metrics as the segment.
    const { curve, segment } = manifest.paths;
    assert.ok(
      Math.abs((curve.testError[0] as number) - (segment.testError[0] as number)) <
        1e-6,
    );
    assert.ok(
      Math.abs((curve.trainLoss[10] as number) - (segment.trainLoss[10] as number)) <
        1e-4,
    );
    assert.deepEqual(manifest.plane.points.w1, [0, 0]);
    assert.deepEqual(manifest.plane.points.w2, [manifest.plane.dx, 0]);
    assert.ok(manifest.plane.points.bend[1] > 0);
    assert.equal(manifest.snapshots.length, 4);
    assert.equal(manifest.snapshots[0]?.step, 0);
    // The first snapshot is the untrained curve: the segment, on the plane's x axis.
    assert.ok(Math.abs(manifest.snapshots[0]?.bend[1] ?? NaN) < 1e-3);
    assert.ok(
      manifest.snapshots.every((s) => s.testError.length === 7 && s.curve.length === 7),
    );
    const timings = JSON.parse(
      readFileSync(join(dir, 'timings.json'), 'utf8'),
    ) as Record<string, number>;
    for (const stage of ['endpoints', 'curve', 'paths', 'snapshots', 'grid', 'total']) {
      assert.ok((timings[stage] ?? -1) >= 0, `timing ${stage}`);
    }
    assert.match(manifest.backend, /^(wasm|tensorflow)$/);
    for (const grid of Object.values(grids)) {
      assert.deepEqual(grid.shape, [9, 9]);
      assert.ok(grid.values.every(Number.isFinite));
    }
    // The manifest's ranges describe the arrays on disk.
    const values = Array.from(grids.trainLoss.values);
    assert.equal(manifest.plane.ranges.trainLoss.min, Math.min(...values));
    assert.equal(manifest.plane.ranges.trainLoss.max, Math.max(...values));
    const coords = readNpy(join(dir, 'plane-grid.npy'));
    assert.deepEqual(coords.shape, [9, 9, 2]);
  });

  test('the same config gives the same bundle, and a second run reuses it', async () => {
    const first = await tinyLandscape();
    const fresh = mkdtempSync(join(tmpdir(), 'icarus-bundle-'));
    const second = await ensureLandscape(tinyTrainConfig, {
      landscapesDir: fresh,
      workers: 1,
    });
    const files = readdirSync(first).filter((f) => f !== 'timings.json');
    assert.ok(files.includes('manifest.json') && files.includes('paths.csv'));
    for (const file of files) {
      assert.ok(
        readFileSync(join(first, file)).equals(readFileSync(join(second, file))),
        `${file} differs between two runs of the same config`,
      );
    }
    const written = statSync(join(second, 'manifest.json')).mtimeMs;
    const again = await ensureLandscape(tinyTrainConfig, { landscapesDir: fresh });
    assert.equal(again, second);
    assert.equal(statSync(join(again, 'manifest.json')).mtimeMs, written);
    assert.deepEqual(
      readdirSync(fresh).filter((f) => f.includes('partial') || f.endsWith('.work')),
      [],
      'a temporary or work folder was left behind',
    );
  });
});

describe('a damaged bundle', () => {
  const damaged = async (damage: (dir: string) => void): Promise<string> => {
    const dir = join(mkdtempSync(join(tmpdir(), 'icarus-damaged-')), 'bundle');
    cpSync(await tinyLandscape(), dir, { recursive: true });
    damage(dir);
    return dir;
  };

  test('a truncated grid names the file and the fix', async () => {
    const dir = await damaged((d) =>
      truncateSync(join(d, 'plane-train-loss.npy'), 200),
    );
    assert.throws(
      () => loadBundle(dir),
      /plane-train-loss\.npy: shape \(9, 9\) needs 324 bytes.*\n.*--force/,
    );
  });

  test('a grid cut inside its header says so', async () => {
    const dir = await damaged((d) => truncateSync(join(d, 'plane-test-error.npy'), 60));
    assert.throws(
      () => loadBundle(dir),
      /plane-test-error\.npy: the \.npy header is cut short/,
    );
  });

  test("a bundle's manifest named as the landscape points to its folder", async () => {
    const dir = await tinyLandscape();
    await assert.rejects(
      ensureLandscape(join(dir, 'manifest.json')),
      /this is a bundle's manifest, not a training config\n.*name the bundle folder/,
    );
  });

  test('a corrupt manifest names the file', async () => {
    const dir = await damaged((d) => writeFileSync(join(d, 'manifest.json'), '{bad'));
    assert.throws(() => loadBundle(dir), /manifest\.json: not valid JSON/);
  });
});
