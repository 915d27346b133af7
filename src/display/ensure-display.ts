/**
 * Makes sure there is an X display for headless GL: uses `DISPLAY` when it is set,
 * otherwise starts a private Xvfb and sets `DISPLAY` before any GL context exists.
 *
 * Limit: the private server is started once and lives until the process exits (it
 * is stopped then, and on Ctrl-C). ANGLE keeps its X connection open for the life
 * of the process, and Xlib ends the process ("XIO: fatal IO error") if the server
 * goes away under it, so stopping it after each render would crash the next one.
 */
import { logger } from '../log/logger.js';
import { startXvfb } from './start-xvfb.js';

const log = logger('display');

export interface Display {
  display: string;
  /** True when this process started the X server. */
  owned: boolean;
}

let own: Promise<Display> | undefined;

/**
 * Returns the display to use. With `forceOwn`, uses the private Xvfb even when
 * `DISPLAY` is set (the retry after a GL context failed on the given display).
 */
export async function ensureDisplay(forceOwn = false): Promise<Display> {
  const existing = process.env.DISPLAY;
  if (existing && !forceOwn && !own) {
    log.debug(`using DISPLAY=${existing}`);
    return { display: existing, owned: false };
  }
  own ??= startOwn();
  try {
    return await own;
  } catch (error) {
    own = undefined;
    throw error;
  }
}

async function startOwn(): Promise<Display> {
  const xvfb = await startXvfb();
  process.env.DISPLAY = xvfb.display;
  log.info(`started Xvfb on ${xvfb.display} (no usable DISPLAY)`);
  return { display: xvfb.display, owned: true };
}
