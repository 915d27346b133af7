/** The `model` section of a training config: the network whose landscape is drawn. */
import { z } from 'zod';

export const modelTypes = ['mlp', 'cnn'] as const;
export type ModelType = (typeof modelTypes)[number];

export const modelSection = z
  .strictObject({
    type: z
      .enum(modelTypes)
      .default('mlp')
      .describe('mlp: dense ReLU layers; cnn: two conv layers and a dense head'),
    hidden: z
      .array(z.number().int().min(1).max(4096))
      .min(1)
      .max(8)
      .default([128, 128])
      .describe('mlp: widths of the hidden layers'),
    channels: z
      .tuple([z.number().int().min(1).max(256), z.number().int().min(1).max(256)])
      .default([8, 16])
      .describe('cnn: channels of the two conv layers'),
    kernel: z
      .number()
      .int()
      .min(1)
      .max(7)
      .default(3)
      .describe('cnn: side of the square conv kernels'),
    dense: z
      .number()
      .int()
      .min(1)
      .max(4096)
      .default(64)
      .describe("cnn: width of the dense head's hidden layer"),
    batchNorm: z
      .boolean()
      .default(false)
      .describe(
        'batch norm after each hidden layer; its statistics are recomputed on the ' +
          'training split for every evaluated point, as the reference does',
      ),
  })
  .prefault({});

export type ModelConfig = z.output<typeof modelSection>;
