/**
 * The MLP: dense layers of the configured widths with ReLU, optionally batch norm
 * after each hidden ReLU, on the image flattened to h * w * c inputs. Initialised as
 * PyTorch's linear layers are (W and b uniform in +-1/sqrt(fanIn)); batch norm
 * starts at scale 1, shift 0. Blocks per layer: W [fanIn, fanOut], b, then scale and
 * shift for a normalised hidden layer.
 */
import { type ModelConfig } from '../config/model-config.js';
import { tf } from '../tf/backend.js';
import { type LayerStatistics, batchNorm } from './batch-norm.js';
import { dense } from './dense.js';
import { mlpLayout } from './mlp-layout.js';
import { type Network, countText } from './network.js';
import {
  type BlockSpec,
  blockReader,
  layerBlocks,
  normBlocks,
  placeBlocks,
} from './parameter-layout.js';

export function mlpNetwork(
  config: ModelConfig,
  shape: [number, number, number],
  classes: number,
): Network {
  const sizes = [shape[0] * shape[1] * shape[2], ...config.hidden, classes];
  const layerCount = sizes.length - 1;
  const specs: BlockSpec[] = [];
  for (let i = 0; i < layerCount; i++) {
    const fanIn = sizes[i] as number;
    const fanOut = sizes[i + 1] as number;
    specs.push(...layerBlocks(`dense${i + 1}`, [fanIn, fanOut], fanIn, i));
    if (config.batchNorm && i + 1 < layerCount) {
      specs.push(...normBlocks(`norm${i + 1}`, fanOut));
    }
  }
  const { blocks, parameterCount } = placeBlocks(specs);
  const norm = config.batchNorm ? ', batch norm' : '';
  return {
    type: 'mlp',
    description: `MLP ${sizes.join('-')}${norm}, ${countText(parameterCount)} weights`,
    blocks,
    parameterCount,
    normLayers: config.batchNorm ? layerCount - 1 : 0,
    floatsPerExample: Math.max(...sizes),
    ...(config.batchNorm ? {} : { affine: mlpLayout(sizes) }),
    forward(parameters, x, normalisation) {
      const statistics: LayerStatistics[] = [];
      const next = blockReader(parameters);
      let h: tf.Tensor2D = x;
      for (let i = 0; i < layerCount; i++) {
        const z = dense(h, next() as tf.Tensor2D, next() as tf.Tensor1D);
        if (i + 1 === layerCount) return { logits: z, statistics };
        h = tf.relu(z);
        if (config.batchNorm) {
          h = batchNorm(h, next(), next(), normalisation, i, statistics) as tf.Tensor2D;
        }
      }
      throw new Error('the MLP has no layers');
    },
  };
}
