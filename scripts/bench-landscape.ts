/**
 * `npm run bench`: the landscape job of shared/REFERENCE.md (the default config: two
 * MLP endpoints of 10 epochs, a 10-epoch curve, two 61-point paths, a 41 x 41 grid on
 * all 10,000 digits per point), trained afresh, then grid points per second with and
 * without the first-layer products (the same plane rows, both threads). Prints a table
 * and writes renders/bench/landscape.json.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrainConfig } from '../src/config/train-config.js';
import { ensureLandscape } from '../src/landscape/ensure.js';
import { LandscapePool } from '../src/landscape/landscape-pool.js';
import { type LandscapeManifest, loadBundle } from '../src/landscape/manifest.js';
import { readNpy } from '../src/landscape/npy.js';
import { logger, setLogLevel } from '../src/log/logger.js';
import {
  benchDir,
  type Machine,
  machine,
  machineLine,
  tableLine,
  writeReport,
} from './bench-report.js';
import { planeBasis } from '../src/method/plane.js';

const log = logger('bench');
const configFile = join('config', 'train', 'mnist-mlp.yaml');
/** PyTorch on the same job, on this 2-core machine (shared/REFERENCE.md). */
const pytorchSeconds = 106;
/** Grid rows scored both ways for the points-per-second figures. */
const sampleRows = 4;

async function main(): Promise<void> {
  setLogLevel(process.argv.includes('--verbose') ? 'info' : 'warn');
  const landscapes = join(benchDir, 'landscapes');
  rmSync(landscapes, { recursive: true, force: true });
  const dir = await ensureLandscape(configFile, {
    landscapesDir: landscapes,
    force: true,
  });
  const timings = JSON.parse(readFileSync(join(dir, 'timings.json'), 'utf8')) as Record<
    string,
    number
  >;
  const { manifest } = loadBundle(dir);
  const rates = await gridRates(dir, manifest);
  const { total, ...stages } = timings;
  const report = {
    job: 'default config: 2 MLP endpoints x 10 epochs, 10-epoch curve, 2 x 61-point paths, 41 x 41 grid',
    stages,
    totalSeconds: total,
    pytorchSeconds,
    gridPointsPerSecond: rates,
    backend: manifest.backend,
    threads: loadTrainConfig(configFile).workers,
    machine: machine(),
  };
  writeReport('landscape.json', report);
  printTable(report);
}

/** Scores the same grid rows with and without the first-layer products. */
async function gridRates(
  dir: string,
  manifest: LandscapeManifest,
): Promise<{ fast: number; direct: number }> {
  const config = loadTrainConfig(configFile);
  const vector = (name: string): Float32Array =>
    readNpy(join(dir, name)).data as Float32Array;
  const w1 = vector('endpoint-1.npy');
  const w2 = vector('endpoint-2.npy');
  const bend = vector('bends.npy');
  const plane = planeBasis(w1, bend, w2);
  const { alphas, betas } = manifest.plane;
  const rows = alphas
    .slice(0, sampleRows)
    .map((a) => betas.map((b) => [1, a * plane.dx, b * plane.dy]));
  const pool = new LandscapePool(config.workers);
  try {
    const base = {
      data: config.data,
      model: config.model,
      basis: [w1, plane.u, plane.v],
    };
    const time = async (evaluator: 'affine' | 'direct'): Promise<number> => {
      // Warm up each thread (data on the backend, products cached) before timing.
      await Promise.all(
        Array.from({ length: config.workers }, () =>
          pool.points({
            ...base,
            keys: ['w1', 'u', 'v'],
            coefficients: [rows[0]?.[0] ?? []],
            evaluator,
          }),
        ),
      );
      const since = performance.now();
      await Promise.all(
        rows.map((coefficients) =>
          pool.points({ ...base, keys: ['w1', 'u', 'v'], coefficients, evaluator }),
        ),
      );
      return (sampleRows * betas.length) / ((performance.now() - since) / 1000);
    };
    return { fast: await time('affine'), direct: await time('direct') };
  } finally {
    await pool.destroy();
  }
}

function printTable(report: {
  stages: Record<string, number>;
  totalSeconds: number | undefined;
  gridPointsPerSecond: { fast: number; direct: number };
  backend: string;
  threads: number;
  machine: Machine;
}): void {
  const line = tableLine;
  const seconds = (s: number | undefined): string => `${(s ?? NaN).toFixed(1)} s`;
  const out = [
    'Icarus landscape benchmark (the default job of shared/REFERENCE.md)',
    machineLine(report.machine),
    line('backend', `${report.backend}, ${report.threads} threads`),
    ...Object.entries(report.stages).map(([name, s]) =>
      line(`stage ${name}`, seconds(s)),
    ),
    line(
      'total',
      `${seconds(report.totalSeconds)} (PyTorch on this machine: ~${pytorchSeconds} s)`,
    ),
    line(
      'grid points/s, first-layer products',
      report.gridPointsPerSecond.fast.toFixed(1),
    ),
    line('grid points/s, direct', report.gridPointsPerSecond.direct.toFixed(1)),
    `  written: ${join(benchDir, 'landscape.json')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
