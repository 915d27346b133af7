import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  ensureLandscape,
  planLandscape,
  trainShard,
  workDir,
} from '../src/landscape/ensure.js';
import { parseShard, shardRows } from '../src/landscape/grid-shard.js';
import { loadBundle } from '../src/landscape/manifest.js';
import { mergeShards } from '../src/landscape/merge-shards.js';
import { readNpy } from '../src/landscape/npy.js';
import { setLogLevel } from '../src/log/logger.js';
import { cifarBatch, labelsFor, writeIdxFolder } from './support/dataset-files.js';
import { tinyLandscape, tinyTrainConfig } from './support/landscape.js';

setLogLevel('warn');

const scratch = (): string => mkdtempSync(join(tmpdir(), 'icarus-runs-'));

/** Every file of two bundles but timings.json holds the same bytes. */
function assertSameBundle(a: string, b: string): void {
  const files = readdirSync(a).filter((f) => f !== 'timings.json');
  assert.deepEqual(
    readdirSync(b)
      .filter((f) => f !== 'timings.json')
      .sort(),
    files.sort(),
  );
  for (const file of files) {
    assert.ok(
      readFileSync(join(a, file)).equals(readFileSync(join(b, file))),
      `${file} differs`,
    );
  }
}

/** A copy of the tiny config with some keys replaced, in a scratch folder. */
function tinyVariant(dir: string, name: string, curve: string): string {
  const text = readFileSync(tinyTrainConfig, 'utf8')
    .replace('name: tiny', `name: ${name}`)
    .replace('curve:\n', `curve:\n${curve}`);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('grid shards', () => {
  test('i/n splits the rows into contiguous parts that cover the grid once', () => {
    const rows = [0, 1, 2].map((i) => shardRows({ index: i, count: 3 }, 9));
    assert.deepEqual(rows, [
      [0, 3],
      [3, 6],
      [6, 9],
    ]);
    assert.deepEqual(shardRows({ index: 3, count: 4 }, 41), [30, 41]);
    for (const bad of ['3/3', '1', '-1/2', 'a/b', '0/0']) {
      assert.throws(() => parseShard(bad), /expected i\/n with 0 <= i < n/, bad);
    }
  });

  test('three shards merged equal a single run byte for byte', async () => {
    const single = await tinyLandscape();
    const dir = scratch();
    const shards = [];
    for (let i = 0; i < 3; i++) {
      shards.push(
        await trainShard(
          tinyTrainConfig,
          { index: i, count: 3 },
          { landscapesDir: dir },
        ),
      );
    }
    // A shard marks the cells it left to others: NaN outside its rows.
    const grid = readNpy(join(shards[1] as string, 'grid.npy'));
    const values = grid.data as Float32Array;
    assert.ok(Number.isNaN(values[0]) && Number.isFinite(values[3 * 9]));
    assert.ok(Number.isNaN(values[6 * 9]));
    await assert.rejects(
      mergeShards([shards[0] as string, shards[2] as string]),
      /3 of 9 grid rows are in no shard \(rows 3, 4, 5\)/,
    );
    const merged = await mergeShards([tinyTrainConfig], { landscapesDir: dir });
    assertSameBundle(single, merged);
  });

  test('shards of another config are refused', async () => {
    const dir = scratch();
    const other = tinyVariant(dir, 'tiny-other', '  seed: 9\n');
    const a = await trainShard(
      tinyTrainConfig,
      { index: 0, count: 2 },
      { landscapesDir: dir },
    );
    const b = await trainShard(other, { index: 1, count: 2 }, { landscapesDir: dir });
    await assert.rejects(mergeShards([a, b]), /from another config/);
  });
});

describe('resuming', () => {
  test('a run with grid rows left to do computes only those, with the same result', async () => {
    const single = await tinyLandscape();
    const dir = scratch();
    const options = { landscapesDir: dir };
    const shard = await trainShard(tinyTrainConfig, { index: 0, count: 2 }, options);
    // The first half of the grid, as an interrupted run would have left it.
    renameSync(shard, workDir(planLandscape(tinyTrainConfig, options)));
    const resumed = await ensureLandscape(tinyTrainConfig, options);
    assertSameBundle(single, resumed);
    const timings = JSON.parse(readFileSync(join(resumed, 'timings.json'), 'utf8')) as {
      endpoints: number;
    };
    assert.ok(timings.endpoints > 0, 'the endpoints time of the first run is kept');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.work')),
      [],
      'the work folder is removed once the bundle is written',
    );
  });
});

