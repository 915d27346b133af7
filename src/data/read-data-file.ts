/** Reading one dataset file whole, inflating it when it is gzipped. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { IcarusError } from '../config/errors.js';

/**
 * The bytes of `path`, inflated when they start with the gzip magic 1f 8b (whatever
 * the file's name). Holds the whole file in memory: the largest, CIFAR-10's batches
 * and MNIST's 60,000 training images, are under 50 MB each.
 */
export function readDataFile(path: string): Uint8Array {
  const bytes = readFileSync(path);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new IcarusError(
      `${path}: gzip data that does not inflate (${(error as Error).message})`,
      'download the file again; a partial download leaves a truncated .gz',
    );
  }
}
