/**
 * One logger for the whole of Icarus: tagged lines (`[train]`, `[render]`, `[ffmpeg]`)
 * on stderr, filtered by a level, so stdout stays free for data a user pipes.
 */
export type LogLevel = 'quiet' | 'error' | 'warn' | 'info' | 'debug';

const rank: Record<LogLevel, number> = {
  quiet: 0,
  error: 1,
  warn: 2,
  info: 3,
  debug: 4,
};

let current: LogLevel =
  (process.env.ICARUS_LOG_LEVEL as LogLevel | undefined) ?? 'info';

export function setLogLevel(level: LogLevel): void {
  current = level;
}

export function logLevel(): LogLevel {
  return current;
}

export function enabled(level: LogLevel): boolean {
  return rank[level] <= rank[current];
}

/** Hooks that let a live progress bar move out of the way of a log line. */
let around: ((write: () => void) => void) | undefined;

export function setLogInterceptor(fn: ((write: () => void) => void) | undefined): void {
  around = fn;
}

function emit(level: LogLevel, tag: string, message: string): void {
  if (!enabled(level)) return;
  const prefix = level === 'error' ? 'error ' : level === 'warn' ? 'warning ' : '';
  const line = `[${tag}] ${prefix}${message}\n`;
  const write = (): void => void process.stderr.write(line);
  if (around) around(write);
  else write();
}

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** A logger whose every line carries `tag`. */
export function logger(tag: string): Logger {
  return {
    error: (m) => emit('error', tag, m),
    warn: (m) => emit('warn', tag, m),
    info: (m) => emit('info', tag, m),
    debug: (m) => emit('debug', tag, m),
  };
}
