/**
 * Seeded samples stratified by class, shared by the embedded digits and the dataset
 * files so both draw their splits the same way.
 */
import { random, shuffled } from '../util/random.js';
import { apportion } from './apportion.js';

/** One example: [class, its index among the members of that class]. */
export type ClassRef = [number, number];

/**
 * Draws disjoint samples of `counts[k]` examples from classes of `classSizes`, each
 * stratified by class (largest remainder). Each class's members are shuffled by the
 * stream `${streamPrefix}split-${class}` and dealt out in slices, sample after sample;
 * each sample is then shuffled by one `${streamPrefix}order` stream, in turn. The
 * counts must add up to at most the sum of the sizes (the caller says why not).
 */
export function stratifiedSamples(
  classSizes: readonly number[],
  counts: readonly number[],
  seed: number,
  streamPrefix = '',
): ClassRef[][] {
  const perClass = counts.map((count) => apportion(classSizes, count));
  const samples: ClassRef[][] = counts.map(() => []);
  classSizes.forEach((size, label) => {
    const rng = random(seed, `${streamPrefix}split-${label}`);
    const order = shuffled(
      Array.from({ length: size }, (_, i) => i),
      rng,
    );
    let start = 0;
    samples.forEach((sample, k) => {
      const n = perClass[k]?.[label] ?? 0;
      for (const i of order.slice(start, start + n)) sample.push([label, i]);
      start += n;
    });
  });
  const mix = random(seed, `${streamPrefix}order`);
  return samples.map((sample) => shuffled(sample, mix));
}
