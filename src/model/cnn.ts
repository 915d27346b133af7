/**
 * The small CNN: conv(k, channels[0]) -> ReLU -> [BN] -> 2x2 max-pool ->
 * conv(k, channels[1]) -> ReLU -> [BN] -> 2x2 max-pool -> flatten -> dense(dense) ->
 * ReLU -> [BN] -> dense(classes). Convolutions are stride 1 with 'same' padding;
 * pools are 2x2, stride 2, dropping an odd last row or column (PyTorch's MaxPool2d).
 * Initialised as PyTorch does (uniform in +-1/sqrt(fanIn), fanIn = k * k * cin for a
 * kernel); batch norm starts at scale 1, shift 0.
 * Blocks: conv1.kernel [k, k, c, c0], conv1.bias, [norm1], conv2.kernel, conv2.bias,
 * [norm2], dense1.weight [flat, dense], dense1.bias, [norm3], dense2.weight, dense2.bias.
 */
import { type ModelConfig } from '../config/model-config.js';
import { IcarusError } from '../config/errors.js';
import { tf } from '../tf/backend.js';
import { type LayerStatistics, batchNorm } from './batch-norm.js';
import { conv2d } from './conv2d.js';
import { dense } from './dense.js';
import { type Network, countText } from './network.js';
import {
  type BlockSpec,
  blockReader,
  layerBlocks,
  normBlocks,
  placeBlocks,
} from './parameter-layout.js';

export function cnnNetwork(
  config: ModelConfig,
  shape: [number, number, number],
  classes: number,
): Network {
  const [height, width, channels] = shape;
  const [c1, c2] = config.channels;
  const k = config.kernel;
  // Each 2x2 pool floors the side, so an odd last row or column is dropped.
  const pooledHeight = Math.floor(Math.floor(height / 2) / 2);
  const pooledWidth = Math.floor(Math.floor(width / 2) / 2);
  if (pooledHeight < 1 || pooledWidth < 1) {
    throw new IcarusError(
      `model.type cnn: images of ${height} x ${width} vanish after its two 2x2 max-pools`,
      'use images of at least 4 x 4 pixels, or model.type mlp',
    );
  }
  const flat = pooledHeight * pooledWidth * c2;
  const bn = config.batchNorm;
  const specs: BlockSpec[] = [
    ...layerBlocks('conv1', [k, k, channels, c1], k * k * channels, 0),
    ...(bn ? normBlocks('norm1', c1) : []),
    ...layerBlocks('conv2', [k, k, c1, c2], k * k * c1, 1),
    ...(bn ? normBlocks('norm2', c2) : []),
    ...layerBlocks('dense1', [flat, config.dense], flat, 2),
    ...(bn ? normBlocks('norm3', config.dense) : []),
    ...layerBlocks('dense2', [config.dense, classes], config.dense, 3),
  ];
  const { blocks, parameterCount } = placeBlocks(specs);
  const normText = bn ? ', batch norm' : '';
  return {
    type: 'cnn',
    description:
      `CNN ${k}x${k} conv ${c1}-${c2}, dense ${config.dense}${normText}, ` +
      `${countText(parameterCount)} weights`,
    blocks,
    parameterCount,
    normLayers: bn ? 3 : 0,
    floatsPerExample: height * width * Math.max(channels * k * k, c1),
    forward(parameters, x, normalisation) {
      const statistics: LayerStatistics[] = [];
      const next = blockReader(parameters);
      const n = x.shape[0];
      const convBlock = (input: tf.Tensor4D, layerIndex: number): tf.Tensor4D => {
        let h = tf.relu(conv2d(input, next() as tf.Tensor4D, next() as tf.Tensor1D));
        if (bn) {
          h = batchNorm(
            h,
            next(),
            next(),
            normalisation,
            layerIndex,
            statistics,
          ) as tf.Tensor4D;
        }
        return tf.maxPool(h, 2, 2, 'valid');
      };
      const images = x.reshape([n, height, width, channels]) as tf.Tensor4D;
      const features = convBlock(convBlock(images, 0), 1).reshape([
        n,
        flat,
      ]) as tf.Tensor2D;
      let h = tf.relu(dense(features, next() as tf.Tensor2D, next() as tf.Tensor1D));
      if (bn)
        h = batchNorm(h, next(), next(), normalisation, 2, statistics) as tf.Tensor2D;
      const logits = dense(h, next() as tf.Tensor2D, next() as tf.Tensor1D);
      return { logits, statistics };
    },
  };
}
