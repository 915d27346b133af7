/**
 * The path metrics as CSV files a spreadsheet opens: `paths.csv` has one row per
 * path and t, `paths-summary.csv` one row per path and metric. Losses in nats,
 * errors in percent.
 */
import { type LandscapeManifest, type PathMetrics } from './manifest.js';

const columns: (keyof PathMetrics)[] = [
  'trainLoss',
  'trainNll',
  'trainError',
  'testLoss',
  'testError',
  'stepLength',
];

const heading = [
  'path',
  't',
  'train_loss',
  'train_nll',
  'train_error_pct',
  'test_nll',
  'test_error_pct',
  'step_length',
];

/** Numbers as JavaScript prints them: shortest text that reads back the same. */
const cell = (value: number): string => String(value);

export function pathsCsv(manifest: LandscapeManifest): string {
  const { ts, curve, segment } = manifest.paths;
  const lines = [heading.join(',')];
  for (const [name, metrics] of [
    ['curve', curve],
    ['segment', segment],
  ] as const) {
    ts.forEach((t, i) =>
      lines.push(
        [name, cell(t), ...columns.map((c) => cell(metrics[c][i] as number))].join(','),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function pathsSummaryCsv(manifest: LandscapeManifest): string {
  const lines = ['path,metric,min,max,mean,length_weighted_mean,barrier'];
  for (const [name, perMetric] of Object.entries(manifest.paths.summary)) {
    for (const [metric, s] of Object.entries(perMetric)) {
      const values = [s.min, s.max, s.mean, s.weightedMean, s.barrier].map(cell);
      lines.push([name, metric, ...values].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
