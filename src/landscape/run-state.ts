/**
 * The work folder of a landscape run: each finished stage is saved there (JSON for
 * metrics, .npy for weight vectors, each file written atomically), so an interrupted
 * run picks up after its last finished stage, and the grid after its last finished
 * row. A shard's work folder is also what `icarus merge` reads.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { icarusVersion } from '../version.js';
import { encodeNpy, readNpy } from './npy.js';

interface StateHeader {
  hash: string;
  icarusVersion: string;
}

export class RunState {
  private constructor(
    readonly dir: string,
    readonly hash: string,
  ) {}

  /**
   * Opens (or starts) the work folder of the config with `hash`. A folder left by
   * another config or another Icarus version is started afresh: its stages would
   * not match this run.
   */
  static open(
    dir: string,
    hash: string,
    config: unknown,
  ): { state: RunState; resumed: boolean } {
    const header = readHeader(dir);
    const matches = header?.hash === hash && header.icarusVersion === icarusVersion;
    if (!matches) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileAtomic(
        join(dir, 'state.json'),
        JSON.stringify({ hash, icarusVersion } satisfies StateHeader),
      );
      writeFileAtomic(join(dir, 'config.json'), JSON.stringify(config));
    }
    return { state: new RunState(dir, hash), resumed: matches };
  }

  /** Opens an existing work folder for reading (`icarus merge`). */
  static read(dir: string): RunState {
    const header = readHeader(dir);
    if (!header) {
      throw new IcarusError(
        `${dir}: not a landscape work folder (state.json is missing)`,
        'name the folders `icarus train --shard i/n` wrote',
      );
    }
    return new RunState(dir, header.hash);
  }

  has(name: string): boolean {
    return existsSync(join(this.dir, name));
  }

  saveJson(name: string, value: unknown): void {
    writeFileAtomic(join(this.dir, `${name}.json`), JSON.stringify(value));
  }

  loadJson<T>(name: string): T | undefined {
    const file = join(this.dir, `${name}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  }

  /** Saves equal-length vectors as one [count, length] float32 array. */
  saveVectors(name: string, vectors: Float32Array[]): void {
    const length = vectors[0]?.length ?? 0;
    const all = new Float32Array(vectors.length * length);
    vectors.forEach((v, i) => all.set(v, i * length));
    writeFileAtomic(
      join(this.dir, `${name}.npy`),
      encodeNpy(all, [vectors.length, length]),
    );
  }

  loadVectors(name: string): Float32Array[] | undefined {
    const file = join(this.dir, `${name}.npy`);
    if (!existsSync(file)) return undefined;
    const { data, shape } = readNpy(file);
    const [count, length] = shape as [number, number];
    return Array.from({ length: count }, (_, i) =>
      (data as Float32Array).slice(i * length, (i + 1) * length),
    );
  }

  /** True when a stage or grid row has been saved. */
  hasProgress(): boolean {
    return readdirSync(this.dir).some((f) => f !== 'state.json' && f !== 'config.json');
  }

  /** Removes the folder when nothing was saved in it (a run that failed at once). */
  removeIfEmpty(): void {
    if (existsSync(this.dir) && !this.hasProgress()) this.remove();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function readHeader(dir: string): StateHeader | undefined {
  const file = join(dir, 'state.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StateHeader;
  } catch {
    return undefined;
  }
}
