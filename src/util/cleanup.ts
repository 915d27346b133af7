/**
 * Interrupting a run cleans up after it: child processes (Xvfb, ffmpeg), worker pools
 * and temporary outputs register a cleanup here, and Ctrl-C or a kill runs them all
 * before the process exits.
 */
import { logger } from '../log/logger.js';

type Cleanup = () => void | Promise<void>;

const pending = new Map<number, Cleanup>();
let nextId = 0;
let installed = false;
let exiting = false;

/** True once a signal asked the process to stop; later failures are its echo. */
export function interrupted(): boolean {
  return exiting;
}

/** Registers `fn` to run on interruption; the returned function unregisters it. */
export function onCleanup(fn: Cleanup): () => void {
  install();
  const id = nextId++;
  pending.set(id, fn);
  return () => void pending.delete(id);
}

/** Runs every registered cleanup once, newest first. */
export async function runCleanups(): Promise<void> {
  const fns = [...pending.values()].reverse();
  pending.clear();
  for (const fn of fns) {
    try {
      await fn();
    } catch (error) {
      logger('icarus').debug(`cleanup failed: ${String(error)}`);
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (exiting) return;
      exiting = true;
      logger('icarus').warn(`${signal}: stopping and cleaning up`);
      const code = signal === 'SIGINT' ? 130 : 143;
      void runCleanups().finally(() => process.exit(code));
    });
  }
  process.on('exit', () => {
    // Only synchronous work can run here: the cleanups kill children synchronously.
    for (const fn of pending.values()) {
      try {
        void fn();
      } catch {
        // The process is leaving; nothing more can be reported.
      }
    }
  });
}
