/**
 * CIFAR-10 from its binary batches: records of one label byte then 3,072 pixel bytes
 * (1,024 red, 1,024 green, 1,024 blue, each plane 32 x 32 row-major).
 */
import { basename, join } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { findFile, hasFolder, requireFile } from './data-folder.js';
import { type ExampleFile } from './example-file.js';
import { readDataFile } from './read-data-file.js';

const log = logger('data');

export const cifarSide = 32;
const planeBytes = cifarSide * cifarSide;
export const cifarRecordBytes = 1 + 3 * planeBytes;
export const cifarTrainBatches = [1, 2, 3, 4, 5].map((n) => `data_batch_${n}.bin`);
export const cifarTestBatch = 'test_batch.bin';
const extractedFolder = 'cifar-10-batches-bin';
const fix =
  'download cifar-10-binary.tar.gz (the binary version, not the python one) from ' +
  'https://www.cs.toronto.edu/~kriz/cifar.html and extract it into data.folder';

/** `folder`, or its `cifar-10-batches-bin` when the batches were extracted there. */
export function cifarFolder(folder: string): string {
  const direct = findFile(folder, [cifarTestBatch, ...cifarTrainBatches]);
  return direct === undefined && hasFolder(folder, extractedFolder)
    ? join(folder, extractedFolder)
    : folder;
}

function readBatch(path: string, classes: number): Uint8Array {
  const bytes = readDataFile(path);
  if (bytes.length === 0 || bytes.length % cifarRecordBytes !== 0) {
    throw new IcarusError(
      `${path}: ${bytes.length} bytes, not a whole number of ${cifarRecordBytes}-byte ` +
        'CIFAR-10 records (1 label byte, 3072 pixel bytes)',
      `download the file again; ${fix}`,
    );
  }
  for (let r = 0; r < bytes.length / cifarRecordBytes; r++) {
    const label = bytes[r * cifarRecordBytes] ?? 0;
    if (label >= classes) {
      throw new IcarusError(
        `${path}: label ${label} of record ${r} is out of range 0..${classes - 1}`,
        'check the file is a CIFAR-10 binary batch (CIFAR-100 records differ)',
      );
    }
  }
  return bytes;
}

/**
 * The training examples (every `data_batch_N.bin` present, at least one) or the test
 * examples (`test_batch.bin`) of the batches in `folder`. Throws, naming the file,
 * when none is present, a size is not whole records or a label is out of range.
 */
export function readCifarExamples(
  folder: string,
  split: 'train' | 'test',
  classes: number,
): ExampleFile {
  const names = split === 'train' ? cifarTrainBatches : [cifarTestBatch];
  const present = names.flatMap((name) => findFile(folder, [name]) ?? []);
  const paths = present.length > 0 ? present : [requireFile(folder, names, fix)];
  const batches = paths.map((path) => readBatch(path, classes));
  log.debug(`CIFAR-10 ${split}: read ${paths.map((p) => basename(p)).join(', ')}`);

  // The first example of each batch, then the total.
  const starts = [0];
  for (const batch of batches) {
    starts.push((starts.at(-1) ?? 0) + batch.length / cifarRecordBytes);
  }
  const count = starts.at(-1) ?? 0;
  const labels = new Uint8Array(count);
  batches.forEach((batch, b) => {
    for (let r = 0; r < batch.length / cifarRecordBytes; r++) {
      labels[(starts[b] ?? 0) + r] = batch[r * cifarRecordBytes] ?? 0;
    }
  });
  return {
    name:
      paths.length === 1
        ? (paths[0] as string)
        : `${folder} (${paths.map((p) => basename(p)).join(', ')})`,
    shape: [cifarSide, cifarSide, 3],
    labels,
    count,
    copyImage(index, out, offset) {
      let b = 0;
      while (index >= (starts[b + 1] ?? count)) b += 1;
      const batch = batches[b] as Uint8Array;
      const start = (index - (starts[b] ?? 0)) * cifarRecordBytes + 1;
      // Planar red, green, blue in the file; channels last in a Split.
      for (let p = 0; p < planeBytes; p++) {
        for (let c = 0; c < 3; c++) {
          out[offset + 3 * p + c] = (batch[start + c * planeBytes + p] ?? 0) / 255;
        }
      }
    },
  };
}
