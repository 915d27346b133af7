/** The work a landscape worker thread does, as messages between threads. */
import { type MessagePort } from 'node:worker_threads';
import { type DigitsOptions } from '../data/mnist.js';
import { type OptimiserConfig } from '../train/optimiser-config.js';
import { type PointScores } from './affine-evaluator.js';

interface TaskBase {
  data: DigitsOptions;
  sizes: number[];
  /** Receives `{ epoch, loss }` after each epoch of a training task. */
  port?: MessagePort;
}

export interface EndpointTask extends TaskBase {
  kind: 'endpoint';
  optimiser: OptimiserConfig;
  seed: number;
}

export interface CurveTask extends TaskBase {
  kind: 'curve';
  optimiser: OptimiserConfig & { seed: number };
  w1: Float32Array;
  w2: Float32Array;
  snapshotCount: number;
}

/** Points sum_k coefficients[p][k] basis[k]; `keys` name the basis vectors for reuse. */
export interface PointsTask extends TaskBase {
  kind: 'points';
  keys: string[];
  basis: Float32Array[];
  coefficients: number[][];
}

export type LandscapeTask = EndpointTask | CurveTask | PointsTask;

export interface EndpointResult {
  weights: Float32Array;
  backend: string;
}

export interface CurveTaskResult {
  bend: Float32Array;
  snapshots: { step: number; epoch: number; bend: Float32Array }[];
}

export type PointsResult = PointScores;

export interface EpochMessage {
  epoch: number;
  loss: number;
}
