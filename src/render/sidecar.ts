/**
 * The sidecar JSON beside every output (`renders/icarus.mp4.json`,
 * `renders/icarus.frames.json`, `renders/icarus.png.json`): what was written and
 * everything it came from, so an output can be traced and remade: the fully
 * resolved scene, its presets and quality, the bundle and the hash of its manifest,
 * the versions of Icarus, ffmpeg and the GL backend, and the time taken. Written
 * atomically, after the output it describes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IcarusError } from '../config/errors.js';
import { type LandscapeBundle } from '../landscape/manifest.js';
import { type Scene } from '../scene/load-scene.js';
import { type Quality } from '../scene/quality.js';
import { writeFileAtomic } from '../util/atomic.js';
import { type FrameRange } from './render-video.js';
import { icarusVersion } from '../version.js';
import { type OutputFormat, type OutputFormatName } from '../video/output-format.js';

export interface SidecarOutput {
  path: string;
  format: OutputFormatName;
  /** The codec as ffprobe names it (h264, vp9, gif, prores, png, jpeg, webp). */
  codec: string;
  description: string;
  widthPx: number;
  heightPx: number;
  /** Videos and sequences: frames per second of the file. */
  fps?: number;
  /** Frames in the file (1 for a still). */
  frames: number;
  /** A part of a split render: its frames in the full video. */
  range?: FrameRange;
  /**
   * A preview (`render --preview N`): its N frames are spread over the whole
   * duration, so frame i is not frame i of the full video.
   */
  preview?: number;
  /** A still: the time of its frame in the video. */
  timeSeconds?: number;
  /** Whether the background is transparent (alpha kept). */
  transparent: boolean;
}

export interface Sidecar {
  icarusVersion: string;
  output: SidecarOutput;
  /** The scene as rendered: every key resolved (presets, --set, quality applied). */
  scene: Scene;
  presets: { palette: string; camera: string };
  quality: Quality;
  bundle: { dir: string; name: string; manifestSha256: string };
  /** ffmpeg's `-version` line, for the formats ffmpeg writes. */
  ffmpegVersion?: string;
  /** The GL context the frames were drawn on. */
  backend: { glRenderer: string; glVersion: string };
  renderSeconds: number;
}

const codecs: Record<OutputFormatName, string> = {
  mp4: 'h264',
  webm: 'vp9',
  gif: 'gif',
  mov: 'prores',
  frames: 'png',
  png: 'png',
  jpeg: 'jpeg',
  webp: 'webp',
};

export interface SidecarInput {
  scene: Scene;
  bundle: LandscapeBundle;
  format: OutputFormat;
  output: Omit<SidecarOutput, 'format' | 'codec' | 'description'>;
  backend: Sidecar['backend'];
  ffmpegVersion?: string;
  renderSeconds: number;
}

/** The sidecar of one output. */
export function buildSidecar(input: SidecarInput): Sidecar {
  const { scene, bundle, format } = input;
  const { path, ...rest } = input.output;
  return {
    icarusVersion,
    output: {
      path,
      format: format.name,
      codec: codecs[format.name],
      description: format.description,
      ...rest,
    },
    scene,
    presets: { palette: scene.palette.preset, camera: scene.camera.preset },
    quality: scene.quality,
    bundle: {
      dir: bundle.dir,
      name: bundle.manifest.name,
      manifestSha256: manifestSha256(bundle.dir),
    },
    ...(input.ffmpegVersion !== undefined
      ? { ffmpegVersion: input.ffmpegVersion }
      : {}),
    backend: input.backend,
    renderSeconds: Math.round(input.renderSeconds * 1000) / 1000,
  };
}

/**
 * Where the sidecar of `outputPath` goes: `<outputPath>.json`. A part of a split PNG
 * sequence shares its folder with the other parts, so its sidecar is named after its
 * range: `icarus.frames.part-000120-000240.json`.
 */
export function sidecarPathOf(
  outputPath: string,
  format?: OutputFormat,
  range?: FrameRange,
): string {
  if (format?.kind === 'sequence' && range !== undefined) {
    const pad = (i: number): string => String(i).padStart(6, '0');
    return `${outputPath}.part-${pad(range.start)}-${pad(range.end)}.json`;
  }
  return `${outputPath}.json`;
}

/**
 * The sidecars of the parts of the PNG sequence `folder` (`<folder>.part-A-B.json`
 * beside it, as sidecarPathOf names them), in the order of their first frames.
 */
export function sequencePartSidecars(
  folder: string,
): { path: string; range: FrameRange }[] {
  const pattern = new RegExp(
    `^${basename(folder).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.part-(\\d+)-(\\d+)\\.json$`,
  );
  let names: string[] = [];
  try {
    names = readdirSync(dirname(folder));
  } catch {
    // No folder, no parts.
  }
  return names
    .flatMap((name) => {
      const match = pattern.exec(name);
      if (!match) return [];
      const range = { start: Number(match[1]), end: Number(match[2]) };
      return [{ path: join(dirname(folder), name), range }];
    })
    .sort((a, b) => a.range.start - b.range.start);
}

/** Writes `sidecar` (a render's, or a joined video's) to `path` atomically; returns the path. */
export function writeSidecar(path: string, sidecar: object): string {
  writeFileAtomic(path, `${JSON.stringify(sidecar, null, 2)}\n`);
  return path;
}

/** Reads a sidecar written by writeSidecar; a file that is not one is an error. */
export function readSidecar(path: string): Sidecar {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new IcarusError(
      `${path}: not a readable sidecar JSON (${(error as Error).message})`,
      'render the output again to rewrite its sidecar',
    );
  }
  const sidecar = data as Partial<Sidecar> | null;
  const output = sidecar?.output;
  if (
    typeof sidecar?.icarusVersion !== 'string' ||
    typeof output?.format !== 'string' ||
    typeof output.frames !== 'number' ||
    typeof sidecar.bundle?.manifestSha256 !== 'string'
  ) {
    throw new IcarusError(
      `${path}: not an Icarus sidecar (expected keys icarusVersion, output.format, ` +
        'output.frames and bundle.manifestSha256)',
      'render the output again to rewrite its sidecar',
    );
  }
  return sidecar as Sidecar;
}

/** sha256 (hex) of the bundle's manifest.json, which names every array in it. */
export function manifestSha256(bundleDir: string): string {
  return createHash('sha256')
    .update(readFileSync(join(bundleDir, 'manifest.json')))
    .digest('hex');
}
