/**
 * The `icarus` command: `train` builds a landscape bundle (`merge` joins grid shards),
 * `plot` draws its figures, `render` and `still` turn a scene into a video or a picture
 * (`concat` joins the parts of a split render).
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { batchCommand } from './batch/batch-command.js';
import { IcarusError } from './config/errors.js';
import { mergeCommand, trainCommand } from './landscape/cli-commands.js';
import { type LogLevel, logger, setLogLevel } from './log/logger.js';
import { plotCommand } from './plot/plot-command.js';
import { presetsCommand, renderCommand, stillCommand } from './render/cli-commands.js';
import { concatCommand } from './render/concat-command.js';
import { interrupted, runCleanups } from './util/cleanup.js';

const log = logger('icarus');

/** yargs' own failure messages, made to name what was wrong and where to look. */
function cliMessage(message: string): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown?.[1]) {
    // yargs lists each dashed flag twice, as given and camel-cased.
    const given = unknown[1].split(', ').filter((name) => !/[A-Z]/.test(name));
    // `--frames -3:5`: yargs reads the value as the flags -3 and so on.
    const at = process.argv.findIndex((arg) => /^-[\d.:]/.test(arg));
    const flag = process.argv[at - 1] ?? '';
    const hint =
      at > 0 && flag.startsWith('--')
        ? `; a value starting with '-' is read as an option: join it with '=', ` +
          `as in ${flag}=${process.argv[at]}`
        : '';
    return `unknown option ${given.map((n) => `--${n}`).join(', ')}${hint} (see icarus --help)`;
  }
  if (message.startsWith('Did you mean')) {
    return `unknown command '${process.argv[2] ?? ''}'. ${message} (see icarus --help)`;
  }
  return `${message} (see icarus --help)`;
}

async function main(): Promise<void> {
  await yargs(hideBin(process.argv))
    .scriptName('icarus')
    .option('quiet', {
      type: 'boolean',
      describe: 'print nothing but errors',
      default: false,
    })
    .option('verbose', {
      type: 'boolean',
      describe: 'print debug lines',
      default: false,
    })
    .middleware((argv) => {
      const level: LogLevel = argv.quiet ? 'error' : argv.verbose ? 'debug' : 'info';
      setLogLevel(level);
    })
    .command(trainCommand)
    .command(mergeCommand)
    .command(renderCommand)
    .command(concatCommand)
    .command(stillCommand)
    .command(plotCommand)
    .command(presetsCommand)
    .command(batchCommand)
    .demandCommand(
      1,
      'name a command: train, merge, plot, render, concat, still, batch or presets',
    )
    .strict()
    .recommendCommands()
    .help()
    .fail((message, error) => {
      // yargs' own complaints (YError) are usage errors, not crashes.
      if (error && error.name !== 'YError') throw error;
      throw new IcarusError(cliMessage(message ?? error?.message ?? ''));
    })
    .parseAsync();
}

main()
  .then(() => runCleanups())
  .catch(async (error: unknown) => {
    if (interrupted()) return;
    await runCleanups();
    if (error instanceof IcarusError) log.error(error.message);
    else
      log.error(
        error instanceof Error ? (error.stack ?? error.message) : String(error),
      );
    process.exitCode = 1;
  });
