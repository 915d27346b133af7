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

/** The train and test examples of a file-based source, as read from its folder. */
function readExamples(
  source: Exclude<DataSource, 'mnist-package'>,
  folder: string,
): [ExampleFile, ExampleFile] {
  if (source === 'cifar10') {
    const batches = cifarFolder(folder);
    return [
      readCifarExamples(batches, 'train', classCount),
      readCifarExamples(batches, 'test', classCount),
    ];
  }
  return [
    readIdxExamples(folder, source, 'train', classCount),
    readIdxExamples(folder, source, 't10k', classCount),
  ];
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
  const [trainFile, testFile] = readExamples(
    config.source,
    dataFolder(config.folder, config.source),
  );
  const draw = { seed: config.splitSeed, classes: classCount };
  const dataset: Dataset = {
    name: config.source,
    shape,
    classes: classCount,
    train: sampleSplit(trainFile, {
      ...draw,
      key: 'data.trainCount',
      count: config.trainCount,
      stream: 'train',
    }),
    test: sampleSplit(testFile, {
      ...draw,
      key: 'data.testCount',
      count: config.testCount,
      stream: 'test',
    }),
  };
  log.debug(
    `${config.source}: ${dataset.train.count} of ${trainFile.count} training and ` +
      `${dataset.test.count} of ${testFile.count} test examples`,
  );
  return dataset;
}
