/**
 * A worker thread of the landscape stage. Each thread has its own TensorFlow.js
 * backend (the WASM backend is single-threaded), its own copy of the dataset on the
 * backend, the network built for it, and (for the plain MLP, which the affine
 * evaluator scores) a cache of first-layer products keyed by basis-vector name, so
 * grid rows after the first reuse them. Other models are scored directly.
 */
import { loadDataset } from '../data/dataset.js';
import { type Network } from '../model/network.js';
import { networkFor } from '../model/network-for.js';
import { initBackend } from '../tf/backend.js';
import { trainCurve } from '../train/train-curve.js';
import { trainEndpoint } from '../train/train-endpoint.js';
import {
  type BasisTerm,
  basisTerm,
  disposeTerm,
  evaluateAffine,
} from './affine-evaluator.js';
import { type DataTensors, dataTensors, disposeData } from './data-tensors.js';
import { evaluatePoints } from './direct-evaluator.js';
import {
  type CurveTaskResult,
  type EndpointResult,
  type EpochMessage,
  type LandscapeTask,
  type PointsResult,
} from './tasks.js';

let loaded: { key: string; data: DataTensors; network: Network } | undefined;
const terms = new Map<string, BasisTerm>();
/** Cached basis vectors per thread (~5 MB each for the default model and split). */
const maxTerms = 12;

function loadedFor(task: LandscapeTask): { data: DataTensors; network: Network } {
  const key = JSON.stringify([task.data, task.model]);
  if (loaded?.key !== key) {
    // A new split or model makes every cached product stale.
    terms.forEach(disposeTerm);
    terms.clear();
    if (loaded) disposeData(loaded.data);
    const dataset = loadDataset(task.data);
    const network = networkFor(task.model, dataset.shape, dataset.classes);
    loaded = { key, data: dataTensors(dataset), network };
  }
  return loaded;
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
  const { data, network } = loadedFor(task);
  const report = (epoch: number, loss: number): void =>
    task.port?.postMessage({ epoch, loss } satisfies EpochMessage);
  try {
    switch (task.kind) {
      case 'endpoint':
        return {
          weights: trainEndpoint(network, data, task.optimiser, task.seed, report),
          backend,
          description: network.description,
        };
      case 'curve':
        return trainCurve(
          network,
          data,
          task.optimiser,
          task.w1,
          task.w2,
          task.snapshotCount,
          report,
          task.shape,
        );
      case 'points': {
        const layout = network.affine;
        if (task.evaluator === 'affine' && !layout) {
          throw new Error(`the affine evaluator cannot score ${network.description}`);
        }
        if (!layout || task.evaluator === 'direct') {
          return evaluatePoints(network, data, task.basis, task.coefficients);
        }
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
