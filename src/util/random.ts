/** Seeded randomness, so the same config and seed give the same bundle. */
import seedrandom from 'seedrandom';

export type Random = () => number;

/** A generator of uniform numbers in [0, 1) from `seed` and a stream name. */
export function random(seed: number, stream: string): Random {
  return seedrandom(`icarus:${stream}:${seed}`);
}

/** A uniformly shuffled copy of `items` (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], rng: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
