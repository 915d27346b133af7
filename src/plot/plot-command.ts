/**
 * The `plot` command, for `src/cli.ts` to register: `yargs(...).command(plotCommand)`.
 */
import { type CommandModule } from 'yargs';
import { type FlagText, flagText } from '../config/flags.js';
import { plotLandscape } from './plot-bundle.js';

interface PlotArgs {
  source: string;
  out?: FlagText;
  force: boolean;
}

export const plotCommand: CommandModule<object, PlotArgs> = {
  command: 'plot [source]',
  describe:
    'draw the figures of a landscape: loss and error on the plane, and along the ' +
    'curve and the segment (PNG and SVG)',
  builder: (yargs) =>
    yargs
      .positional('source', {
        type: 'string',
        default: 'config/train/mnist-mlp.yaml',
        describe: 'a training config (trained first when missing) or a bundle folder',
      })
      .option('out', {
        type: 'string',
        describe: 'folder for the figures (default: <bundle>/figures)',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'train the landscape again even if its bundle exists',
      }),
  handler: async (args) => {
    const outDir = flagText('out', args.out, 'renders/figures');
    const paths = await plotLandscape(args.source, {
      force: args.force,
      ...(outDir !== undefined ? { outDir } : {}),
    });
    for (const path of paths) process.stdout.write(`${path}\n`);
  },
};
