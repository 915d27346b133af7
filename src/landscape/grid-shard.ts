/**
 * A part of the plane's grid: `--shard i/n` computes the i-th of n contiguous ranges
 * of alpha rows (i from 0), so n machines can share one grid and `icarus merge` joins
 * their parts.
 */
import { IcarusError } from '../config/errors.js';

export interface GridShard {
  index: number;
  count: number;
}

/**
 * Parses `i/n` (0 <= i < n); `flag` names the flag and `whole` what is split (a
 * render uses it too) in errors.
 */
export function parseShard(
  text: string,
  flag = '--shard',
  whole = 'a grid',
): GridShard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !(count >= 1) || !(index < count)) {
    throw new IcarusError(
      `${flag} ${text}: expected i/n with 0 <= i < n, such as 0/4`,
      `shards count from 0: ${whole} in 4 parts is 0/4, 1/4, 2/4 and 3/4`,
    );
  }
  return { index, count };
}

/** The alpha rows [start, end) of `shard` in a grid of `rows` rows. */
export function shardRows(
  shard: GridShard | undefined,
  rows: number,
): [number, number] {
  if (!shard) return [0, rows];
  const start = Math.floor((shard.index * rows) / shard.count);
  const end = Math.floor(((shard.index + 1) * rows) / shard.count);
  return [start, end];
}

export function shardName(shard: GridShard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}
