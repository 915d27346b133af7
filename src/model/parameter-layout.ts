/**
 * Where each parameter tensor of a network lives in its flat weight vector, so that
 * any point of weight space (an endpoint, a bend, a grid point) is one Float32Array.
 * Blocks follow one another with no gaps; each is stored row-major in its shape.
 */
import { tf } from '../tf/backend.js';

/** How a fresh network sets a block. */
export type BlockInit =
  | {
      kind: 'uniform';
      /** Values are drawn from U(-bound, bound). */
      bound: number;
      /** Added to the endpoint seed's base, so each block draws its own stream. */
      seedOffset: number;
    }
  | { kind: 'constant'; value: number };

export interface ParameterBlock {
  /** For messages, e.g. `conv1.kernel`. */
  name: string;
  shape: number[];
  offset: number;
  size: number;
  init: BlockInit;
}

/** A block as the network builders describe it, before it has an offset. */
export type BlockSpec = Omit<ParameterBlock, 'offset' | 'size'>;

/** Places `specs` one after another; returns the blocks and the parameter count. */
export function placeBlocks(specs: BlockSpec[]): {
  blocks: ParameterBlock[];
  parameterCount: number;
} {
  let offset = 0;
  const blocks = specs.map((spec) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const block = { ...spec, offset, size };
    offset += size;
    return block;
  });
  return { blocks, parameterCount: offset };
}

/** Splits a flat weight tensor into one tensor per block, in its shape. */
export function unflatten(blocks: ParameterBlock[], flat: tf.Tensor1D): tf.Tensor[] {
  return tf.tidy(() =>
    blocks.map(({ offset, size, shape }) => flat.slice(offset, size).reshape(shape)),
  );
}

/** Joins one tensor per block into the flat layout. */
export function flatten(parameters: tf.Tensor[]): tf.Tensor1D {
  return tf.tidy(
    () => tf.concat(parameters.map((p) => p.reshape([-1]))) as tf.Tensor1D,
  );
}

/**
 * A fresh network's parameters: uniform blocks seeded from `seed * 7919 +
 * seedOffset` (so each endpoint seed gives one network), constant blocks filled.
 */
export function initialParameters(blocks: ParameterBlock[], seed: number): tf.Tensor[] {
  return blocks.map(({ shape, init }) =>
    init.kind === 'uniform'
      ? tf.randomUniform(
          shape,
          -init.bound,
          init.bound,
          'float32',
          seed * 7919 + init.seedOffset,
        )
      : tf.fill(shape, init.value),
  );
}

/** A uniform init, seeded at `seedOffset` from the endpoint seed's base. */
export function uniform(bound: number, seedOffset: number): BlockInit {
  return { kind: 'uniform', bound, seedOffset };
}

/**
 * The weight (named kernel when `weightShape` is 4-D) and bias of layer `name`, both
 * uniform in +-1/sqrt(fanIn) as PyTorch initialises them. The bias has the last
 * dimension of `weightShape`; `index` is the layer's place in the network, which
 * gives the seed offsets 2 index and 2 index + 1.
 */
export function layerBlocks(
  name: string,
  weightShape: number[],
  fanIn: number,
  index: number,
): BlockSpec[] {
  const bound = 1 / Math.sqrt(fanIn);
  const out = weightShape[weightShape.length - 1] as number;
  const isKernel = weightShape.length === 4;
  return [
    {
      name: `${name}.${isKernel ? 'kernel' : 'weight'}`,
      shape: weightShape,
      init: uniform(bound, 2 * index),
    },
    { name: `${name}.bias`, shape: [out], init: uniform(bound, 2 * index + 1) },
  ];
}

/** The learned scale (starting at 1) and shift (at 0) of a batch-norm layer. */
export function normBlocks(name: string, channels: number): BlockSpec[] {
  return [
    { name: `${name}.scale`, shape: [channels], init: { kind: 'constant', value: 1 } },
    { name: `${name}.shift`, shape: [channels], init: { kind: 'constant', value: 0 } },
  ];
}

/** Hands out `parameters` in order, failing loudly if a layout and its pass disagree. */
export function blockReader(parameters: tf.Tensor[]): () => tf.Tensor {
  let next = 0;
  return () => {
    const block = parameters[next++];
    if (!block) throw new Error(`the forward pass wants block ${next - 1}, not given`);
    return block;
  };
}
