/**
 * Finding a dataset's files: the folder a config names, and one file in it under any
 * of the names it is published with.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IcarusError } from '../config/errors.js';

/** The absolute folder `data.folder` names; throws when it is not a folder. */
export function dataFolder(folder: string, source: string): string {
  const path = resolve(folder);
  if (!existsSync(path)) {
    throw new IcarusError(
      `data.folder ${path}: no such folder (data.source ${source})`,
      `download the ${source} files into ${path}, or point data.folder at them`,
    );
  }
  if (!statSync(path).isDirectory()) {
    throw new IcarusError(
      `data.folder ${path}: a file, not a folder (data.source ${source})`,
      'set data.folder to the folder that holds the dataset files',
    );
  }
  return path;
}

/** Whether `name` is a folder inside `folder`. */
export function hasFolder(folder: string, name: string): boolean {
  const path = join(folder, name);
  return existsSync(path) && statSync(path).isDirectory();
}

/** The path of the first of `names` present in `folder`, or undefined. */
export function findFile(folder: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const path = join(folder, name);
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

/** Like findFile, but a missing file is an error listing what was looked for. */
export function requireFile(
  folder: string,
  names: readonly string[],
  fix: string,
): string {
  const path = findFile(folder, names);
  if (path !== undefined) return path;
  throw new IcarusError(
    `${folder}: none of ${names.join(', ')} is there; the folder holds ` +
      describeFolder(folder),
    fix,
  );
}

/** The folder's entries for an error line, at most a dozen. */
export function describeFolder(folder: string): string {
  const entries = readdirSync(folder).sort();
  if (entries.length === 0) return 'nothing';
  const shown = entries.slice(0, 12).join(', ');
  return entries.length > 12 ? `${shown} and ${entries.length - 12} more` : shown;
}
