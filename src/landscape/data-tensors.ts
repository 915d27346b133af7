/** The train and test splits as tensors on the backend, made once per thread. */
import { type Dataset, imageSize } from '../data/dataset.js';
import { tf } from '../tf/backend.js';

export interface SplitTensors {
  x: tf.Tensor2D;
  labels: tf.Tensor1D;
  oneHot: tf.Tensor2D;
  count: number;
}

export interface DataTensors {
  train: SplitTensors;
  test: SplitTensors;
}

export function dataTensors(dataset: Dataset): DataTensors {
  const split = (s: Dataset['train']): SplitTensors => {
    const labels = tf.tensor1d(s.labels, 'int32');
    return {
      x: tf.tensor2d(s.images, [s.count, imageSize(dataset)]),
      labels,
      oneHot: tf.oneHot(labels, dataset.classes).toFloat() as tf.Tensor2D,
      count: s.count,
    };
  };
  return { train: split(dataset.train), test: split(dataset.test) };
}

/** Frees both splits' tensors. */
export function disposeData(data: DataTensors): void {
  for (const split of [data.train, data.test]) {
    tf.dispose([split.x, split.labels, split.oneHot]);
  }
}
