/**
 * A dataset as every stage sees it: images in [0, 1], channels last, a train and a
 * test split drawn stratified by class with a fixed seed.
 */
import { type DataConfig } from '../config/data-config.js';
import { IcarusError } from '../config/errors.js';
import { classCount, loadDigits } from './mnist.js';

export interface Split {
  /** Row-major [count, height, width, channels] values in [0, 1]. */
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

export interface Dataset {
  /** The config's source, for logs. */
  name: string;
  /** [height, width, channels] of one image. */
  shape: [number, number, number];
  classes: number;
  train: Split;
  test: Split;
}

/** Values per image. */
export function imageSize(dataset: Pick<Dataset, 'shape'>): number {
  return dataset.shape[0] * dataset.shape[1] * dataset.shape[2];
}

/** Loads and splits the dataset a config names; the same config gives the same splits. */
export function loadDataset(config: DataConfig): Dataset {
  if (config.source === 'mnist-package') {
    return {
      name: config.source,
      shape: [28, 28, 1],
      classes: classCount,
      ...loadDigits(config),
    };
  }
  throw new IcarusError(`data.source ${config.source}: not supported yet`);
}