describe('curves', () => {
  const cases = [
    { name: 'tiny-polychain', curve: '  type: polychain\n', points: 3 },
    { name: 'tiny-bezier-5', curve: '  controlPoints: 5\n', points: 5 },
  ];
  for (const c of cases) {
    test(`${c.name}: interior points train, the plane is named, paths end at the endpoints`, async () => {
      const dir = scratch();
      const bundle = await ensureLandscape(tinyVariant(dir, c.name, c.curve), {
        landscapesDir: dir,
      });
      const { manifest } = loadBundle(bundle);
      assert.equal(manifest.curve.controlPoints, c.points);
      assert.equal(manifest.plane.through, c.points === 3 ? 'bend' : 'curve-midpoint');
      assert.equal(manifest.plane.points.bends.length, c.points - 2);
      assert.deepEqual(readNpy(join(bundle, 'bends.npy')).shape, [
        c.points - 2,
        manifest.model.parameterCount,
      ]);
      const { curve, segment } = manifest.paths;
      const last = curve.testError.length - 1;
      assert.ok(
        Math.abs((curve.testLoss[0] as number) - (segment.testLoss[0] as number)) <
          1e-4,
      );
      assert.ok(
        Math.abs(
          (curve.testLoss[last] as number) - (segment.testLoss[last] as number),
        ) < 1e-4,
      );
      // The untrained snapshot is the segment: every control point on the x axis.
      for (const p of manifest.snapshots[0]?.bends ?? [])
        assert.ok(Math.abs(p[1]) < 1e-3);
      // The grid holds every control point and the whole curve.
      const { xs, ys } = manifest.plane;
      for (const [x, y] of [...manifest.plane.curve, ...manifest.plane.points.bends]) {
        assert.ok(
          x >= (xs[0] as number) && x <= (xs[xs.length - 1] as number),
          `x ${x}`,
        );
        assert.ok(
          y >= (ys[0] as number) && y <= (ys[ys.length - 1] as number),
          `y ${y}`,
        );
      }
      // The trained curve left the segment.
      assert.ok(manifest.plane.curve.some((p) => Math.abs(p[1]) > 1e-3));
    });
  }
});

describe('paths.csv', () => {
  test('one row per path and t, with the manifest values', async () => {
    const dir = await tinyLandscape();
    const { manifest } = loadBundle(dir);
    const rows = readFileSync(join(dir, 'paths.csv'), 'utf8').trim().split('\n');
    assert.equal(
      rows[0],
      'path,t,train_loss,train_nll,train_error_pct,test_nll,test_error_pct,step_length',
    );
    assert.equal(rows.length, 1 + 2 * manifest.paths.ts.length);
    const segmentMid = rows.find((r) => r.startsWith('segment,0.5,'))?.split(',');
    const mid = manifest.paths.ts.indexOf(0.5);
    assert.equal(Number(segmentMid?.[6]), manifest.paths.segment.testError[mid]);
    const summary = readFileSync(join(dir, 'paths-summary.csv'), 'utf8')
      .trim()
      .split('\n');
    const barrier = summary.find((r) => r.startsWith('segment,testError,'))?.split(',');
    assert.equal(
      Number(barrier?.[6]),
      manifest.paths.summary.segment.testError?.barrier,
    );
  });
});

describe('other datasets and models, end to end on small files', () => {
  const smallJob = (data: string, model: string): string =>
    `${data}${model}endpoints:\n  epochs: 1\n  batchSize: 32\ncurve:\n  epochs: 1\n  batchSize: 32\n` +
    'paths:\n  points: 5\nplane:\n  grid: [4, 4]\nsnapshots:\n  count: 2\n  points: 3\nworkers: 2\n';

  const cases = [
    {
      name: 'cnn-cifar10',
      files: (dir: string): void => {
        writeFileSync(
          join(dir, 'data_batch_1.bin'),
          cifarBatch(labelsFor(Array(10).fill(12)), 0),
        );
        writeFileSync(
          join(dir, 'test_batch.bin'),
          cifarBatch(labelsFor(Array(10).fill(6)), 500),
        );
      },
      data: 'source: cifar10\n  trainCount: 100\n  testCount: 50\n',
      model: 'model:\n  type: cnn\n  channels: [4, 4]\n  dense: 8\n  batchNorm: true\n',
      description: /^CNN 3x3 conv 4-4, dense 8, batch norm/,
    },
    {
      name: 'mlp-fashion',
      files: (dir: string): void => {
        writeIdxFolder(dir, {
          trainSizes: Array(10).fill(12),
          testSizes: Array(10).fill(6),
          gzip: true,
        });
      },
      data: 'source: fashion-mnist\n  trainCount: 100\n  testCount: 50\n',
      model: 'model:\n  hidden: [16]\n',
      description: /^MLP 784-16-10/,
    },
  ];
  for (const c of cases) {
    test(`${c.name}: a bundle from the files the test wrote`, async () => {
      const dir = scratch();
      const folder = join(dir, 'files');
      mkdirSync(folder);
      c.files(folder);
      const config = join(dir, `${c.name}.yaml`);
      writeFileSync(
        config,
        `name: ${c.name}\n` +
          smallJob(`data:\n  folder: ${folder}\n  ${c.data}`, c.model),
      );
      const bundle = await ensureLandscape(config, { landscapesDir: dir });
      const { manifest, grids } = loadBundle(bundle);
      assert.match(manifest.model.description, c.description);
      assert.equal(
        manifest.data.source,
        c.data.split('\n')[0]?.replace('source: ', ''),
      );
      assert.ok(grids.trainLoss.values.every(Number.isFinite));
      assert.equal(manifest.paths.curve.testError.length, 5);
    });
  }
});
