/**
 * The `batch` command, for `src/cli.ts` to register: `icarus batch FILE.yaml` renders
 * every job of a batch file and prints the summary; exits non-zero when a job failed.
 */
import { type Argv, type CommandModule } from 'yargs';
import { IcarusError } from '../config/errors.js';
import { type FlagText, flagText, numberFlag } from '../config/flags.js';
import { runBatch } from './run-batch.js';
import { summaryTable } from './summary-table.js';

interface BatchArgs {
  file: string;
  jobs?: FlagText;
  out?: FlagText;
  force: boolean;
  'dry-run': boolean;
}

export const batchCommand: CommandModule<object, BatchArgs> = {
  command: 'batch <file>',
  describe:
    'render every job of a batch file (scenes x palettes x cameras x formats x sizes) ' +
    'on a pool of workers, with a contact sheet and a manifest',
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', describe: 'batch file (YAML)' })
      .option('jobs', {
        type: 'string',
        describe: 'worker processes rendering at once (default: the core count)',
      })
      .option('out', {
        type: 'string',
        describe:
          "output folder (default: the batch file's out, else renders/batch/<name>)",
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'render every job, even those whose inputs have not changed',
      })
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe: 'list the jobs and whether each would render; render nothing',
      }) as Argv<BatchArgs>,
  handler: async (args) => {
    const jobs = numberFlag('jobs', args.jobs, '2');
    const outDir = flagText('out', args.out, 'renders/my-batch');
    const result = await runBatch({
      file: args.file,
      force: args.force,
      dryRun: args['dry-run'],
      ...(jobs !== undefined ? { jobs } : {}),
      ...(outDir !== undefined ? { outDir } : {}),
    });
    process.stdout.write(summaryTable(result));
    if (result.failed > 0) {
      const names = result.jobs
        .filter((row) => row.status === 'failed')
        .map((row) => `job ${row.job.index}`);
      throw new IcarusError(
        `${result.failed} of ${result.jobs.length} jobs failed (${names.join(', ')})`,
        `see the FAILED rows above; ${result.manifestPath ?? 'batch.json'} holds each error in full`,
      );
    }
  },
};
