/**
 * Picks the TensorFlow.js backend: the native `tensorflow` backend when the optional
 * `@tensorflow/tfjs-node` loads, otherwise WebAssembly. Limit: the WASM backend runs
 * one thread per process, so Icarus spreads work over worker threads instead.
 */
import * as tf from '@tensorflow/tfjs';
import { IcarusError } from '../config/errors.js';

let chosen: Promise<string> | undefined;

/** Initialises the backend once per thread and returns its name. */
export function initBackend(): Promise<string> {
  chosen ??= choose();
  return chosen;
}

/**
 * The backend `ICARUS_BACKEND` asks for: `wasm`, `tensorflow`, or unset for the best
 * that loads. Called on the main thread before workers start, so a typo is one clear
 * error rather than one per thread.
 */
export function backendChoice(): 'auto' | 'wasm' | 'tensorflow' {
  const wanted = process.env.ICARUS_BACKEND;
  if (!wanted) return 'auto';
  if (wanted === 'wasm' || wanted === 'tensorflow') return wanted;
  throw new IcarusError(
    `ICARUS_BACKEND=${wanted}: not a backend Icarus runs on`,
    "use 'wasm' or 'tensorflow' (needs @tensorflow/tfjs-node), or unset it",
  );
}

async function choose(): Promise<string> {
  const wanted = backendChoice();
  if (wanted !== 'wasm') {
    try {
      await import('@tensorflow/tfjs-node' as string);
      if (await tf.setBackend('tensorflow')) return 'tensorflow';
    } catch {
      // Not installed here (its install downloads libtensorflow): fall through to WASM.
      if (wanted === 'tensorflow') {
        throw new IcarusError(
          'ICARUS_BACKEND=tensorflow: @tensorflow/tfjs-node did not load',
          'install it (`npm install @tensorflow/tfjs-node`, needs internet) or unset ICARUS_BACKEND',
        );
      }
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
