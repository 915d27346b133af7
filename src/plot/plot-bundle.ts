/**
 * `icarus plot`: the figures of a landscape bundle, written as PNG and SVG into
 * `<bundle>/figures/` or a folder of the user's choosing.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { type EnsureOptions, ensureLandscape } from '../landscape/ensure.js';
import { loadBundle } from '../landscape/manifest.js';
import { logger } from '../log/logger.js';
import { figureMetrics } from './figure-metrics.js';
import { pathFigure } from './path-figure.js';
import { planeFigure } from './plane-figure.js';
import { defaultFigureWidthPx, writeFigure } from './write-figure.js';

const log = logger('plot');

export interface PlotOptions {
  /** Folder for the figures; `<bundle>/figures` by default. */
  outDir?: string;
  widthPx?: number;
}

/**
 * Plots `source`, a training config (trained first when its bundle is missing) or a
 * bundle folder. Returns the paths written.
 */
export async function plotLandscape(
  source: string,
  options: PlotOptions & EnsureOptions = {},
): Promise<string[]> {
  if (options.outDir !== undefined) checkOutDir(options.outDir);
  const dir = await ensureLandscape(source, options);
  return plotBundle(dir, options);
}

/** Writes `plane-<metric>` and `path-<metric>` figures of the bundle at `dir`. */
export async function plotBundle(
  dir: string,
  options: PlotOptions = {},
): Promise<string[]> {
  const bundle = loadBundle(dir);
  const outDir = options.outDir ?? join(dir, 'figures');
  checkOutDir(outDir);
  mkdirSync(outDir, { recursive: true });
  const widthPx = options.widthPx ?? defaultFigureWidthPx;
  const written: string[] = [];
  for (const spec of figureMetrics) {
    for (const [kind, figure] of [
      ['plane', planeFigure(bundle, spec)],
      ['path', pathFigure(bundle, spec)],
    ] as const) {
      const paths = await writeFigure(
        figure,
        join(outDir, `${kind}-${spec.slug}`),
        widthPx,
      );
      for (const path of paths) log.info(`wrote ${path}`);
      written.push(...paths);
    }
  }
  return written;
}

function checkOutDir(outDir: string): void {
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new IcarusError(
      `${outDir}: is a file, not a folder for the figures`,
      'name a folder for the figures (it is created when missing)',
    );
  }
}
