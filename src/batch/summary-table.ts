/** The table a batch prints at its end (or, for a dry run, instead of rendering). */
import { basename } from 'node:path';
import Table from 'cli-table3';
import { sizeOf } from './batch-job.js';
import { shownPath } from './expand-batch.js';
import { plural } from './plural.js';
import { type BatchJobResult, type BatchResult } from './run-batch.js';

const errorWidth = 70;

/** One row per job: index, output, format, size, seconds and status. */
export function summaryTable(result: BatchResult): string {
  const table = new Table({
    head: ['#', 'output', 'format', 'size', 'seconds', 'status'],
    // Plain text: the table may go to a file or a pipe.
    style: { head: [], border: [], compact: true },
  });
  for (const row of result.jobs) {
    table.push([
      row.job.index,
      shownPath(row.job.output),
      row.job.format,
      sizeOf(row.job),
      row.status === 'rendered' || row.status === 'failed'
        ? row.seconds.toFixed(1)
        : '-',
      statusText(row),
    ]);
  }
  const training = (result.toTrain ?? []).map(
    (entry) =>
      `${shownPath(entry.landscape)} is not trained: a run trains it first` +
      (entry.bundleDir ? ` into ${shownPath(entry.bundleDir)}` : '') +
      ` (${entry.jobs.length === 1 ? 'job' : 'jobs'} ${entry.jobs.join(', ')})\n`,
  );
  return `${table.toString()}\n${training.join('')}${totals(result)}\n`;
}

function statusText(row: BatchJobResult): string {
  if (row.status !== 'failed') return row.status;
  // The row names the output already: its name alone keeps the message short.
  const message = (row.error ?? '')
    .split(row.job.output)
    .join(basename(row.job.output));
  const first = message.split('\n')[0] ?? '';
  const shown =
    first.length > errorWidth ? `${first.slice(0, errorWidth - 3)}...` : first;
  return `FAILED: ${shown}`;
}

function totals(result: BatchResult): string {
  const count = (status: BatchJobResult['status']) =>
    result.jobs.filter((row) => row.status === status).length;
  if (result.dryRun) {
    const toTrain = result.toTrain?.length ?? 0;
    return (
      `${plural(result.jobs.length, 'job')}: ${count('would render')} would render, ` +
      `${count('would skip')} would skip` +
      (toTrain > 0 ? `, ${plural(toTrain, 'landscape')} would be trained` : '') +
      ' (dry run: nothing rendered or trained)'
    );
  }
  return (
    `${plural(result.jobs.length, 'job')}: ${count('rendered')} rendered, ${count('skipped')} skipped, ` +
    `${result.failed} failed in ${result.seconds.toFixed(1)} s`
  );
}
