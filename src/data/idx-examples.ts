/**
 * MNIST and Fashion-MNIST from their standard IDX files: 28 x 28 grey images and their
 * labels, each file plain or gzipped, under the published names or their dotted
 * variants (`train-images.idx3-ubyte`).
 */
import { IcarusError } from '../config/errors.js';
import { requireFile } from './data-folder.js';
import { type ExampleFile } from './example-file.js';
import { idxImagesMagic, idxLabelsMagic, parseIdx } from './idx-file.js';
import { readDataFile } from './read-data-file.js';

export const idxImageSide = 28;

export type IdxSource = 'mnist' | 'fashion-mnist';

/** Where each source's four files can be downloaded. */
export const idxDownloads: Record<IdxSource, string> = {
  mnist: 'https://ossci-datasets.s3.amazonaws.com/mnist/',
  'fashion-mnist': 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
};

/** The names a file is published under: `train-images-idx3-ubyte` and variants. */
export function idxFileNames(
  prefix: 'train' | 't10k',
  kind: 'images' | 'labels',
): string[] {
  const rank = kind === 'images' ? 3 : 1;
  const names = [
    `${prefix}-${kind}-idx${rank}-ubyte`,
    `${prefix}-${kind}.idx${rank}-ubyte`,
  ];
  return names.flatMap((name) => [name, `${name}.gz`]);
}

function checkLabels(labels: Uint8Array, path: string, classes: number): void {
  const bad = labels.findIndex((label) => label >= classes);
  if (bad >= 0) {
    throw new IcarusError(
      `${path}: label ${labels[bad]} at example ${bad} is out of range 0..${classes - 1}`,
      'check the file is an MNIST or Fashion-MNIST labels file',
    );
  }
}

/**
 * The examples of the `train` or `t10k` pair of files in `folder`. Throws, naming the
 * file, when one is missing, is not IDX, is truncated, holds images other than
 * 28 x 28, labels outside 0..classes-1, or a count the other file disagrees with.
 */
export function readIdxExamples(
  folder: string,
  source: IdxSource,
  prefix: 'train' | 't10k',
  classes: number,
): ExampleFile {
  const fix =
    `download the four ${source} files (the .gz files are read as they are) from ` +
    `${idxDownloads[source]} into data.folder`;
  const imagesPath = requireFile(folder, idxFileNames(prefix, 'images'), fix);
  const labelsPath = requireFile(folder, idxFileNames(prefix, 'labels'), fix);
  const images = parseIdx(readDataFile(imagesPath), imagesPath, idxImagesMagic);
  const labels = parseIdx(readDataFile(labelsPath), labelsPath, idxLabelsMagic);
  const [count = 0, rows = 0, cols = 0] = images.dims;
  if (rows !== idxImageSide || cols !== idxImageSide) {
    throw new IcarusError(
      `${imagesPath}: images are ${rows} x ${cols}, expected ` +
        `${idxImageSide} x ${idxImageSide}`,
      'use the MNIST or Fashion-MNIST images file',
    );
  }
  if (labels.dims[0] !== count) {
    throw new IcarusError(
      `${labelsPath}: ${labels.dims[0]} labels, but ${imagesPath} holds ${count} images`,
      'use the labels file that belongs with the images file',
    );
  }
  checkLabels(labels.data, labelsPath, classes);
  const pixels = images.data;
  const size = rows * cols;
  return {
    name: imagesPath,
    shape: [rows, cols, 1],
    labels: labels.data,
    count,
    copyImage(index, out, offset) {
      const start = index * size;
      for (let p = 0; p < size; p++) out[offset + p] = (pixels[start + p] ?? 0) / 255;
    },
  };
}
