/**
 * Which ffmpeg to run. Order: the `--ffmpeg` flag, the `ICARUS_FFMPEG` environment
 * variable, the optional `ffmpeg-static` package, `@ffmpeg-installer/ffmpeg`, then
 * `ffmpeg` on the PATH. The choice is logged.
 */
import { existsSync } from 'node:fs';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';

const log = logger('ffmpeg');

export interface FfmpegBinary {
  path: string;
  /** Where it came from: `--ffmpeg`, `ICARUS_FFMPEG`, a package name, or `PATH`. */
  source: string;
}

/** Resolves the binary; a path given by flag or environment must exist. */
export async function resolveFfmpeg(flag?: string): Promise<FfmpegBinary> {
  const chosen = (await findFfmpeg(flag)) ?? { path: 'ffmpeg', source: 'PATH' };
  log.info(`using ${chosen.path} (from ${chosen.source})`);
  return chosen;
}

async function findFfmpeg(flag: string | undefined): Promise<FfmpegBinary | undefined> {
  if (flag) return mustExist(flag, '--ffmpeg');
  const fromEnv = process.env.ICARUS_FFMPEG;
  if (fromEnv) return mustExist(fromEnv, 'ICARUS_FFMPEG');
  for (const name of ['ffmpeg-static', '@ffmpeg-installer/ffmpeg']) {
    const path = await packagePath(name);
    if (path && existsSync(path)) return { path, source: name };
  }
  return undefined;
}

function mustExist(path: string, source: string): FfmpegBinary {
  if (!existsSync(path)) {
    throw new IcarusError(
      `${source}: ffmpeg '${path}' does not exist`,
      `give the path of an ffmpeg binary, or leave ${source} unset to use the installed one`,
    );
  }
  return { path, source };
}

/** The binary path a package exports, or undefined when it is not installed. */
async function packagePath(name: string): Promise<string | undefined> {
  try {
    // A variable specifier keeps TypeScript from requiring the optional package.
    const specifier = name;
    const loaded = (await import(specifier)) as { default?: unknown };
    const value = loaded.default;
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && 'path' in value)
      return String(value.path);
  } catch {
    // Not installed (ffmpeg-static is optional): try the next source.
  }
  return undefined;
}
