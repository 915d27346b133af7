/** Waiting for a child process that was told to stop. */
import { type ChildProcess } from 'node:child_process';

/**
 * Resolves when `child` has exited, killing it with SIGKILL after `waitMs`. Waiting
 * reaps it: a child left running when Icarus exits becomes a zombie under an init
 * that does not reap (as in many containers).
 */
export function exitOf(child: ChildProcess, waitMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), waitMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit();
    });
  });
}
