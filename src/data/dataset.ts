/**
 * A dataset as every stage sees it: images in [0, 1], channels last, a train and a
 * test split drawn stratified by class with a fixed seed.
 */
import { type DataConfig, type DataSource } from '../config/data-config.js';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { cifarFolder, readCifarExamples } from './cifar-batches.js';
import { dataFolder } from './data-folder.js';
import { type ExampleFile, sampleSplit } from './example-file.js';
import { readIdxExamples } from './idx-examples.js';
import { classCount, loadDigits } from './mnist.js';

const log = logger('data');

export interface Split {
  /** Row-major [count, height, width, channels] values in [0, 1]. */
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

export interface Dataset {
  /** The config's source, for logs. */
  name: string;
  /** [height, width, channels] of one image. */
  shape: [number, number, number];
  classes: number;
  train: Split;
  test: Split;
}

/** [height, width, channels] of one image of each source, known before loading. */
export const sourceShapes: Record<DataSource, [number, number, number]> = {
  'mnist-package': [28, 28, 1],
  mnist: [28, 28, 1],
  'fashion-mnist': [28, 28, 1],
  cifar10: [32, 32, 3],
};

/** Values per image. */
export function imageSize(dataset: Pick<Dataset, 'shape'>): number {
  return dataset.shape[0] * dataset.shape[1] * dataset.shape[2];
}

/** Reads the train or test examples of a file-based source from its folder. */
function examplesReader(
  source: Exclude<DataSource, 'mnist-package'>,
  folder: string,
): (split: 'train' | 'test') => ExampleFile {
  if (source === 'cifar10') {
    const batches = cifarFolder(folder);
    return (split) => readCifarExamples(batches, split, classCount);
  }
  return (split) =>
    readIdxExamples(folder, source, split === 'train' ? 'train' : 't10k', classCount);
}

/**
 * Loads and splits the dataset a config names; the same config gives the same splits.
 * `mnist-package` splits one pool of embedded digits into both; the file sources draw
 * the train split from the training files and the test split from the test files.
 * Throws an IcarusError naming the file when a file is missing or malformed.
 */
export function loadDataset(config: DataConfig): Dataset {
  const shape = sourceShapes[config.source];
  if (config.source === 'mnist-package') {
    return { name: config.source, shape, classes: classCount, ...loadDigits(config) };
  }
  if (config.folder === undefined) {
    throw new IcarusError(
      `data.source ${config.source} reads its files from a folder, and data.folder is not set`,
      'set data.folder to the folder holding the dataset files',
    );
  }
  const read = examplesReader(config.source, dataFolder(config.folder, config.source));
  // One split's files at a time: CIFAR-10's training batches alone are 150 MB.
  const draw = (split: 'train' | 'test', count: number): Split => {
    const file = read(split);
    const sample = sampleSplit(file, {
      key: `data.${split}Count`,
      count,
      seed: config.splitSeed,
      stream: split,
      classes: classCount,
    });
    log.debug(
      `${config.source} ${split}: ${count} of the ${file.count} in ${file.name}`,
    );
    return sample;
  };
  const train = draw('train', config.trainCount);
  const test = draw('test', config.testCount);
  return { name: config.source, shape, classes: classCount, train, test };
}
