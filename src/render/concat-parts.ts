/**
 * `icarus concat`: the parts of a split render joined into the video a single render
 * writes. For a scene, the parts are found beside its video (`<stem>.part-i-of-n`),
 * all n must be there, alike, and of the frame counts `--shard i/n` gives; named
 * files are joined in the order given. A `.frames` sequence needs no join: its parts
 * fill one folder, and concat checks that every frame is there.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join as joinPath, resolve } from 'node:path';
import sharp from 'sharp';
import { IcarusError } from '../config/errors.js';
import { logger } from '../log/logger.js';
import { loadScene, type Scene, type SceneOptions } from '../scene/load-scene.js';
import { concatVideos } from '../video/concat.js';
import {
  checkOneBundle,
  checkOneScene,
  checkRangesFollowOn,
  concatSidecar,
  writeConcatSidecar,
} from '../video/concat-sidecar.js';
import { resolveFfmpeg } from '../video/ffmpeg-binary.js';
import {
  findFormatOfPath,
  formatOfPath,
  type OutputFormat,
} from '../video/output-format.js';
import { sequenceFrameName } from '../video/png-sequence-sink.js';
import { framesPerSecond, probeVideo, type VideoProbe } from '../video/probe-video.js';
import { type FullVideo } from './frame-range.js';
import { fullFrameCount } from './frame-times.js';
import { findParts, partPath } from './part-paths.js';
import { sequencePartSidecars, sidecarPathOf } from './sidecar.js';
import { shardFrames } from './render-shard.js';

const log = logger('concat');

export interface ConcatSceneOptions {
  scenePath: string;
  /** The flags the parts were rendered with: the same presets, `--set` and quality. */
  scene?: SceneOptions;
  /** The joined video (default output.path); the parts are looked for beside it. */
  out?: string;
  ffmpeg?: string;
  /** Keep the parts and their sidecars once joined (default true). */
  keepParts?: boolean;
}

export interface ConcatFilesOptions {
  /** The videos to join, in order. */
  inputs: readonly string[];
  out: string;
  ffmpeg?: string;
  keepParts?: boolean;
}

export interface ConcatResult {
  videoPath: string;
  /** The whole video's sidecar (a `.frames` folder's too). */
  sidecarPath: string;
  frames: number;
  /** The parts joined, in order (none for a sequence). */
  parts: string[];
}

/** Joins the parts of the scene's split render. */
export async function concatSceneParts(
  options: ConcatSceneOptions,
): Promise<ConcatResult> {
  const scene = loadScene(options.scenePath, options.scene);
  const whole = options.out !== undefined ? resolve(options.out) : scene.output.path;
  const format = formatOfPath(
    options.out ?? whole,
    options.out !== undefined ? '--out' : `${scene.file}: key 'output.path'`,
    ['video', 'sequence'],
  );
  const { durationSeconds, fps, width, height } = scene.output;
  const video: FullVideo = {
    frameCount: fullFrameCount(durationSeconds, fps),
    about: `output.fps ${fps} x output.durationSeconds ${durationSeconds} in ${scene.file}`,
  };
  if (format.kind === 'sequence') return checkSequence(whole, video, scene);
  mustBeJoinable(format, whole);

  const paths = partsOf(whole);
  const count = paths.length;
  const probes = paths.map((path) => probeVideo(path));
  const sizes = probes.map((p) => `${p.widthPx}x${p.heightPx} at ${p.frameRate} fps`);
  for (const [index, probe] of probes.entries()) {
    if (
      probe.widthPx !== width ||
      probe.heightPx !== height ||
      framesPerSecond(probe.frameRate) !== fps
    ) {
      throw new IcarusError(
        `${probe.path} is ${sizes[index]}, but the scene ${scene.file} with these flags ` +
          `renders ${width}x${height} at ${fps} fps`,
        'give concat the flags the parts were rendered with (--set, --quality, --palette, ...)',
      );
    }
    const { start, end } = shardFrames({ index, count, source: '' }, video);
    if (probe.frames !== end - start) {
      throw new IcarusError(
        `${probe.path} has ${probe.frames} frames; part ${index} of ${count} of the ` +
          `scene's ${video.frameCount} frames is frames ${start}:${end}, ${end - start} frames`,
        `render it again: icarus render ${options.scenePath} --shard ${index}/${count} ` +
          '(with the same flags)',
      );
    }
  }
  return join(probes, whole, format, options);
}

