/**
 * The `render`, `still` and `presets` commands, for `src/cli.ts` to register:
 * `yargs(...).command(renderCommand).command(stillCommand).command(presetsCommand)`.
 */
import { type Argv, type CommandModule } from 'yargs';
import { IcarusError } from '../config/errors.js';
import { type FlagText, flagText, numberFlag } from '../config/flags.js';
import { nearestKey } from '../config/yaml-file.js';
import { defaultScenePath, loadScene, type SceneOptions } from '../scene/load-scene.js';
import { presetsListing } from '../scene/presets-listing.js';
import { qualities, type Quality } from '../scene/quality.js';
import { renderStill } from './render-still.js';
import { fullFrameCount } from './frame-times.js';
import { outputFormats } from '../video/output-format.js';
import { renderPart } from './render-part.js';
import { renderVideo } from './render-video.js';

/** The flags of sceneOptionFlags. */
export interface SceneOptionArgs {
  palette?: FlagText;
  camera?: FlagText;
  set?: FlagText;
  quality?: FlagText;
}

interface SceneArgs extends SceneOptionArgs {
  scene: string;
  force: boolean;
}

interface RenderArgs extends SceneArgs {
  ffmpeg?: FlagText;
  out?: FlagText;
  preview?: FlagText;
  frames?: FlagText;
  shard?: FlagText;
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

/** The flags `render` and `still` take: the scene, its presets and overrides. */
function sceneFlags<T>(yargs: Argv<T>) {
  return sceneOptionFlags(yargs.positional('scene', sceneArg)).option('force', {
    type: 'boolean',
    default: false,
    describe: "train the scene's landscape again even if its bundle exists",
  });
}

/**
 * The flags that change a scene as it loads (presets, `--set`, quality): `render`,
 * `still` and `concat` take them.
 */
export function sceneOptionFlags<T>(yargs: Argv<T>) {
  return (
    yargs
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
  );
}

/** The scene options the flags give; values checked here, keys by the schema. */
export function sceneOptions(args: SceneOptionArgs): SceneOptions {
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

/** `.mp4, .webm, .gif, .mov, .frames`, from the registry. */
const videoExtensions = outputFormats
  .filter((f) => f.kind !== 'still')
  .map((f) => f.extension)
  .join(', ');

export const renderCommand: CommandModule<object, RenderArgs> = {
  command: 'render [scene]',
  describe:
    'render a scene to a video and a poster PNG, whole or in parts (--frames, --shard) ' +
    'that icarus concat joins',
  builder: (yargs) =>
    sceneFlags(yargs)
      .option('ffmpeg', {
        type: 'string',
        describe: 'ffmpeg binary (default: ICARUS_FFMPEG, the installed package, PATH)',
      })
      .option('out', {
        type: 'string',
        describe:
          `video path (default: output.path), its format by the extension: ${videoExtensions} ` +
          "(a folder of PNGs); the poster goes beside it with the same name and output.poster's " +
          'extension. ' +
          'With --frames the part goes there; with --shard the parts go beside it',
      })
      .option('preview', {
        type: 'string',
        describe:
          'a quick preview: this many frames (at most fps x duration) spread over the ' +
          'whole duration; without --out it writes <name>-preview.<ext> and ' +
          '<poster name>-preview.<ext> beside the scene outputs, leaving them alone',
      })
      .option('frames', {
        type: 'string',
        describe:
          'render frames A:B of the full video (from 0, B excluded, like a slice; A: ' +
          'runs to the end) to <name>.range-A-B.<ext> beside output.path; the range ' +
          'from frame 0 writes the poster',
      })
      .option('shard', {
        type: 'string',
        describe:
          'render part i of n equal ranges (i from 0) to <name>.part-i-of-n.<ext> for ' +
          'icarus concat: i/n, or /n to take i from JOB_COMPLETION_INDEX (Kubernetes) ' +
          'or SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN (Slurm), or auto to take n ' +
          'from SLURM_ARRAY_TASK_COUNT too; part 0 writes the poster',
      })
      .example('$0 render --preview 24', 'a 24-frame preview of the default scene')
      .example('$0 render --frames 0:90', 'the first 90 frames')
      .example('$0 render --shard 1/4', 'part 1 of 4 (parts 0/4 to 3/4 make the video)')
      .example(
        '$0 render --shard /4',
        'in a Kubernetes Indexed Job or Slurm array: the part the job index names',
      ) as Argv<RenderArgs>,
  handler: async (args) => {
    const ffmpeg = flagText('ffmpeg', args.ffmpeg, '/usr/bin/ffmpeg');
    const out = flagText('out', args.out, 'renders/test.mp4');
    const preview = numberFlag('preview', args.preview, '30');
    const frames = flagText('frames', args.frames, '0:30');
    const shard = flagText('shard', args.shard, '0/4');
    const common = {
      scenePath: args.scene,
      scene: sceneOptions(args),
      force: args.force,
      ...(ffmpeg !== undefined ? { ffmpeg } : {}),
      ...(out !== undefined ? { out } : {}),
    };
    if (frames === undefined && shard === undefined) {
      const result = await renderVideo({
        ...common,
        ...(preview !== undefined
          ? { frames: checkPreview(args.scene, common.scene, preview) }
          : {}),
      });
      process.stdout.write(`${result.videoPath}\n`);
      return;
    }
    if (preview !== undefined) {
      throw new IcarusError(
        `--preview ${preview} and ${frames !== undefined ? '--frames' : '--shard'} ` +
          'cannot be combined',
        'a preview spreads its frames over the whole video; a part is a range of the ' +
          'full render: give one of them',
      );
    }
    const result = await renderPart({
      ...common,
      ...(frames !== undefined ? { frames } : {}),
      ...(shard !== undefined ? { shard } : {}),
    });
    process.stdout.write(`${result.videoPath}\n`);
  },
};

/**
 * `--preview N` checked here, where the flag's name is known: 1 to fps x duration
 * frames (renderVideo checks its `frames` option alike, naming the option).
 */
function checkPreview(
  scenePath: string,
  options: SceneOptions,
  preview: number,
): number {
  const { output, file } = loadScene(scenePath, options);
  const full = fullFrameCount(output.durationSeconds, output.fps);
  if (Number.isInteger(preview) && preview >= 1 && preview <= full) return preview;
  throw new IcarusError(
    `--preview ${preview}: expected a whole number from 1 to ${full} (the full video: ` +
      `output.fps ${output.fps} x output.durationSeconds ${output.durationSeconds} in ${file})`,
    `give at most ${full} frames, or leave out --preview to render the full video`,
  );
}

export const stillCommand: CommandModule<object, StillArgs> = {
  command: 'still [scene]',
  describe:
    'render one frame of a scene to a still: PNG, JPEG or WebP, by the extension',
  builder: (yargs) =>
    sceneFlags(yargs)
      .option('time', {
        type: 'string',
        describe:
          'seconds into the video, 0 to output.durationSeconds (default: the poster time)',
      })
      .option('out', {
        type: 'string',
        describe:
          'the still, its format by the extension: .png, .jpg, .jpeg or .webp (default: ' +
          'output.poster)',
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
