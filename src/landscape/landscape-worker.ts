/**
 * A worker thread of the landscape stage. Each thread has its own TensorFlow.js
 * backend (the WASM backend is single-threaded), its own copy of the digits on the
 * backend, and a cache of first-layer products keyed by basis-vector name, so grid
 * rows after the first reuse them.
 */
import { IcarusError } from '../config/errors.js';
import { loadDataset } from '../data/dataset.js';
import { mlpLayout } from '../model/mlp.js';
import { initBackend } from '../tf/backend.js';
import { trainCurve } from '../train/train-curve.js';
import { trainEndpoint } from '../train/train-endpoint.js';
import {
  type BasisTerm,
  basisTerm,
  disposeTerm,
  evaluateAffine,
} from './affine-evaluator.js';
import { type DataTensors, dataTensors } from './data-tensors.js';
import {
  type CurveTaskResult,
  type EndpointResult,
  type EpochMessage,
  type LandscapeTask,
  type PointsResult,
} from './tasks.js';

let loaded: { key: string; data: DataTensors } | undefined;
const terms = new Map<string, BasisTerm>();
/** Cached basis vectors per thread (~5 MB each for the default model and split). */
const maxTerms = 12;

function dataFor(task: LandscapeTask): DataTensors {
  const key = JSON.stringify(task.data);
  if (loaded?.key !== key) {
    // A new split makes every cached product stale.
    terms.forEach(disposeTerm);
    terms.clear();
    loaded = { key, data: dataTensors(loadDataset(task.data)) };
  }
  return loaded.data;
}

/** Drops the oldest cached vectors not used by the current task. */
function evictBeyond(limit: number, inUse: string[]): void {
  for (const [key, term] of terms) {
    if (terms.size <= limit) return;
    if (inUse.includes(key)) continue;
    disposeTerm(term);
    terms.delete(key);
  }
}

export default async function run(
  task: LandscapeTask,
): Promise<EndpointResult | CurveTaskResult | PointsResult> {
  const backend = await initBackend();
  const data = dataFor(task);
  if (task.model.type !== 'mlp') {
    throw new IcarusError(`model.type ${task.model.type}: not supported yet`);
  }
  const layout = mlpLayout([784, ...task.model.hidden, 10]);
  const report = (epoch: number, loss: number): void =>
    task.port?.postMessage({ epoch, loss } satisfies EpochMessage);
  try {
    switch (task.kind) {
      case 'endpoint':
        return {
          weights: trainEndpoint(layout, data, task.optimiser, task.seed, report),
          backend,
        };
      case 'curve':
        return trainCurve(
          layout,
          data,
          task.optimiser,
          task.w1,
          task.w2,
          task.snapshotCount,
          report,
          task.shape,
        );
      case 'points': {
        const basis = task.keys.map((key, k) => {
          let term = terms.get(key);
          if (!term) {
            term = basisTerm(layout, data, task.basis[k] as Float32Array);
            evictBeyond(maxTerms - 1, task.keys);
            terms.set(key, term);
          }
          return term;
        });
        return evaluateAffine(layout, data, basis, task.coefficients);
      }
      default:
        throw new Error(`unknown task ${JSON.stringify(task satisfies never)}`);
    }
  } finally {
    task.port?.close();
  }
}
