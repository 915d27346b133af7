/** What both benchmarks share: the machine they ran on, and how a report is written. */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../src/util/atomic.js';

export const benchDir = join('renders', 'bench');

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
}

export function machine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/** Writes `renders/bench/<name>` (pretty JSON) and returns its path. */
export function writeReport(name: string, report: object): string {
  const path = join(benchDir, name);
  writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

/** One row of a printed table: the label padded, then the value. */
export function tableLine(label: string, value: string): string {
  return `  ${label.padEnd(34)} ${value}`;
}

export function machineLine(m: Machine): string {
  return tableLine(
    'machine',
    `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`,
  );
}
