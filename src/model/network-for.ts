/** Builds the network a config's `model` section names, for one dataset. */
import { type ModelConfig } from '../config/model-config.js';
import { cnnNetwork } from './cnn.js';
import { mlpNetwork } from './mlp.js';
import { type Network } from './network.js';

/** The network `config` describes for images of `shape` [h, w, c] and `classes`. */
export function networkFor(
  config: ModelConfig,
  shape: [number, number, number],
  classes: number,
): Network {
  return config.type === 'cnn'
    ? cnnNetwork(config, shape, classes)
    : mlpNetwork(config, shape, classes);
}
