/**
 * `npm run docs`: writes docs/scene.md and the scene-key table in README.md from the
 * schema and the preset files, formatted as prettier would (so `npm run check` passes
 * and the docs test can compare byte for byte).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import prettier from 'prettier';
import { logger } from '../src/log/logger.js';
import { sceneReference, withSceneKeys } from '../src/scene/scene-docs.js';
import { writeFileAtomic } from '../src/util/atomic.js';

export const sceneDocPath = 'docs/scene.md';
export const readmePath = 'README.md';

async function formatted(text: string, file: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/** The generated files' contents, keyed by path (relative to the project folder). */
export async function generatedDocs(): Promise<Record<string, string>> {
  return {
    [sceneDocPath]: await formatted(sceneReference(), sceneDocPath),
    [readmePath]: await formatted(
      withSceneKeys(readFileSync(readmePath, 'utf8')),
      readmePath,
    ),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const log = logger('docs');
  for (const [path, text] of Object.entries(await generatedDocs())) {
    writeFileAtomic(path, text);
    log.info(`wrote ${path}`);
  }
}
