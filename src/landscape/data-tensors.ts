/** The train and test splits as tensors on the backend, made once per thread. */
import { type Digits, classCount, pixelCount } from '../data/mnist.js';
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

export function dataTensors(digits: Digits): DataTensors {
  const split = (s: Digits['train']): SplitTensors => {
    const labels = tf.tensor1d(s.labels, 'int32');
    return {
      x: tf.tensor2d(s.images, [s.count, pixelCount]),
      labels,
      oneHot: tf.oneHot(labels, classCount).toFloat() as tf.Tensor2D,
      count: s.count,
    };
  };
  return { train: split(digits.train), test: split(digits.test) };
}
