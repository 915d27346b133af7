/**
 * Turns a scene's `landscape` (a training config or a bundle folder) into a bundle
 * folder, training it first when it is missing.
 */
export interface EnsureOptions {
  /** Train again even when a bundle for the config exists. */
  force?: boolean;
}

/** Returns the bundle folder for `source`, training when needed. */
export async function ensureLandscape(source: string, _options: EnsureOptions = {}): Promise<string> {
  throw new Error(`ensureLandscape(${source}): training is being written`);
}
