/**
 * Which ffmpeg to run. Order: the `--ffmpeg` flag, the `ICARUS_FFMPEG` environment
 * variable, the optional `ffmpeg-static` package, `@ffmpeg-installer/ffmpeg`, then
 * `ffmpeg` on the PATH. The choice is probed once with `-version` and logged.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';

const log = logger('ffmpeg');

/** How long `ffmpeg -version` may take; a real ffmpeg answers in well under this. */
const probeTimeoutMs = 10_000;

export interface FfmpegBinary {
  path: string;
  /** Where it came from: `--ffmpeg`, `ICARUS_FFMPEG`, a package name, or `PATH`. */
  source: string;
  /** The start of `-version`'s first line: `ffmpeg version N-47683-g0e8eb07980-static`. */
  version: string;
}

/**
 * Resolves the binary and checks that it runs `-version` like ffmpeg, so a wrong
 * binary fails before any training or drawing. Throws an IcarusError naming the
 * source of the path and the fix.
 */
export async function resolveFfmpeg(flag?: string): Promise<FfmpegBinary> {
  const chosen = (await findFfmpeg(flag)) ?? { path: 'ffmpeg', source: 'PATH' };
  const version = probe(chosen);
  log.info(`using ${chosen.path} (from ${chosen.source}): ${version}`);
  return { ...chosen, version };
}

type FoundBinary = Omit<FfmpegBinary, 'version'>;

async function findFfmpeg(flag: string | undefined): Promise<FoundBinary | undefined> {
  if (flag !== undefined) return mustExist(flag, '--ffmpeg');
  const fromEnv = process.env.ICARUS_FFMPEG;
  if (fromEnv) return mustExist(fromEnv, 'ICARUS_FFMPEG');
  for (const name of ['ffmpeg-static', '@ffmpeg-installer/ffmpeg']) {
    const path = await packagePath(name);
    if (path && existsSync(path)) return { path, source: name };
  }
  return undefined;
}

function mustExist(path: string, source: string): FoundBinary {
  if (!existsSync(path)) {
    throw new IcarusError(
      `${source}: ffmpeg '${path}' does not exist`,
      `give the path of an ffmpeg binary, or leave ${source} unset to use the installed one`,
    );
  }
  if (statSync(path).isDirectory()) {
    throw new IcarusError(
      `${source}: ffmpeg '${path}' is a folder, not a program`,
      `give the path of the ffmpeg binary itself (such as ${path.replace(/\/$/, '')}/ffmpeg), ` +
        `or leave ${source} unset to use the installed one`,
    );
  }
  return { path, source };
}

/** Runs `path -version`; returns its first line or throws naming the source. */
function probe({ path, source }: FoundBinary): string {
  const where = `${source}: '${path}'`;
  const fix = fixFor(source);
  const result = spawnSync(path, ['-version'], {
    encoding: 'utf8',
    timeout: probeTimeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'was not found'
        : code === 'EACCES'
          ? 'cannot be run (not executable)'
          : code === 'ETIMEDOUT'
            ? `did not answer -version within ${probeTimeoutMs / 1000} s`
            : `cannot be run (${result.error.message})`;
    throw new IcarusError(`${where} ${why}`, fix);
  }
  const firstLine = (result.stdout || '').split('\n')[0]?.trim() ?? '';
  if (result.status !== 0 || !firstLine.startsWith('ffmpeg version')) {
    const status =
      result.status === null ? `signal ${result.signal}` : `exit code ${result.status}`;
    const said = firstLine ? `printed '${firstLine.slice(0, 80)}'` : 'printed nothing';
    throw new IcarusError(
      `${where} is not ffmpeg: '-version' gave ${status} and ${said} ` +
        `(expected exit code 0 and 'ffmpeg version ...')`,
      fix,
    );
  }
  return firstLine.split(' ').slice(0, 3).join(' ');
}

function fixFor(source: string): string {
  if (source === '--ffmpeg' || source === 'ICARUS_FFMPEG') {
    return `give the path of a working ffmpeg binary, or leave ${source} unset to use the installed one`;
  }
  if (source === 'PATH') {
    return 'install ffmpeg (npm install, or your package manager), or pass --ffmpeg PATH / set ICARUS_FFMPEG';
  }
  return `reinstall ${source} (npm install), or pass --ffmpeg PATH / set ICARUS_FFMPEG`;
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
