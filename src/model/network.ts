/**
 * A network whose weights can be any point of weight space: its flat-vector layout, a
 * forward pass from per-block tensors (differentiable, for training) and a
 * description for logs. `networkFor` (network-for.ts) builds one from the config.
 */
import { type ModelType } from '../config/model-config.js';
import { tf } from '../tf/backend.js';
import { type LayerStatistics, type Normalisation } from './batch-norm.js';
import { type MlpLayout } from './mlp-layout.js';
import { type ParameterBlock } from './parameter-layout.js';

export interface Forward {
  logits: tf.Tensor2D;
  /** With batch normalisation, each layer's batch statistics in order; else empty. */
  statistics: LayerStatistics[];
}

export interface Network {
  type: ModelType;
  /** E.g. "MLP 784-128-128-10, 118,282 weights". */
  description: string;
  blocks: ParameterBlock[];
  parameterCount: number;
  /** Batch-norm layers, 0 without batch norm. */
  normLayers: number;
  /** Activation floats one example needs at the widest layer, for sizing chunks. */
  floatsPerExample: number;
  /** The MLP layout when the affine evaluator applies (an MLP without batch norm). */
  affine?: MlpLayout;
  /**
   * Logits of `x` [n, h * w * c] (images flattened channels-last) under `parameters`,
   * one tensor per block in the layout's order and shapes.
   */
  forward(parameters: tf.Tensor[], x: tf.Tensor2D, norm: Normalisation): Forward;
}

/** "118,282", the way descriptions print counts. */
export function countText(count: number): string {
  return count.toLocaleString('en-US');
}
