/**
 * Nothing half-written under a final name: outputs are written next to their final
 * path under a temporary name and renamed into place once complete.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A temporary sibling of `finalPath`, unique to this process. */
export function temporaryPath(finalPath: string): string {
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  return join(dirname(finalPath), `.${basename(finalPath)}.partial-${stamp}`);
}

/** Writes `data` to `finalPath` through a temporary file and a rename. */
export function writeFileAtomic(finalPath: string, data: string | Uint8Array): void {
  mkdirSync(dirname(finalPath), { recursive: true });
  const tmp = temporaryPath(finalPath);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, finalPath);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Moves a finished temporary folder or file into place, replacing what was there. */
export function commitPath(tmp: string, finalPath: string): void {
  rmSync(finalPath, { recursive: true, force: true });
  renameSync(tmp, finalPath);
}
