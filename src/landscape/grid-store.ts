/**
 * The plane's grids while they are computed: four [alpha][beta] float32 arrays in
 * the run's work folder, NaN where a cell is not computed yet. Each finished row is
 * written at once, so an interrupted run loses at most the rows in flight.
 */
import { type GridMetric, gridMetrics } from './manifest.js';
import { type RunState } from './run-state.js';

export type GridValues = Record<GridMetric, Float32Array>;

export class GridStore {
  readonly values: GridValues;

  constructor(
    private readonly state: RunState | undefined,
    readonly shape: [number, number],
  ) {
    const cells = shape[0] * shape[1];
    const saved = state?.loadVectors('grid');
    const fits = saved?.length === gridMetrics.length && saved[0]?.length === cells;
    this.values = Object.fromEntries(
      gridMetrics.map((m, i) => [
        m,
        fits ? (saved[i] as Float32Array) : new Float32Array(cells).fill(Number.NaN),
      ]),
    ) as GridValues;
  }

  /** True when every cell of alpha row `row` holds a value. */
  rowDone(row: number): boolean {
    const betas = this.shape[1];
    const start = row * betas;
    for (const metric of gridMetrics) {
      const values = this.values[metric];
      for (let j = start; j < start + betas; j++)
        if (Number.isNaN(values[j])) return false;
    }
    return true;
  }

  /** Rows in [start, end) not yet computed. */
  pendingRows(start: number, end: number): number[] {
    const out: number[] = [];
    for (let row = start; row < end; row++) if (!this.rowDone(row)) out.push(row);
    return out;
  }

  setRow(row: number, metrics: Record<GridMetric, number[]>): void {
    const betas = this.shape[1];
    for (const metric of gridMetrics)
      this.values[metric].set(metrics[metric], row * betas);
    this.state?.saveVectors(
      'grid',
      gridMetrics.map((m) => this.values[m]),
    );
  }
}
