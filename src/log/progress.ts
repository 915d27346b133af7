/**
 * Stages a person can follow: `(2/5) train curve` with a bar and an ETA on a terminal,
 * one plain line every few seconds when stderr is not a terminal, nothing when quiet.
 */
import cliProgress from 'cli-progress';
import { enabled, logger, setLogInterceptor } from './logger.js';

export interface Bar {
  /** Sets the count done so far and an optional short status (e.g. `loss 0.31`). */
  update(done: number, status?: string): void;
  stop(): void;
}

const plainIntervalMs = 5000;

/** Numbered stages of one run; `stage()` opens the next one with its own bar. */
export class Stages {
  private index = 0;

  constructor(
    private readonly total: number,
    private readonly tag: string,
  ) {}

  /** Opens stage `name` of `units` (epochs, rows, frames) counted in `unitName`. */
  stage(name: string, units: number, unitName: string): Bar {
    this.index += 1;
    const label = `(${this.index}/${this.total}) ${name}`;
    return openBar(this.tag, label, units, unitName);
  }

  /** Counts stage `name` as done without work (a resumed run), with one line. */
  skip(name: string, why: string): void {
    this.index += 1;
    logger(this.tag).info(`(${this.index}/${this.total}) ${name}: ${why}`);
  }
}

function openBar(tag: string, label: string, units: number, unitName: string): Bar {
  const log = logger(tag);
  if (!enabled('info')) return { update: () => {}, stop: () => {} };
  if (!process.stderr.isTTY) return plainBar(log.info, label, units, unitName);

  const bar = new cliProgress.SingleBar(
    {
      format: `[${tag}] ${label} {bar} {value}/{total} ${unitName} | {percentage}% | ETA {eta_formatted} {status}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(units, 0, { status: '' });
  setLogInterceptor((write) => {
    process.stderr.write('\r\x1b[2K');
    write();
    bar.render();
  });
  return {
    update: (done, status) => bar.update(done, { status: status ?? '' }),
    stop: () => {
      bar.stop();
      setLogInterceptor(undefined);
    },
  };
}

function plainBar(
  print: (m: string) => void,
  label: string,
  units: number,
  unitName: string,
): Bar {
  const started = Date.now();
  // The opening line counts as the first print, so short stages print twice at most.
  let last = started;
  let lastDone = 0;
  let lastStatus = '';
  const line = (done: number, status: string): string => {
    const elapsed = (Date.now() - started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (units - done) : NaN;
    const etaText = Number.isFinite(eta) ? ` ETA ${eta.toFixed(0)}s` : '';
    const tail = status ? ` ${status}` : '';
    return `${label} ${done}/${units} ${unitName} (${elapsed.toFixed(1)}s${etaText})${tail}`;
  };
  print(`${label}: ${units} ${unitName}`);
  return {
    update(done, status) {
      lastDone = done;
      lastStatus = status ?? '';
      if (Date.now() - last < plainIntervalMs) return;
      last = Date.now();
      print(line(done, lastStatus));
    },
    stop() {
      print(`${line(lastDone, lastStatus)} done`);
    },
  };
}
