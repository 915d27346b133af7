/**
 * Small dataset files for tests, written byte by byte in the published formats (IDX
 * for MNIST and Fashion-MNIST, binary batches for CIFAR-10). Every pixel is a known
 * function of its example's id, so a test can tell which example landed in a split
 * and check each value's position.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A fresh temporary folder, and a function that removes it. */
export function tempFolder(name: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `icarus-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Labels with `sizes[k]` examples of class k, interleaved rather than sorted. */
export function labelsFor(sizes: readonly number[]): Uint8Array {
  const sorted = sizes.flatMap((size, label) => Array<number>(size).fill(label));
  // 37 is coprime with every count the tests use, so this is a permutation.
  return Uint8Array.from(sorted, (_, i) => sorted[(i * 37) % sorted.length] ?? 0);
}

/** Counts of each label in `labels`. */
export function classCounts(labels: ArrayLike<number>, classes = 10): number[] {
  const counts = Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

/** An IDX file of unsigned bytes: magic, big-endian dims, values. */
export function idxBytes(magic: number, dims: number[], values: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, values]);
}

/**
 * Pixel `p` of the IDX example with `id`: the first two pixels spell the id, the rest
 * follow a pattern of both.
 */
export function idxPixel(id: number, p: number): number {
  if (p === 0) return id & 255;
  if (p === 1) return (id >> 8) & 255;
  return (id * 7 + p * 3) % 256;
}

/** The id an IDX example's image spells in its first two pixels (values in [0, 1]). */
export function idxId(image: Float32Array): number {
  return Math.round((image[0] ?? 0) * 255) + 256 * Math.round((image[1] ?? 0) * 255);
}

/** Images of the examples `firstId`, `firstId + 1`, ...: `size` pixels each. */
export function idxImages(count: number, firstId: number, size = 784): Uint8Array {
  const out = new Uint8Array(count * size);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < size; p++) out[i * size + p] = idxPixel(firstId + i, p);
  }
  return out;
}

export interface IdxFolderOptions {
  trainSizes: number[];
  testSizes: number[];
  gzip?: boolean;
  /** Names the files end with (`.gz`, or '' to gzip under the plain names). */
  suffix?: string;
  /** Use the dotted variant names (`train-images.idx3-ubyte`). */
  dotted?: boolean;
}

/** Ids of test examples start here, so a test can tell the two files apart. */
export const testIdBase = 30000;

/** Writes the four MNIST-format files to `dir`; returns the labels written. */
export function writeIdxFolder(
  dir: string,
  options: IdxFolderOptions,
): { train: Uint8Array; test: Uint8Array } {
  const suffix = options.suffix ?? (options.gzip ? '.gz' : '');
  const sep = options.dotted ? '.' : '-';
  const write = (name: string, bytes: Buffer): void =>
    writeFileSync(join(dir, name + suffix), options.gzip ? gzipSync(bytes) : bytes);
  const out = {
    train: labelsFor(options.trainSizes),
    test: labelsFor(options.testSizes),
  };
  for (const [prefix, labels, firstId] of [
    ['train', out.train, 0],
    ['t10k', out.test, testIdBase],
  ] as const) {
    const n = labels.length;
    write(
      `${prefix}-images${sep}idx3-ubyte`,
      idxBytes(0x803, [n, 28, 28], idxImages(n, firstId)),
    );
    write(`${prefix}-labels${sep}idx1-ubyte`, idxBytes(0x801, [n], labels));
  }
  return out;
}

/** Value of channel `c` (0 red, 1 green, 2 blue) at pixel `p` of CIFAR example `id`. */
export function cifarValue(id: number, c: number, p: number): number {
  if (p === 0 && c < 2) return c === 0 ? id & 255 : (id >> 8) & 255;
  return (id * 11 + c * 89 + p * 5) % 256;
}

/** The id a channels-last CIFAR image spells at its first pixel (red, green). */
export function cifarId(image: Float32Array): number {
  return Math.round((image[0] ?? 0) * 255) + 256 * Math.round((image[1] ?? 0) * 255);
}

/** A binary batch of the examples `firstId`, ... with `labels`. */
export function cifarBatch(labels: Uint8Array, firstId: number): Buffer {
  const record = 3073;
  const out = Buffer.alloc(labels.length * record);
  labels.forEach((label, i) => {
    out[i * record] = label;
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < 1024; p++) {
        out[i * record + 1 + c * 1024 + p] = cifarValue(firstId + i, c, p);
      }
    }
  });
  return out;
}
