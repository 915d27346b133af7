/**
 * NumPy `.npy` files (format version 1.0), so bundles load with `numpy.load`.
 * Limit: little-endian float32 and int32 in C order only, which is all Icarus writes.
 */
import { readFileSync } from 'node:fs';
import { IcarusError } from '../config/errors.js';

export interface NpyArray {
  data: Float32Array | Int32Array;
  shape: number[];
}

const magic = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

/** Encodes an array as the bytes of a `.npy` file. */
export function encodeNpy(data: Float32Array | Int32Array, shape: number[]): Buffer {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new Error(
      `npy: shape [${shape}] holds ${count} values, data has ${data.length}`,
    );
  }
  const descr = data instanceof Float32Array ? '<f4' : '<i4';
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  // Magic, version and length take 10 bytes; the whole preamble pads to 64.
  const padded = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(padded - 10 - 1, ' ') + '\n';
  const preamble = Buffer.alloc(10);
  magic.copy(preamble, 0);
  preamble[6] = 1;
  preamble[7] = 0;
  preamble.writeUInt16LE(header.length, 8);
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.concat([preamble, Buffer.from(header, 'latin1'), body]);
}

/** Reads a `.npy` file written by `encodeNpy` (or by NumPy with the same dtypes). */
export function readNpy(file: string): NpyArray {
  const bytes = readFileSync(file);
  if (!bytes.subarray(0, 6).equals(magic)) {
    throw new IcarusError(`${file}: not a .npy file (bad magic bytes)`);
  }
  const headerLength = bytes.length >= 10 ? bytes.readUInt16LE(8) : 0;
  if (bytes.length < 10 + headerLength || headerLength === 0) {
    throw new IcarusError(
      `${file}: the .npy header is cut short (the file holds ${bytes.length} bytes)`,
    );
  }
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (/'fortran_order':\s*True/.test(header)) {
    throw new IcarusError(`${file}: Fortran-ordered arrays are not supported`);
  }
  if (descr !== '<f4' && descr !== '<i4') {
    throw new IcarusError(
      `${file}: dtype ${descr ?? '?'} is not supported (float32, int32)`,
    );
  }
  const start = 10 + headerLength;
  const expected = shape.reduce((a, b) => a * b, 1) * 4;
  // A file cut inside its header parses no shape: say so rather than count bytes.
  if (!/\}\s*$/.test(header)) {
    throw new IcarusError(`${file}: the .npy header is cut short (truncated file)`);
  }
  if (bytes.length - start !== expected) {
    throw new IcarusError(
      `${file}: shape (${shape.join(', ')}) needs ${expected} bytes of data, ` +
        `the file holds ${bytes.length - start} (truncated or overwritten)`,
    );
  }
  const body = bytes.buffer.slice(
    bytes.byteOffset + start,
    bytes.byteOffset + bytes.length,
  );
  return {
    data: descr === '<f4' ? new Float32Array(body) : new Int32Array(body),
    shape,
  };
}