/** Joins the named videos in order. */
export async function concatFiles(options: ConcatFilesOptions): Promise<ConcatResult> {
  const { inputs } = options;
  if (inputs.length < 2) {
    throw new IcarusError(
      `concat: ${plural(inputs.length, 'video')} given; joining takes two or more`,
      'name the parts in order: icarus concat a.mp4 b.mp4 --out whole.mp4',
    );
  }
  const out = resolve(options.out);
  if (findFormatOfPath(options.out)?.kind === 'sequence') {
    throw new IcarusError(
      `concat --out '${options.out}': a .frames sequence is not joined from named ` +
        'files; its parts write their frames into the one folder',
      `check it whole with the scene instead: icarus concat SCENE --out ${options.out}`,
    );
  }
  const format = formatOfPath(options.out, '--out', ['video']);
  mustBeJoinable(format, out);
  for (const input of inputs) {
    if (!existsSync(input) || statSync(input).isDirectory()) {
      throw new IcarusError(
        `concat: '${input}' ${existsSync(input) ? 'is a folder' : 'does not exist'}`,
        'name video files rendered by icarus render --frames or --shard',
      );
    }
    const inputFormat = formatOfPath(input, `concat input '${input}'`, ['video']);
    if (inputFormat.name !== format.name) {
      throw new IcarusError(
        `concat: '${input}' is ${inputFormat.extension} but --out '${options.out}' is ` +
          `${format.extension}; stream copy keeps the format`,
        `give --out a name ending in ${inputFormat.extension}`,
      );
    }
  }
  return join(
    inputs.map((input) => probeVideo(resolve(input))),
    out,
    format,
    options,
  );
}

async function join(
  probes: VideoProbe[],
  out: string,
  format: OutputFormat,
  options: { ffmpeg?: string; keepParts?: boolean },
): Promise<ConcatResult> {
  checkOneBundle(probes);
  checkOneScene(probes);
  checkRangesFollowOn(probes);
  const ffmpeg = await resolveFfmpeg(options.ffmpeg);
  const joined = await concatVideos({ inputs: probes, out, ffmpegPath: ffmpeg.path });
  const sidecarPath = writeConcatSidecar(concatSidecar(joined, format.name, probes));
  const parts = probes.map((p) => p.path);
  if (options.keepParts === false) {
    for (const part of parts) {
      rmSync(part, { force: true });
      rmSync(sidecarPathOf(part), { force: true });
    }
    log.info(`removed the ${plural(parts.length, 'part')}`);
  }
  return { videoPath: out, sidecarPath, frames: joined.frames, parts };
}

function mustBeJoinable(format: OutputFormat, path: string): void {
  if (format.joinable) return;
  throw new IcarusError(
    `concat: '${path}' is ${format.name}, whose parts cannot be joined by stream copy`,
    'render it whole, or render the parts to .mp4, .webm or .mov',
  );
}

/** The parts beside `whole`, all present and of one split; errors say what is not. */
function partsOf(whole: string): string[] {
  const found = findParts(whole);
  const example = basename(partPath(whole, { index: 0, count: 4 }));
  if (found.size === 0) {
    throw new IcarusError(
      `concat: no parts of ${whole} found (such as ${example} beside it)`,
      'render them first with icarus render SCENE --shard i/n, or name the files: ' +
        'icarus concat a.mp4 b.mp4 --out whole.mp4',
    );
  }
  if (found.size > 1) {
    const counts = [...found.keys()].sort((a, b) => a - b);
    throw new IcarusError(
      `concat: parts of ${counts.map((n) => `${n}`).join(' and ')} shards found beside ` +
        `${whole}; one split at a time`,
      'remove the parts of the other split, or name the files to join',
    );
  }
  const [[count, parts]] = [...found.entries()] as [[number, (string | undefined)[]]];
  const missing = parts.flatMap((part, index) =>
    part === undefined ? [basename(partPath(whole, { index, count }))] : [],
  );
  if (missing.length > 0) {
    throw new IcarusError(
      `concat: ${missing.length} of the ${plural(count, 'part')} of ${whole} missing: ` +
        missing.join(', '),
      `render them: icarus render SCENE --shard i/${count} (the same flags), then concat again`,
    );
  }
  return parts as string[];
}

