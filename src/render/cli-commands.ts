/**
 * The `render`, `still` and `presets` commands, for `src/cli.ts` to register:
 * `yargs(...).command(renderCommand).command(stillCommand).command(presetsCommand)`.
 */
import { type Argv, type CommandModule } from 'yargs';
import { IcarusError } from '../config/errors.js';
import { type FlagText, flagText, numberFlag } from '../config/flags.js';
import { nearestKey } from '../config/yaml-file.js';
import { defaultScenePath, type SceneOptions } from '../scene/load-scene.js';
import { presetsListing } from '../scene/presets-listing.js';
import { qualities, type Quality } from '../scene/quality.js';
import { renderStill } from './render-still.js';
import { renderVideo } from './render-video.js';

interface SceneArgs {
  scene: string;
  palette?: FlagText;
  camera?: FlagText;
  set?: FlagText;
  quality?: FlagText;
  force: boolean;
}

interface RenderArgs extends SceneArgs {
  ffmpeg?: FlagText;
  out?: FlagText;
  frames?: FlagText;
}

interface StillArgs extends SceneArgs {
  time?: FlagText;
  out?: FlagText;
  transparent: boolean;
}

const sceneArg = {
  type: 'string',
  default: defaultScenePath,
  describe: 'scene file (YAML)',
} as const;

/** The flags both `render` and `still` take: the scene, its presets and overrides. */
function sceneFlags<T>(yargs: Argv<T>) {
  return (
    yargs
      .positional('scene', sceneArg)
      .option('palette', {
        type: 'string',
        describe: 'palette preset (see icarus presets); overrides palette.preset',
      })
      .option('camera', {
        type: 'string',
        describe: 'camera preset (see icarus presets); overrides camera.preset',
      })
      // Not an array option: yargs would swallow a scene path after --set into it;
      // a repeated string flag arrives as a list all the same.
      .option('set', {
        type: 'string',
        describe:
          'set any scene key, typed by the schema: --set camera.distance=3 (repeatable; ' +
          'see docs/scene.md)',
      })
      .option('quality', {
        type: 'string',
        describe:
          'draft (half size and mesh, no supersampling, fast encode), preview (3/4) or final ' +
          '(as written; the default)',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: "train the scene's landscape again even if its bundle exists",
      })
  );
}

/** The scene options the flags give; values checked here, keys by the schema. */
function sceneOptions(args: SceneArgs): SceneOptions {
  const palette = flagText('palette', args.palette, 'aurora');
  const camera = flagText('camera', args.camera, 'flyover');
  const quality = qualityFlag(args.quality);
  return {
    ...(palette !== undefined ? { palette } : {}),
    ...(camera !== undefined ? { camera } : {}),
    ...(args.set !== undefined ? { set: [args.set].flat().map(String) } : {}),
    ...(quality !== undefined ? { quality } : {}),
  };
}

function qualityFlag(value: FlagText): Quality | undefined {
  const text = flagText('quality', value, 'draft');
  if (text === undefined) return undefined;
  if ((qualities as readonly string[]).includes(text)) return text as Quality;
  const near = nearestKey(text, [...qualities]);
  throw new IcarusError(
    `--quality '${text}': expected one of ${qualities.join(', ')}` +
      (near ? `; did you mean '${near}'?` : ''),
    'write it like --quality draft',
  );
}

export const renderCommand: CommandModule<object, RenderArgs> = {
  command: 'render [scene]',
  describe: 'render a scene to an MP4 video and a poster PNG',
  builder: (yargs) =>
    sceneFlags(yargs)
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
      .option('frames', {
        type: 'string',
        describe:
          'a quick preview: this many frames (at most fps x duration) spread over the ' +
          'whole duration; without --out it writes <name>-preview.mp4 and ' +
          '<poster name>-preview.png beside the scene outputs, leaving them alone',
      }) as Argv<RenderArgs>,
  handler: async (args) => {
    const ffmpeg = flagText('ffmpeg', args.ffmpeg, '/usr/bin/ffmpeg');
    const out = flagText('out', args.out, 'renders/test.mp4');
    const frames = numberFlag('frames', args.frames, '30');
    const result = await renderVideo({
      scenePath: args.scene,
      scene: sceneOptions(args),
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
    sceneFlags(yargs)
      .option('time', {
        type: 'string',
        describe:
          'seconds into the video, 0 to output.durationSeconds (default: the poster time)',
      })
      .option('out', {
        type: 'string',
        describe: 'PNG path ending in .png (default: output.poster)',
      })
      .option('transparent', {
        type: 'boolean',
        default: false,
        describe: 'a transparent background (sets output.transparent)',
      }) as Argv<StillArgs>,
  handler: async (args) => {
    const timeSeconds = numberFlag('time', args.time, '6.5');
    const out = flagText('out', args.out, 'renders/frame.png');
    const path = await renderStill({
      scenePath: args.scene,
      scene: {
        ...sceneOptions(args),
        ...(args.transparent ? { transparent: true } : {}),
      },
      force: args.force,
      ...(timeSeconds !== undefined ? { timeSeconds } : {}),
      ...(out !== undefined ? { out } : {}),
    });
    process.stdout.write(`${path}\n`);
  },
};

export const presetsCommand: CommandModule = {
  command: 'presets',
  describe: 'list the palette and camera presets and the example scenes',
  handler: () => {
    process.stdout.write(presetsListing());
  },
};
