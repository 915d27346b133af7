/**
 * Real-data landscapes for tests, trained once and cached under
 * renders/test-landscapes (test files run as separate processes and share them).
 */
import { join } from 'node:path';
import { ensureLandscape } from '../../src/landscape/ensure.js';
import { setLogLevel } from '../../src/log/logger.js';

export const tinyTrainConfig = join('tests', 'fixtures', 'tiny-train.yaml');
export const testLandscapesDir = join('renders', 'test-landscapes');

/** The bundle folder of the tiny real-data config (a few hundred digits, 9 x 9 grid). */
export async function tinyLandscape(): Promise<string> {
  setLogLevel('warn');
  return ensureLandscape(tinyTrainConfig, { landscapesDir: testLandscapesDir });
}