/**
 * A `.frames` folder is whole when it holds a PNG for every frame of the video, each
 * of the scene's size, all with alpha or all without (sharp reads only each header).
 * Then `<folder>.json` is written for the whole: the parts' sidecars
 * (`<folder>.part-A-B.json`, alike in scene and bundle) joined as for a video; a
 * folder rendered whole keeps the sidecar its render wrote.
 */
async function checkSequence(
  folder: string,
  video: FullVideo,
  scene: Scene,
): Promise<ConcatResult> {
  const have = new Set<number>();
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    for (const name of readdirSync(folder)) {
      const match = /^(\d+)\.png$/.exec(name);
      if (match) have.add(Number(match[1]));
    }
  }
  const missing = Array.from({ length: video.frameCount }, (_, i) => i).filter(
    (i) => !have.has(i),
  );
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', ...' : '');
    throw new IcarusError(
      `concat: ${folder} lacks ${missing.length} of its ${plural(video.frameCount, 'frame')} ` +
        `(frames ${shown})`,
      'render the missing parts (icarus render SCENE --shard i/n or --frames A:B)',
    );
  }
  const alpha = await checkFrameSizes(folder, video.frameCount, scene);
  const partSidecars = sequencePartSidecars(folder).map(({ path, range }) => ({
    path,
    frames: range.end - range.start,
  }));
  const sidecarPath = `${folder}.json`;
  if (partSidecars.length > 0 || !existsSync(sidecarPath)) {
    // The parts' probes are named after their sidecars, which the checks read.
    const parts = partSidecars.map((part): VideoProbe => ({
      ...sequenceProbe(part.path.slice(0, -5), scene, alpha),
      frames: part.frames,
    }));
    checkOneBundle(parts);
    checkOneScene(parts);
    const joined = { ...sequenceProbe(folder, scene, alpha), frames: video.frameCount };
    const sidecar = concatSidecar(joined, 'frames', parts);
    writeConcatSidecar({ ...sidecar, parts: partSidecars });
  }
  log.info(
    `${folder}: all ${plural(video.frameCount, 'frame')} are there (a .frames sequence needs no ` +
      `join) -> ${sidecarPath}`,
  );
  return { videoPath: folder, sidecarPath, frames: video.frameCount, parts: [] };
}

/** Refuses a frame not of the scene's size, or with alpha unlike frame 0's; returns it. */
async function checkFrameSizes(
  folder: string,
  frameCount: number,
  scene: Scene,
): Promise<boolean> {
  const { width, height } = scene.output;
  let alpha: boolean | undefined;
  for (let i = 0; i < frameCount; i++) {
    const file = joinPath(folder, sequenceFrameName(i));
    let meta: { width?: number; height?: number; hasAlpha?: boolean; format?: string };
    try {
      meta = await sharp(file).metadata();
    } catch (error) {
      throw new IcarusError(
        `concat: ${file} is not a readable PNG (${(error as Error).message})`,
        'render its part again (icarus render SCENE --frames A:B)',
      );
    }
    if (meta.format !== 'png' || meta.width !== width || meta.height !== height) {
      throw new IcarusError(
        `concat: ${file} is ${meta.format ?? 'an image'} ${meta.width}x${meta.height}, ` +
          `but the scene ${scene.file} with these flags renders ${width}x${height} PNGs`,
        'give concat the flags the parts were rendered with, or render the part again ' +
          'with them',
      );
    }
    alpha ??= meta.hasAlpha === true;
    if (alpha !== (meta.hasAlpha === true)) {
      throw new IcarusError(
        `concat: ${file} is ${alpha ? 'opaque' : 'transparent'} and frame 0 is not`,
        'render every part with the same output.transparent',
      );
    }
  }
  return alpha ?? false;
}

function sequenceProbe(path: string, scene: Scene, alpha: boolean): VideoProbe {
  const { width, height, fps } = scene.output;
  return {
    path,
    container: 'frames',
    codec: 'png',
    widthPx: width,
    heightPx: height,
    frameRate: `${fps}/1`,
    pixelFormat: alpha ? 'rgba' : 'rgb24',
    alpha,
    frames: 0,
  };
}

/** `1 part`, `3 parts`. */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
