/**
 * The examples of one split as read from a dataset's files, and the seeded,
 * stratified sample a Split is made of.
 */
import { IcarusError } from '../config/errors.js';
import { type Split } from './dataset.js';
import { stratifiedSamples } from './stratified-samples.js';

export interface ExampleFile {
  /** The file or files read, for messages. */
  name: string;
  /** [height, width, channels] of one image. */
  shape: [number, number, number];
  /** One label per example, each below the dataset's class count. */
  labels: Uint8Array;
  count: number;
  /** Writes example `index` to `out` from `offset`: channels last, values in [0, 1]. */
  copyImage(index: number, out: Float32Array, offset: number): void;
}

export interface SampleOptions {
  /** The config key the count comes from, for messages: `data.trainCount`. */
  key: string;
  count: number;
  seed: number;
  /** Random streams are named after it, so the train and test draws differ. */
  stream: string;
  classes: number;
}

/** Indices of the examples of each class, in file order. */
function membersByClass(file: ExampleFile, classes: number): Int32Array[] {
  const sizes = new Int32Array(classes);
  for (const label of file.labels) sizes[label] = (sizes[label] ?? 0) + 1;
  const members = Array.from(sizes, (size) => new Int32Array(size));
  const filled = new Int32Array(classes);
  file.labels.forEach((label, index) => {
    (members[label] as Int32Array)[filled[label] ?? 0] = index;
    filled[label] = (filled[label] ?? 0) + 1;
  });
  return members;
}

/**
 * A Split of `count` examples of `file`, stratified by class and shuffled, the same
 * for the same seed. Throws when the file holds fewer examples than `count` or none
 * of some class (a stratified split needs every class).
 */
export function sampleSplit(file: ExampleFile, options: SampleOptions): Split {
  if (options.count > file.count) {
    throw new IcarusError(
      `${options.key} ${options.count}: ${file.name} holds only ${file.count} examples`,
      `lower ${options.key} to at most ${file.count}, or use the complete files`,
    );
  }
  const members = membersByClass(file, options.classes);
  const empty = members.findIndex((m) => m.length === 0);
  if (empty >= 0) {
    throw new IcarusError(
      `${file.name}: no example of class ${empty} among its ${file.count}; ` +
        'the stratified split needs every class',
      'use the complete dataset files',
    );
  }
  const [refs = []] = stratifiedSamples(
    members.map((m) => m.length),
    [options.count],
    options.seed,
    `${options.stream}-`,
  );
  const size = file.shape[0] * file.shape[1] * file.shape[2];
  const images = new Float32Array(refs.length * size);
  const labels = new Int32Array(refs.length);
  refs.forEach(([label, member], row) => {
    file.copyImage((members[label] as Int32Array)[member] ?? 0, images, row * size);
    labels[row] = label;
  });
  return { images, labels, count: refs.length };
}
