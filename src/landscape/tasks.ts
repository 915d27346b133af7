/** The work a landscape worker thread does, as messages between threads. */
import { type MessagePort } from 'node:worker_threads';
import { type DataConfig } from '../config/data-config.js';
import { type ModelConfig } from '../config/model-config.js';
import { type CurveShape } from '../method/curves.js';
import { type OptimiserConfig } from '../train/optimiser-config.js';
import { type PointScores } from './affine-evaluator.js';

/** What every task needs: the dataset (each thread loads its own copy) and the model. */
export interface TaskBase {
  data: DataConfig;
  model: ModelConfig;
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
  shape: CurveShape;
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
  /**
   * Forces a scoring path: `affine` (the cached first-layer products; the MLP without
   * batch norm only) or `direct` (plain forward passes, any model). By default the
   * fastest one the model allows.
   */
  evaluator?: 'affine' | 'direct';
}

export type LandscapeTask = EndpointTask | CurveTask | PointsTask;

export interface EndpointResult {
  weights: Float32Array;
  backend: string;
  /** The network's description, e.g. "MLP 784-128-128-10, 118,282 weights". */
  description: string;
}

export interface CurveTaskResult {
  /** The trained interior control points theta_1 .. theta_(n-2). */
  bends: Float32Array[];
  snapshots: { step: number; epoch: number; bends: Float32Array[] }[];
}

export type PointsResult = PointScores;

export interface EpochMessage {
  epoch: number;
  loss: number;
}
