/**
 * The `concat` command, for `src/cli.ts` to register: `icarus concat [scene]` joins
 * the parts `render --shard` wrote beside the scene's video; `icarus concat A B C
 * --out X` joins the named videos in order.
 */
import { type Argv, type CommandModule } from 'yargs';
import { IcarusError } from '../config/errors.js';
import { type FlagText, flagText } from '../config/flags.js';
import { defaultScenePath } from '../scene/load-scene.js';
import {
  type SceneOptionArgs,
  sceneOptionFlags,
  sceneOptions,
} from './cli-commands.js';
import { concatFiles, concatSceneParts } from './concat-parts.js';

interface ConcatArgs extends SceneOptionArgs {
  inputs?: string[];
  out?: FlagText;
  ffmpeg?: FlagText;
  'keep-parts': boolean;
}

const isScene = (path: string): boolean => /\.ya?ml$/i.test(path);

export const concatCommand: CommandModule<object, ConcatArgs> = {
  command: 'concat [inputs..]',
  describe:
    'join the parts of a split render (render --shard) into the video a single render ' +
    'writes, by stream copy',
  builder: (yargs) =>
    sceneOptionFlags(
      yargs.positional('inputs', {
        type: 'string',
        array: true,
        describe: `a scene (YAML; default ${defaultScenePath}), or the videos to join in order`,
      }),
    )
      .option('out', {
        type: 'string',
        describe:
          'the joined video; with a scene the default is output.path, and the parts ' +
          'are looked for beside it (as render --shard --out names them). A .frames ' +
          'folder is checked (every frame there, of one size) and gets its sidecar',
      })
      .option('ffmpeg', {
        type: 'string',
        describe: 'ffmpeg binary (default: ICARUS_FFMPEG, the installed package, PATH)',
      })
      .option('keep-parts', {
        type: 'boolean',
        default: true,
        describe: 'keep the parts once joined (--no-keep-parts removes them)',
      })
      .example(
        '$0 concat',
        "join the default scene's parts (renders/icarus.part-*-of-n.mp4)",
      )
      .example(
        '$0 concat scenes/icarus.yaml --set output.width=3840 --set output.height=2160',
        'the parts of a 4K render: the flags the parts were rendered with',
      )
      .example(
        '$0 concat a.mp4 b.mp4 c.mp4 --out whole.mp4',
        'named videos in order',
      ) as Argv<ConcatArgs>,
  handler: async (args) => {
    const out = flagText('out', args.out, 'renders/icarus.mp4');
    const ffmpeg = flagText('ffmpeg', args.ffmpeg, '/usr/bin/ffmpeg');
    const inputs = (args.inputs ?? []).map(String);
    const common = {
      ...(ffmpeg !== undefined ? { ffmpeg } : {}),
      keepParts: args['keep-parts'],
    };
    if (inputs.length <= 1 && inputs.every(isScene)) {
      const result = await concatSceneParts({
        scenePath: inputs[0] ?? defaultScenePath,
        scene: sceneOptions(args),
        ...(out !== undefined ? { out } : {}),
        ...common,
      });
      process.stdout.write(`${result.videoPath}\n`);
      return;
    }
    const scene = inputs.find(isScene);
    if (scene !== undefined) {
      throw new IcarusError(
        `concat: '${scene}' is a scene among videos`,
        'give a scene alone (icarus concat SCENE.yaml), or only videos with --out',
      );
    }
    if (out === undefined) {
      throw new IcarusError(
        `concat of ${inputs.length} named video${inputs.length === 1 ? '' : 's'} needs --out`,
        `name the joined video: icarus concat ${inputs.join(' ')} --out whole.mp4`,
      );
    }
    if (args.palette || args.camera || args.set || args.quality) {
      throw new IcarusError(
        'concat: --palette, --camera, --set and --quality apply to a scene, not to named videos',
        'leave them out, or give the scene instead of the videos',
      );
    }
    const result = await concatFiles({ inputs, out, ...common });
    process.stdout.write(`${result.videoPath}\n`);
  },
};
