/**
 * The IDX format of the MNIST files: a big-endian magic (two zero bytes, the type
 * code 0x08 for unsigned bytes, the number of dimensions), one big-endian uint32 per
 * dimension, then the values row-major.
 */
import { IcarusError } from '../config/errors.js';

export const idxImagesMagic = 0x00000803;
export const idxLabelsMagic = 0x00000801;

export interface IdxArray {
  /** The size of each dimension, as the header gives them. */
  dims: number[];
  /** The values, a view into the file's bytes (not a copy). */
  data: Uint8Array;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

function describeMagic(magic: number): string {
  if (magic === idxImagesMagic) return ' (an IDX images file)';
  if (magic === idxLabelsMagic) return ' (an IDX labels file)';
  return '';
}

/**
 * Parses the bytes of an IDX file of unsigned bytes whose magic must be `magic`;
 * throws when the magic differs or the length disagrees with the header. `path` names
 * the file in messages.
 */
export function parseIdx(bytes: Uint8Array, path: string, magic: number): IdxArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rank = magic & 0xff;
  const headerBytes = 4 + 4 * rank;
  const expected = magic === idxImagesMagic ? 'images' : 'labels';
  const found = bytes.length >= 4 ? view.getUint32(0) : undefined;
  if (found !== magic) {
    throw new IcarusError(
      `${path}: not an IDX ${expected} file: ` +
        (found === undefined
          ? `only ${bytes.length} bytes`
          : `magic ${hex(found)}${describeMagic(found)}`) +
        `, expected ${hex(magic)}`,
      `check the file is the ${expected} file its name says (plain or gzipped IDX)`,
    );
  }
  if (bytes.length < headerBytes) {
    throw new IcarusError(
      `${path}: truncated: ${bytes.length} bytes, shorter than the ` +
        `${headerBytes}-byte IDX header`,
      'download the file again',
    );
  }
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const length = headerBytes + dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== length) {
    throw new IcarusError(
      `${path}: ${bytes.length < length ? 'truncated' : 'longer than its header says'}: ` +
        `the header [${dims.join(', ')}] makes ${length} bytes, the file holds ` +
        `${bytes.length}`,
      'download the file again',
    );
  }
  return { dims, data: bytes.subarray(headerBytes) };
}
