/**
 * The MLP (784-h1-...-10, ReLU) written so that its weights can be any point in
 * weight space: a flat vector with a fixed layout, or the list of per-layer tensors.
 * Layout of the flat vector: for each layer, W (fanIn x fanOut, row-major), then b.
 */
import { tf } from '../tf/backend.js';

export interface LayerShape {
  fanIn: number;
  fanOut: number;
  /** Offset of W in the flat vector; b follows at offset + fanIn * fanOut. */
  offset: number;
}

export interface MlpLayout {
  sizes: number[];
  layers: LayerShape[];
  parameterCount: number;
}

/** The layout for layer sizes such as [784, 128, 128, 10]. */
export function mlpLayout(sizes: number[]): MlpLayout {
  const layers: LayerShape[] = [];
  let offset = 0;
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fanIn = sizes[i] as number;
    const fanOut = sizes[i + 1] as number;
    layers.push({ fanIn, fanOut, offset });
    offset += fanIn * fanOut + fanOut;
  }
  return { sizes, layers, parameterCount: offset };
}

/** Per-layer weights [W, b] as tensors. */
export type LayerTensors = [tf.Tensor2D, tf.Tensor1D][];

/** Splits a flat weight tensor into per-layer [W, b] tensors. */
export function unflatten(layout: MlpLayout, flat: tf.Tensor1D): LayerTensors {
  return tf.tidy(() =>
    layout.layers.map(({ fanIn, fanOut, offset }) => [
      flat.slice(offset, fanIn * fanOut).reshape([fanIn, fanOut]) as tf.Tensor2D,
      flat.slice(offset + fanIn * fanOut, fanOut) as tf.Tensor1D,
    ]),
  );
}

/** Joins per-layer weights into the flat layout. */
export function flatten(layers: LayerTensors): tf.Tensor1D {
  return tf.tidy(
    () => tf.concat(layers.flatMap(([w, b]) => [w.reshape([-1]), b])) as tf.Tensor1D,
  );
}

/**
 * x W + b with a gradient that transposes explicitly: on the WASM backend a matmul
 * with a transposed operand takes a slow path (measured ~10 ms against ~1 ms for a
 * 128 x 784 by 784 x 128 product), and the default gradient uses exactly those.
 */
const dense = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, b, save] = args as [
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor1D,
    tf.GradSaveFunc,
  ];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const grad = dy as tf.Tensor2D;
      const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [
        tf.matMul(grad, tf.transpose(sw)),
        tf.matMul(tf.transpose(sx), grad),
        tf.sum(grad, 0),
      ];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** Logits of `x` [n, 784] under `layers`. */
export function forward(layers: LayerTensors, x: tf.Tensor2D): tf.Tensor2D {
  let h: tf.Tensor2D = x;
  layers.forEach(([w, b], i) => {
    const z = dense(h, w, b);
    h = i + 1 < layers.length ? tf.relu(z) : z;
  });
  return h;
}

/**
 * PyTorch's default initialisation of a linear layer: W and b uniform in
 * +-1/sqrt(fanIn), seeded per layer so each endpoint seed gives one network.
 */
export function initialLayers(layout: MlpLayout, seed: number): LayerTensors {
  return layout.layers.map(({ fanIn, fanOut }, i) => {
    const bound = 1 / Math.sqrt(fanIn);
    const base = seed * 7919 + i * 2;
    return [
      tf.randomUniform([fanIn, fanOut], -bound, bound, 'float32', base) as tf.Tensor2D,
      tf.randomUniform([fanOut], -bound, bound, 'float32', base + 1) as tf.Tensor1D,
    ];
  });
}

/** Mean cross-entropy of logits against one-hot labels. */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
}
