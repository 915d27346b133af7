/**
 * The `train` and `merge` commands, for `src/cli.ts` to register:
 * `yargs(...).command(trainCommand).command(mergeCommand)`.
 */
import { type CommandModule } from 'yargs';
import { type FlagText, flagText, numberFlag } from '../config/flags.js';
import { type EnsureOptions, ensureLandscape, trainShard } from './ensure.js';
import { parseShard } from './grid-shard.js';
import { mergeShards } from './merge-shards.js';

interface TrainArgs {
  config: string;
  force: boolean;
  workers?: FlagText;
  shard?: FlagText;
}

interface MergeArgs {
  sources: string[];
  workers?: FlagText;
}

const workersFlag = {
  type: 'string',
  requiresArg: true,
  describe: 'worker threads (default: the config)',
} as const;

function workerOptions(workers: FlagText): EnsureOptions {
  const count = numberFlag('workers', workers, '2');
  return count === undefined ? {} : { workers: count };
}

export const trainCommand: CommandModule<object, TrainArgs> = {
  command: 'train [config]',
  describe:
    'train the endpoints and the curve, measure the paths and the plane, write a ' +
    'landscape bundle (an interrupted run resumes)',
  builder: (y) =>
    y
      .positional('config', {
        type: 'string',
        default: 'config/train/mnist-mlp.yaml',
        describe: 'training config (YAML)',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'train afresh even if the bundle or a resumable run exists',
      })
      .option('workers', workersFlag)
      .option('shard', {
        type: 'string',
        requiresArg: true,
        describe:
          'compute part i of n of the grid (i from 0), e.g. 0/4; join with icarus merge',
      }) as never,
  handler: async (argv) => {
    const options = { force: argv.force, ...workerOptions(argv.workers) };
    const shard = flagText('shard', argv.shard, '0/4');
    const dir =
      shard === undefined
        ? await ensureLandscape(argv.config, options)
        : await trainShard(argv.config, parseShard(shard), options);
    process.stdout.write(`${dir}\n`);
  },
};

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <sources..>',
  describe:
    'join grid shards (their folders, or the training config they came from) into ' +
    'the bundle a single run writes',
  builder: (y) =>
    y
      .positional('sources', {
        type: 'string',
        array: true,
        describe: 'shard folders, or one training config (YAML)',
      })
      .option('workers', workersFlag) as never,
  handler: async (argv) => {
    const dir = await mergeShards(argv.sources, workerOptions(argv.workers));
    process.stdout.write(`${dir}\n`);
  },
};
