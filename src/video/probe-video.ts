/**
 * What a video file holds, by ffprobe (the @ffprobe-installer/ffprobe binary): the
 * first video stream's codec, size, rate, pixel format and alpha, and its frame count by
 * counting packets (one per frame in the formats Icarus writes; no decoding, so it
 * is quick on a 4K file).
 */
import { spawnSync } from 'node:child_process';
import ffprobeBinary from '@ffprobe-installer/ffprobe';
import { IcarusError } from '../config/errors.js';

export interface VideoProbe {
  path: string;
  /** The container as ffprobe names it, such as `mov,mp4,m4a,3gp,3g2,mj2`. */
  container: string;
  /** `h264`, `vp9`, `prores`, ... */
  codec: string;
  widthPx: number;
  heightPx: number;
  /** The stream's frame rate as a fraction, such as `30/1`. */
  frameRate: string;
  pixelFormat: string;
  /**
   * Whether the frames keep an alpha channel: a pixel format with one, or VP9's side
   * channel (WebM says yuv420p and tags the stream alpha_mode=1). Always false for
   * a GIF (its decoder's bgra says nothing of the frames).
   */
  alpha: boolean;
  frames: number;
}

/** The ffprobe binary: ICARUS_FFPROBE when set, else the installed package's. */
export function ffprobePath(): string {
  return process.env.ICARUS_FFPROBE || ffprobeBinary.path;
}

/** Probes `path`; an IcarusError naming the file when it is no video ffprobe reads. */
export function probeVideo(path: string, ffprobe = ffprobePath()): VideoProbe {
  const run = spawnSync(
    ffprobe,
    [
      ...['-v', 'error', '-select_streams', 'v:0', '-count_packets'],
      ...['-show_entries', 'stream=codec_name,width,height,r_frame_rate,pix_fmt'],
      ...['-show_entries', 'stream=nb_read_packets:format=format_name'],
      ...['-show_entries', 'stream_tags=alpha_mode'],
      ...['-of', 'json', path],
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (run.error) {
    throw new IcarusError(
      `ffprobe '${ffprobe}' cannot be run (${run.error.message})`,
      'reinstall @ffprobe-installer/ffprobe (npm install), or set ICARUS_FFPROBE',
    );
  }
  const said = run.stderr.trim().split('\n').slice(-3).join('; ');
  const parsed = parseProbe(run.stdout);
  const stream = parsed?.streams?.[0];
  if (run.status !== 0 || !stream) {
    throw new IcarusError(
      `${path}: not a video ffprobe can read` + (said ? ` (${said})` : ''),
      'check the path, or render the file again',
    );
  }
  return {
    path,
    container: parsed.format?.format_name ?? '',
    codec: stream.codec_name ?? '',
    widthPx: Number(stream.width),
    heightPx: Number(stream.height),
    frameRate: stream.r_frame_rate ?? '',
    pixelFormat: stream.pix_fmt ?? '',
    // ffmpeg's GIF decoder says bgra of every GIF, opaque or not.
    alpha:
      stream.tags?.alpha_mode === '1' ||
      (stream.codec_name !== 'gif' && hasAlphaPlane(stream.pix_fmt ?? '')),
    frames: Number(stream.nb_read_packets),
  };
}

/** The frame rate `30/1` or `30000/1001` as frames per second. */
export function framesPerSecond(frameRate: string): number {
  const [num, den] = frameRate.split('/').map(Number);
  return num !== undefined && den ? num / den : Number(frameRate);
}

/** yuva420p, yuva444p10le, rgba, bgra, argb, gbrap, ya8, ...: formats with alpha. */
function hasAlphaPlane(pixelFormat: string): boolean {
  return /^(yuva|gbrap|ya\d)|rgba|bgra|argb|abgr/.test(pixelFormat);
}

interface ProbeJson {
  streams?: {
    codec_name?: string;
    width?: number;
    height?: number;
    r_frame_rate?: string;
    pix_fmt?: string;
    nb_read_packets?: string;
    tags?: Record<string, string>;
  }[];
  format?: { format_name?: string };
}

function parseProbe(text: string): ProbeJson | undefined {
  try {
    return JSON.parse(text) as ProbeJson;
  } catch {
    return undefined;
  }
}
