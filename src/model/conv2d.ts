/**
 * A stride-1 'same' convolution with bias whose kernel gradient works on the WASM
 * backend: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so the kernel's
 * gradient is computed as patches^T dy, the patches gathered by k x k shifted slices
 * of the padded input (no per-example loops). The input's gradient uses
 * conv2dTranspose, which the backend has.
 */
import { tf } from '../tf/backend.js';

/** Padding before and after on one axis, as TensorFlow's 'same' puts it. */
function samePadding(kernel: number): [number, number] {
  const total = kernel - 1;
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/**
 * [n * h * w, k * k * cin] patches of `x` [n, h, w, cin], ordered to match a kernel
 * [k, k, cin, cout] read as [k * k * cin, cout].
 */
function patches(x: tf.Tensor4D, kernel: number): tf.Tensor2D {
  const [n, h, w, c] = x.shape;
  const pad = samePadding(kernel);
  const padded = tf.pad(x, [[0, 0], pad, pad, [0, 0]]);
  const shifts: tf.Tensor4D[] = [];
  for (let dy = 0; dy < kernel; dy++) {
    for (let dx = 0; dx < kernel; dx++) {
      shifts.push(tf.slice(padded, [0, dy, dx, 0], [n, h, w, c]));
    }
  }
  return tf.concat(shifts, 3).reshape([n * h * w, kernel * kernel * c]);
}

/** conv(x [n, h, w, cin], kernel [k, k, cin, cout]) + bias [cout], 'same' padding. */
export const conv2d = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, kernel, bias, save] = args as [
    tf.Tensor4D,
    tf.Tensor4D,
    tf.Tensor1D,
    tf.GradSaveFunc,
  ];
  save([x, kernel]);
  return {
    value: tf.add(tf.conv2d(x, kernel, 1, 'same'), bias),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const grad = dy as tf.Tensor4D;
      const [sx, sk] = saved as [tf.Tensor4D, tf.Tensor4D];
      const [k, , cin, cout] = sk.shape;
      const flatGrad = grad.reshape([-1, cout]);
      const kernelGrad = tf
        .matMul(tf.transpose(patches(sx, k)), flatGrad)
        .reshape([k, k, cin, cout]);
      return [
        tf.conv2dTranspose(grad, sk, sx.shape, 1, 'same'),
        kernelGrad,
        tf.sum(flatGrad, 0),
      ];
    },
  };
}) as (x: tf.Tensor4D, kernel: tf.Tensor4D, bias: tf.Tensor1D) => tf.Tensor4D;
