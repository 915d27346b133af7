/**
 * The metrics `icarus plot` draws, each with its file name, its words and the
 * reference's clipping ceiling for the plane figure.
 */
import type { GridMetric } from '../landscape/manifest.js';

export interface FigureMetric {
  metric: GridMetric;
  /** File-name part: `plane-<slug>.png`, `path-<slug>.png`. */
  slug: string;
  /** Words for titles and axes. */
  label: string;
  unit: string;
  /** Plane values above this are drawn as this. */
  clip: number;
}

export const figureMetrics: FigureMetric[] = [
  {
    metric: 'trainLoss',
    slug: 'train-loss',
    label: 'train loss',
    unit: 'nats',
    clip: 5,
  },
  { metric: 'testError', slug: 'test-error', label: 'test error', unit: '%', clip: 40 },
];
