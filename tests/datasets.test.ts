import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type DataConfig, type DataSource } from '../src/config/data-config.js';
import { IcarusError } from '../src/config/errors.js';
import { apportion } from '../src/data/apportion.js';
import { classNames } from '../src/data/class-names.js';
import { type Dataset, type Split, loadDataset } from '../src/data/dataset.js';
import { loadDigits } from '../src/data/mnist.js';
import {
  cifarBatch,
  cifarId,
  cifarValue,
  classCounts,
  idxBytes,
  idxId,
  idxImages,
  idxPixel,
  labelsFor,
  tempFolder,
  testIdBase,
  writeIdxFolder,
} from './support/dataset-files.js';

const temp = tempFolder('datasets');
after(temp.remove);

/** Class sizes whose halves are whole, so a stratified half is known exactly. */
const trainSizes = [40, 20, 20, 20, 20, 20, 20, 20, 20, 20];
const testSizes = [20, 10, 10, 10, 10, 10, 10, 10, 10, 10];
const half = (sizes: number[]): number[] => sizes.map((s) => s / 2);

function folder(name: string): string {
  const dir = join(temp.dir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function config(source: DataSource, dir: string, overrides: Partial<DataConfig> = {}) {
  return {
    source,
    folder: dir,
    trainCount: 110,
    testCount: 55,
    splitSeed: 0,
    ...overrides,
  };
}

/** Row `row` of a split's images. */
function image(split: Split, row: number, size: number): Float32Array {
  return split.images.subarray(row * size, (row + 1) * size);
}

/** Asserts loading throws an IcarusError whose message matches every pattern. */
function rejects(load: () => unknown, ...patterns: RegExp[]): void {
  assert.throws(load, (error: unknown) => {
    assert.ok(error instanceof IcarusError, String(error));
    for (const pattern of patterns) assert.match(error.message, pattern);
    assert.match(error.message, /fix: /);
    return true;
  });
}

const escape = (text: string): RegExp =>
  new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('apportion', () => {
  for (const [sizes, count, expected] of [
    [[40, 20, 20], 40, [20, 10, 10]],
    [[3, 3, 3], 2, [1, 1, 0]],
    [[5, 1], 3, [3, 0]],
    [[1, 1, 8], 5, [1, 0, 4]],
    [[7, 0, 3], 10, [7, 0, 3]],
  ] as const) {
    test(`sizes ${sizes.join(',')} count ${count}`, () => {
      assert.deepEqual(apportion(sizes, count), expected);
    });
  }
});

describe('MNIST-format IDX files', () => {
  let plain: Dataset;
  let labels: { train: Uint8Array; test: Uint8Array };
  before(() => {
    const dir = folder('idx-plain');
    labels = writeIdxFolder(dir, { trainSizes, testSizes });
    plain = loadDataset(config('mnist', dir));
  });

  test('pixels land at their [h, w, c] positions, scaled to [0, 1]', () => {
    assert.deepEqual(plain.shape, [28, 28, 1]);
    for (const [name, split] of [
      ['train', plain.train],
      ['test', plain.test],
    ] as const) {
      for (let row = 0; row < split.count; row++) {
        const pixels = image(split, row, 784);
        const id = idxId(pixels);
        for (let p = 0; p < 784; p++) {
          const want = idxPixel(id, p) / 255;
          assert.ok(Math.abs((pixels[p] ?? -1) - want) < 1e-7, `${name} ${row} ${p}`);
        }
      }
    }
  });

  test('labels are those of the examples drawn, train from train, test from t10k', () => {
    for (let row = 0; row < plain.train.count; row++) {
      const id = idxId(image(plain.train, row, 784));
      assert.ok(id < testIdBase);
      assert.equal(plain.train.labels[row], labels.train[id]);
    }
    for (let row = 0; row < plain.test.count; row++) {
      const id = idxId(image(plain.test, row, 784)) - testIdBase;
      assert.ok(id >= 0 && id < labels.test.length);
      assert.equal(plain.test.labels[row], labels.test[id]);
    }
  });

  test('each split is stratified by class and has no example twice', () => {
    assert.equal(plain.train.count, 110);
    assert.equal(plain.test.count, 55);
    assert.deepEqual(classCounts(plain.train.labels), half(trainSizes));
    assert.deepEqual(classCounts(plain.test.labels), half(testSizes));
    const ids = new Set(
      Array.from({ length: plain.train.count }, (_, r) =>
        idxId(image(plain.train, r, 784)),
      ),
    );
    assert.equal(ids.size, plain.train.count);
  });

  test('the split is shuffled, not grouped by class', () => {
    const drawn = Array.from(plain.train.labels);
    assert.notDeepEqual(
      drawn,
      drawn.slice().sort((a, b) => a - b),
    );
  });

  for (const [name, options] of [
    ['gzipped with .gz names', { gzip: true }],
    ['gzipped under the plain names', { gzip: true, suffix: '' }],
    ['dotted names', { dotted: true }],
    ['dotted gzipped names', { dotted: true, gzip: true }],
  ] as const) {
    test(`${name} give the same split as the plain files`, () => {
      const dir = folder(`idx-${name.replace(/\W+/g, '-')}`);
      writeIdxFolder(dir, { trainSizes, testSizes, ...options });
      const again = loadDataset(config('fashion-mnist', dir));
      assert.deepEqual(again.train, plain.train);
      assert.deepEqual(again.test, plain.test);
    });
  }

  test('the same seed gives the same split, another seed a different one', () => {
    const dir = folder('idx-plain');
    const same = loadDataset(config('mnist', dir));
    const other = loadDataset(config('mnist', dir, { splitSeed: 1 }));
    assert.deepEqual(same.train, plain.train);
    assert.deepEqual(same.test, plain.test);
    assert.notDeepEqual(other.train.images, plain.train.images);
    assert.notDeepEqual(other.test.images, plain.test.images);
    assert.deepEqual(classCounts(other.train.labels), half(trainSizes));
  });

  test('the whole file can be drawn', () => {
    const dir = folder('idx-plain');
    const all = loadDataset(config('mnist', dir, { trainCount: 220, testCount: 110 }));
    assert.deepEqual(classCounts(all.train.labels), trainSizes);
    assert.deepEqual(classCounts(all.test.labels), testSizes);
  });
});

describe('CIFAR-10 binary batches', () => {
  const batchLabels = [0, 1, 2].map((b) => labelsFor(trainSizes.map((s) => s / 2 + b)));
  const testLabels = labelsFor(testSizes);
  const batchIds = [0, 1000, 2000];

  function writeBatches(dir: string, count: number): void {
    for (let b = 0; b < count; b++) {
      const bytes = cifarBatch(batchLabels[b] as Uint8Array, batchIds[b] ?? 0);
      writeFileSync(join(dir, `data_batch_${b + 1}.bin`), bytes);
    }
    writeFileSync(join(dir, 'test_batch.bin'), cifarBatch(testLabels, testIdBase));
  }

  let cifar: Dataset;
  before(() => {
    const dir = folder('cifar');
    writeBatches(dir, 3);
    cifar = loadDataset(config('cifar10', dir));
  });

  /** The label a CIFAR example was written with. */
  function labelOf(id: number): number | undefined {
    if (id >= testIdBase) return testLabels[id - testIdBase];
    const b = Math.floor(id / 1000);
    return batchLabels[b]?.[id - (batchIds[b] ?? 0)];
  }

  test('planar records become channels last, scaled to [0, 1]', () => {
    assert.deepEqual(cifar.shape, [32, 32, 3]);
    for (const split of [cifar.train, cifar.test]) {
      for (let row = 0; row < split.count; row++) {
        const pixels = image(split, row, 3072);
        const id = cifarId(pixels);
        assert.equal(split.labels[row], labelOf(id));
        for (let y = 0; y < 32; y++) {
          for (let x = 0; x < 32; x++) {
            for (let c = 0; c < 3; c++) {
              const got = pixels[(y * 32 + x) * 3 + c] ?? -1;
              const want = cifarValue(id, c, y * 32 + x) / 255;
              assert.ok(Math.abs(got - want) < 1e-7, `row ${row} y ${y} x ${x} c ${c}`);
            }
          }
        }
      }
    }
  });

  test('fewer than five batches: the split draws from every batch present', () => {
    const batches = new Set(
      Array.from({ length: cifar.train.count }, (_, r) =>
        Math.floor(cifarId(image(cifar.train, r, 3072)) / 1000),
      ),
    );
    assert.deepEqual([...batches].sort(), [0, 1, 2]);
    for (let row = 0; row < cifar.test.count; row++) {
      assert.ok(cifarId(image(cifar.test, row, 3072)) >= testIdBase, `test row ${row}`);
    }
  });

  test('each split is stratified by class over the batches together', () => {
    // Class 0 has 20 + 21 + 22 = 63 of the 360 examples, the others 33: 110 of them
    // apportion to 19.25 and 10.08 each, and the one left over goes to class 0.
    assert.deepEqual(
      classCounts(cifar.train.labels),
      [20, 10, 10, 10, 10, 10, 10, 10, 10, 10],
    );
    assert.deepEqual(classCounts(cifar.test.labels), half(testSizes));
  });

  test('batches inside cifar-10-batches-bin are found', () => {
    const dir = folder('cifar-parent');
    writeBatches(folder('cifar-parent/cifar-10-batches-bin'), 3);
    const nested = loadDataset(config('cifar10', dir));
    assert.deepEqual(nested.train, cifar.train);
    assert.deepEqual(nested.test, cifar.test);
  });

  test('another seed gives another split', () => {
    const other = loadDataset(config('cifar10', folder('cifar'), { splitSeed: 3 }));
    assert.notDeepEqual(other.train.images, cifar.train.images);
  });
});

describe('the embedded mnist package', () => {
  const options = { trainCount: 8000, testCount: 2000, splitSeed: 0 };

  test('loadDataset gives what loadDigits gives', () => {
    const dataset = loadDataset({ source: 'mnist-package', ...options });
    const digits = loadDigits(options);
    assert.deepEqual(dataset.shape, [28, 28, 1]);
    assert.deepEqual(dataset.train, digits.train);
    assert.deepEqual(dataset.test, digits.test);
  });

  test('the default split is byte for byte the one before the file sources', () => {
    // Recorded from the split code before apportion and the stratified draw moved to
    // their own files (commit 8884c97); the default bundle depends on these bytes.
    const digits = loadDigits(options);
    const hash = createHash('sha256');
    for (const split of [digits.train, digits.test]) {
      hash.update(new Uint8Array(split.images.buffer));
      hash.update(new Uint8Array(split.labels.buffer));
    }
    assert.equal(
      hash.digest('hex'),
      '5244ad3c54cfd166d5d465271ab47bdde7974da90841871923a4af5b8cd56221',
    );
  });
});

describe('class names', () => {
  for (const source of [
    'mnist-package',
    'mnist',
    'fashion-mnist',
    'cifar10',
  ] as const) {
    test(`${source} names ten distinct classes`, () => {
      assert.equal(new Set(classNames[source]).size, 10);
    });
  }
  test('labels map to the published names', () => {
    assert.equal(classNames.mnist[7], '7');
    assert.equal(classNames['fashion-mnist'][9], 'Ankle boot');
    assert.equal(classNames.cifar10[3], 'cat');
  });
});

describe('dataset file errors', () => {
  const trainImages = 'train-images-idx3-ubyte';
  const trainLabels = 'train-labels-idx1-ubyte';
  const images = (dims: number[]): Buffer =>
    idxBytes(0x803, dims, idxImages(dims[0] ?? 0, 0, (dims[1] ?? 0) * (dims[2] ?? 0)));
  const cut = (file: string, bytes: number): void =>
    writeFileSync(file, readFileSync(file).subarray(0, -bytes));

  interface ErrorCase {
    name: string;
    source: DataSource;
    /** Makes a valid folder invalid. */
    spoil: (dir: string) => void;
    overrides?: Partial<DataConfig>;
    /** The file the message must name, relative to the folder. */
    file: string;
    problem: RegExp[];
  }

  const cases: ErrorCase[] = [
    {
      name: 'a missing images file',
      source: 'mnist',
      spoil: (dir) => rmSync(join(dir, trainImages)),
      file: '',
      problem: [
        /none of train-images-idx3-ubyte, train-images-idx3-ubyte\.gz, train-images\.idx3-ubyte, train-images\.idx3-ubyte\.gz is there/,
        /the folder holds t10k-images-idx3-ubyte, .*train-labels-idx1-ubyte/,
      ],
    },
    {
      name: 'a missing t10k labels file',
      source: 'fashion-mnist',
      spoil: (dir) => rmSync(join(dir, 't10k-labels-idx1-ubyte')),
      file: '',
      problem: [/none of t10k-labels-idx1-ubyte, /],
    },
    {
      name: 'a labels file under the images name',
      source: 'mnist',
      spoil: (dir) =>
        writeFileSync(join(dir, trainImages), readFileSync(join(dir, trainLabels))),
      file: trainImages,
      problem: [/magic 0x00000801 \(an IDX labels file\), expected 0x00000803/],
    },
    {
      name: 'a file of three bytes',
      source: 'mnist',
      spoil: (dir) => writeFileSync(join(dir, trainLabels), Buffer.from([0, 0, 8])),
      file: trainLabels,
      problem: [/not an IDX labels file: only 3 bytes/],
    },
    {
      name: 'a truncated images file',
      source: 'mnist',
      spoil: (dir) => cut(join(dir, trainImages), 100),
      file: trainImages,
      problem: [
        /truncated: the header \[220, 28, 28\] makes 172496 bytes, the file holds 172396/,
      ],
    },
    {
      name: 'a file longer than its header',
      source: 'mnist',
      spoil: (dir) =>
        writeFileSync(
          join(dir, trainLabels),
          Buffer.concat([readFileSync(join(dir, trainLabels)), Buffer.from([1])]),
        ),
      file: trainLabels,
      problem: [
        /longer than its header says: the header \[220\] makes 228 bytes, the file holds 229/,
      ],
    },
    {
      name: 'labels and images disagreeing in count',
      source: 'mnist',
      spoil: (dir) =>
        writeFileSync(join(dir, trainLabels), idxBytes(0x801, [219], labelsFor([219]))),
      file: trainLabels,
      problem: [/219 labels, but .*train-images-idx3-ubyte holds 220 images/],
    },
    {
      name: 'images of 27 x 28',
      source: 'mnist',
      spoil: (dir) => writeFileSync(join(dir, trainImages), images([220, 27, 28])),
      file: trainImages,
      problem: [/images are 27 x 28, expected 28 x 28/],
    },
    {
      name: 'a label of 10',
      source: 'mnist',
      spoil: (dir) => {
        const labels = labelsFor(trainSizes);
        labels[5] = 10;
        writeFileSync(join(dir, trainLabels), idxBytes(0x801, [220], labels));
      },
      file: trainLabels,
      problem: [/label 10 at example 5 is out of range 0\.\.9/],
    },
    {
      name: 'gzip data that does not inflate',
      source: 'mnist',
      spoil: (dir) => {
        const bytes = gzipSync(readFileSync(join(dir, trainImages)));
        rmSync(join(dir, trainImages));
        writeFileSync(join(dir, `${trainImages}.gz`), bytes.subarray(0, 200));
      },
      file: `${trainImages}.gz`,
      problem: [/gzip data that does not inflate/],
    },
    {
      name: 'more examples asked for than the file holds',
      source: 'mnist',
      spoil: () => undefined,
      overrides: { trainCount: 221 },
      file: trainImages,
      problem: [/data\.trainCount 221: .* holds only 220 examples/],
    },
    {
      name: 'a class with no examples',
      source: 'mnist',
      spoil: (dir) => {
        const labels = labelsFor([40, 20, 20, 20, 20, 20, 20, 20, 40, 0]);
        writeFileSync(join(dir, trainLabels), idxBytes(0x801, [220], labels));
      },
      file: trainImages,
      problem: [
        /no example of class 9 among its 220; the stratified split needs every class/,
      ],
    },
    {
      name: 'a CIFAR batch of 3072-byte records',
      source: 'cifar10',
      spoil: (dir) => cut(join(dir, 'data_batch_1.bin'), 1),
      file: 'data_batch_1.bin',
      problem: [/676059 bytes, not a whole number of 3073-byte CIFAR-10 records/],
    },
    {
      name: 'an empty CIFAR batch',
      source: 'cifar10',
      spoil: (dir) => writeFileSync(join(dir, 'test_batch.bin'), ''),
      file: 'test_batch.bin',
      problem: [/0 bytes, not a whole number of 3073-byte/],
    },
    {
      name: 'a CIFAR label of 12',
      source: 'cifar10',
      spoil: (dir) => {
        const batch = cifarBatch(labelsFor(testSizes), testIdBase);
        batch[3 * 3073] = 12;
        writeFileSync(join(dir, 'test_batch.bin'), batch);
      },
      file: 'test_batch.bin',
      problem: [/label 12 of record 3 is out of range 0\.\.9/],
    },
    {
      name: 'no CIFAR training batch',
      source: 'cifar10',
      spoil: (dir) => rmSync(join(dir, 'data_batch_1.bin')),
      file: '',
      problem: [
        /none of data_batch_1\.bin, data_batch_2\.bin, .*data_batch_5\.bin is there; the folder holds test_batch\.bin/,
      ],
    },
    {
      name: 'more CIFAR examples asked for than the batches hold',
      source: 'cifar10',
      spoil: (dir) =>
        writeFileSync(
          join(dir, 'data_batch_3.bin'),
          cifarBatch(labelsFor(testSizes), 1000),
        ),
      overrides: { trainCount: 331 },
      file: '',
      problem: [
        /data\.trainCount 331: .* \(data_batch_1\.bin, data_batch_3\.bin\) holds only 330 examples/,
      ],
    },
  ];

  for (const c of cases) {
    test(`${c.source}: ${c.name}`, () => {
      const dir = folder(`bad-${c.name.replace(/\W+/g, '-')}`);
      if (c.source === 'cifar10') {
        writeFileSync(
          join(dir, 'data_batch_1.bin'),
          cifarBatch(labelsFor(trainSizes), 0),
        );
        writeFileSync(
          join(dir, 'test_batch.bin'),
          cifarBatch(labelsFor(testSizes), testIdBase),
        );
      } else {
        writeIdxFolder(dir, { trainSizes, testSizes });
      }
      c.spoil(dir);
      rejects(
        () => loadDataset(config(c.source, dir, c.overrides)),
        escape(join(dir, c.file)),
        ...c.problem,
      );
    });
  }

  test('a file source without a folder says so', () => {
    const { folder: _, ...noFolder } = config('fashion-mnist', temp.dir);
    rejects(() => loadDataset(noFolder), /data\.folder is not set/);
  });

  test('a missing folder is named', () => {
    const dir = join(temp.dir, 'nowhere');
    rejects(() => loadDataset(config('mnist', dir)), escape(`${dir}: no such folder`));
  });

  test('a file given as the folder is named', () => {
    const file = join(folder('a-file'), 'data');
    writeFileSync(file, 'x');
    rejects(
      () => loadDataset(config('cifar10', file)),
      escape(`${file}: a file, not a folder`),
    );
  });
});
