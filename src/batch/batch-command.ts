/**
 * The `batch` command, for `src/cli.ts` to register: `icarus batch FILE.yaml` renders
 * every job of a batch file and prints the summary; exits non-zero when a job failed.
 */
import { type Argv, type CommandModule } from 'yargs';
import { IcarusError } from '../config/errors.js';
import { type FlagText, flagText, numberFlag } from '../config/flags.js';
import { plural } from './plural.js';
import { runBatch } from './run-batch.js';
import { summaryTable } from './summary-table.js';

interface BatchArgs {
  file?: string;
  jobs?: FlagText;
  out?: FlagText;
  ffmpeg?: FlagText;
  force: boolean;
  'dry-run': boolean;
}

export const batchCommand: CommandModule<object, BatchArgs> = {
  // Optional to yargs, so a missing file is named here with the usage, not reported
  // as "Not enough non-option arguments".
  command: 'batch [file]',
  describe:
    'render every job of a batch file (scenes x palettes x cameras x formats x sizes) ' +
    'on a pool of workers, with a contact sheet and a manifest',
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', describe: 'batch file (YAML); required' })
      .option('jobs', {
        type: 'string',
        describe: 'worker processes rendering at once (default: the core count)',
      })
      .option('out', {
        type: 'string',
        describe:
          "output folder (default: the batch file's out, else renders/batch/<name>)",
      })
      .option('ffmpeg', {
        type: 'string',
        describe: 'ffmpeg binary (default: ICARUS_FFMPEG, the installed package, PATH)',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'render every job, even those whose inputs have not changed',
      })
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe:
          'list the jobs, whether each would render and the landscapes a run would ' +
          'train; render and train nothing',
      })
      .example('$0 batch scenes/batch-example.yaml', 'render every job of the example')
      .example(
        '$0 batch scenes/batch-example.yaml --dry-run',
        'list its jobs without rendering',
      ) as Argv<BatchArgs>,
  handler: async (args) => {
    if (args.file === undefined || args.file.trim() === '') {
      throw new IcarusError(
        'icarus batch: no batch file given (usage: icarus batch FILE.yaml [options]; ' +
          'icarus batch --help lists the options)',
        'name the batch file, such as icarus batch scenes/batch-example.yaml',
      );
    }
    const jobs = numberFlag('jobs', args.jobs, '2');
    const outDir = flagText('out', args.out, 'renders/my-batch');
    const ffmpeg = flagText('ffmpeg', args.ffmpeg, '/usr/bin/ffmpeg');
    const result = await runBatch({
      file: args.file,
      force: args.force,
      dryRun: args['dry-run'],
      ...(jobs !== undefined ? { jobs } : {}),
      ...(outDir !== undefined ? { outDir } : {}),
      ...(ffmpeg !== undefined ? { ffmpeg } : {}),
    });
    process.stdout.write(summaryTable(result));
    if (result.failed > 0) {
      const names = result.jobs
        .filter((row) => row.status === 'failed')
        .map((row) => `job ${row.job.index}`);
      throw new IcarusError(
        `${result.failed} of ${plural(result.jobs.length, 'job')} failed (${names.join(', ')})`,
        `see the FAILED rows above; ${result.manifestPath ?? 'batch.json'} holds each error in full`,
      );
    }
  },
};
