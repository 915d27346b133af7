/**
 * The `render` and `still` commands, for `src/cli.ts` to register:
 * `yargs(...).command(renderCommand).command(stillCommand)`.
 */
import { type CommandModule } from 'yargs';
import { type FlagText, flagText, numberFlag } from '../config/flags.js';
import { defaultScenePath } from '../scene/load-scene.js';
import { renderStill } from './render-still.js';
import { renderVideo } from './render-video.js';

interface RenderArgs {
  scene: string;
  ffmpeg?: FlagText;
  out?: FlagText;
  force: boolean;
  frames?: FlagText;
}

interface StillArgs {
  scene: string;
  time?: FlagText;
  out?: FlagText;
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
      .option('out', {
        type: 'string',
        describe:
          'video path ending in .mp4 (default: output.path); the poster goes beside it ' +
          'with the same name and .png',
      })
      .option('force', forceFlag)
      .option('frames', {
        type: 'string',
        describe:
          'a quick preview: this many frames (at most fps x duration) spread over the ' +
          'whole duration; without --out it writes <name>-preview.mp4 and ' +
          '<poster name>-preview.png beside the scene outputs, leaving them alone',
      }),
  handler: async (args) => {
    const ffmpeg = flagText('ffmpeg', args.ffmpeg, '/usr/bin/ffmpeg');
    const out = flagText('out', args.out, 'renders/test.mp4');
    const frames = numberFlag('frames', args.frames, '30');
    const result = await renderVideo({
      scenePath: args.scene,
      force: args.force,
      ...(ffmpeg !== undefined ? { ffmpeg } : {}),
      ...(out !== undefined ? { out } : {}),
      ...(frames !== undefined ? { frames } : {}),
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
        type: 'string',
        describe:
          'seconds into the video, 0 to output.durationSeconds (default: the poster time)',
      })
      .option('out', {
        type: 'string',
        describe: 'PNG path ending in .png (default: output.poster)',
      })
      .option('force', forceFlag),
  handler: async (args) => {
    const timeSeconds = numberFlag('time', args.time, '6.5');
    const out = flagText('out', args.out, 'renders/frame.png');
    const path = await renderStill({
      scenePath: args.scene,
      force: args.force,
      ...(timeSeconds !== undefined ? { timeSeconds } : {}),
      ...(out !== undefined ? { out } : {}),
    });
    process.stdout.write(`${path}\n`);
  },
};
