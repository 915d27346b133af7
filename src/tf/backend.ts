/**
 * Picks the TensorFlow.js backend: the native `tensorflow` backend when the optional
 * `@tensorflow/tfjs-node` loads, otherwise WebAssembly. Limit: the WASM backend runs
 * one thread per process, so Icarus spreads work over worker threads instead.
 */
import * as tf from '@tensorflow/tfjs';

let chosen: Promise<string> | undefined;

/** Initialises the backend once per thread and returns its name. */
export function initBackend(): Promise<string> {
  chosen ??= choose();
  return chosen;
}

async function choose(): Promise<string> {
  const wanted = process.env.ICARUS_BACKEND;
  if (wanted !== 'wasm') {
    try {
      await import('@tensorflow/tfjs-node' as string);
      if (await tf.setBackend('tensorflow')) return 'tensorflow';
    } catch {
      // Not installed here (its install downloads libtensorflow): fall through to WASM.
    }
  }
  await import('@tensorflow/tfjs-backend-wasm');
  // Setting the backend before any tensor exists keeps the CPU backend (and its
  // start-up banner) out of the process.
  if (!(await tf.setBackend('wasm')))
    throw new Error('the WASM backend failed to start');
  await tf.ready();
  return 'wasm';
}

export { tf };
