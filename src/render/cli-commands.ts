/**
 * The `render` and `still` commands, for `src/cli.ts` to register:
 * `yargs(...).command(renderCommand).command(stillCommand)`.
 */
import { type CommandModule } from 'yargs';
import { defaultScenePath } from '../scene/load-scene.js';
import { renderStill } from './render-still.js';
import { renderVideo } from './render-video.js';

interface RenderArgs {
  scene: string;
  ffmpeg?: string;
  out?: string;
  force: boolean;
  frames?: number;
}

interface StillArgs {
  scene: string;
  time?: number;
  out?: string;
  force: boolean;
}

const sceneArg = {
  type: 'string',
  default: defaultScenePath,
  describe: 'scene file (YAML)',
} as const;

const forceFlag = {
  type: 'boolean',
  default: false,
  describe: "train the scene's landscape again even if its bundle exists",
} as const;

export const renderCommand: CommandModule<object, RenderArgs> = {
  command: 'render [scene]',
  describe: 'render a scene to an MP4 video and a poster PNG',
  builder: (yargs) =>
    yargs
      .positional('scene', sceneArg)
      .option('ffmpeg', {
        type: 'string',
        describe: 'ffmpeg binary (default: ICARUS_FFMPEG, the installed package, PATH)',
      })
      .option('out', { type: 'string', describe: 'video path (default: output.path)' })
      .option('force', forceFlag)
      .option('frames', {
        type: 'number',
        describe: 'a quick preview: this many frames spread over the whole duration',
      }),
  handler: async (args) => {
    const result = await renderVideo({
      scenePath: args.scene,
      force: args.force,
      ...(args.ffmpeg ? { ffmpeg: args.ffmpeg } : {}),
      ...(args.out ? { out: args.out } : {}),
      ...(args.frames !== undefined ? { frames: args.frames } : {}),
    });
    process.stdout.write(`${result.videoPath}\n`);
  },
};

export const stillCommand: CommandModule<object, StillArgs> = {
  command: 'still [scene]',
  describe: 'render one frame of a scene to a PNG',
  builder: (yargs) =>
    yargs
      .positional('scene', sceneArg)
      .option('time', {
        type: 'number',
        describe: 'seconds into the video (default: the poster time)',
      })
      .option('out', { type: 'string', describe: 'PNG path (default: output.poster)' })
      .option('force', forceFlag),
  handler: async (args) => {
    const path = await renderStill({
      scenePath: args.scene,
      force: args.force,
      ...(args.time !== undefined ? { timeSeconds: args.time } : {}),
      ...(args.out ? { out: args.out } : {}),
    });
    process.stdout.write(`${path}\n`);
  },
};
