/**
 * Starts a private X server (Xvfb) for headless GL. Xvfb picks a free display number
 * itself and writes it to fd 3 (`-displayfd 3`), so parallel runs never collide.
 */
import { spawn } from 'node:child_process';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { exitOf } from '../util/child-exit.js';
import { onCleanup } from '../util/cleanup.js';

const log = logger('display');
const startTimeoutMs = 15_000;

export const xvfbArgs = [
  '-displayfd',
  '3',
  '-screen',
  '0',
  '1280x1024x24',
  '-nolisten',
  'tcp',
];

export interface Xvfb {
  /** The display name, e.g. `:99`. */
  display: string;
  /** Stops the server; safe to call twice. */
  stop(): void;
}

/** How long a cleanup waits for a stopped child process before it kills it. */
const stopWaitMs = 2000;

/**
 * Spawns Xvfb and resolves once it reports its display number. The server is stopped
 * on Ctrl-C and at exit (through `onCleanup`) if `stop()` was not called before, and
 * it does not keep the process alive. Throws an IcarusError naming the `xvfb`
 * package when the binary is missing.
 */
export function startXvfb(binary = 'Xvfb'): Promise<Xvfb> {
  const child = spawn(binary, xvfbArgs, {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    unregister();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  // On Ctrl-C the cleanup also waits (briefly) for Xvfb to exit, so it is reaped here
  // rather than left a zombie under an init that does not reap.
  const unregister = onCleanup(async () => {
    stop();
    await exitOf(child, stopWaitMs);
  });

  return new Promise<Xvfb>((resolvePromise, reject) => {
    let number = '';
    const fail = (error: Error): void => {
      clearTimeout(timer);
      stop();
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(new IcarusError(`Xvfb did not report a display in ${startTimeoutMs} ms`)),
      startTimeoutMs,
    );

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        fail(
          new IcarusError(
            `no DISPLAY is set and '${binary}' (Xvfb, a virtual X server) is not installed`,
            'install the package `xvfb` (apt-get install xvfb), or run `npm run setup`',
          ),
        );
      } else fail(error);
    });
    child.on('exit', (code, signal) => {
      if (number.includes('\n')) return;
      const tail = stderr.trim().split('\n').slice(-8).join('\n  ');
      fail(
        new IcarusError(
          `Xvfb exited (${signal ?? `code ${code}`}) before starting:\n  ${tail}`,
        ),
      );
    });

    const pipe = child.stdio[3] as NodeJS.ReadableStream | null;
    pipe?.on('data', (chunk: Buffer) => {
      number += chunk.toString();
      if (!number.includes('\n')) return;
      clearTimeout(timer);
      const display = `:${number.trim()}`;
      log.debug(`Xvfb started on display ${display} (pid ${child.pid})`);
      // Running Xvfb must not hold the process open; the exit cleanup stops it.
      child.unref();
      (pipe as unknown as { unref?: () => void }).unref?.();
      (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
      resolvePromise({ display, stop });
    });
  });
}
