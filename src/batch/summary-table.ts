/** The table a batch prints at its end (or, for a dry run, instead of rendering). */
import { basename } from 'node:path';
import Table from 'cli-table3';
import { sizeOf } from './batch-job.js';
import { shownPath } from './expand-batch.js';
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
  return `${table.toString()}\n${totals(result)}\n`;
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
    return `${result.jobs.length} jobs: ${count('would render')} would render, ${count('would skip')} would skip (dry run: nothing rendered)`;
  }
  return (
    `${result.jobs.length} jobs: ${count('rendered')} rendered, ${count('skipped')} skipped, ` +
    `${result.failed} failed in ${result.seconds.toFixed(1)} s`
  );
}
