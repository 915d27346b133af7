/**
 * The ffmpeg command lines of the video formats, one pure builder each. Every one
 * reads raw RGBA frames (straight alpha, top row first) on stdin and writes
 * `outputPath` with the container forced, so a temporary name needs no extension.
 * MP4, WebM and MOV convert with the BT.709 matrix into TV range and are tagged
 * BT.709, so players show the colours as rendered.
 */
import { type OutputFormatName } from './output-format.js';

export interface EncoderSettings {
  widthPx: number;
  heightPx: number;
  fps: number;
  /** Keep the frames' alpha (WebM, MOV); the other formats ignore it. */
  transparent: boolean;
  /** x264 constant rate factor: 0 lossless .. 51 worst. */
  crf: number;
  /**
   * x264 speed preset (ultrafast .. veryslow); for WebM it picks libvpx-vp9's
   * `-cpu-used` (see vp9CpuUsed).
   */
  preset: string;
  /** libvpx-vp9 constant quality: 0 best .. 63 worst. */
  vp9Crf: number;
  /** Width of a GIF in pixels (its height keeps the aspect); 0 keeps the frames'. */
  gifWidthPx: number;
  /** The file ffmpeg writes. */
  outputPath: string;
}

export type VideoFormatName = Extract<OutputFormatName, 'mp4' | 'webm' | 'gif' | 'mov'>;

/** The ffmpeg arguments that write `format`. */
export function encoderArgs(format: VideoFormatName, s: EncoderSettings): string[] {
  return builders[format](s);
}

const builders: Record<VideoFormatName, (s: EncoderSettings) => string[]> = {
  mp4: mp4Args,
  webm: webmArgs,
  gif: gifArgs,
  mov: movArgs,
};

/** H.264 (libx264) in yuv420p, the index up front (`+faststart`) to play while loading. */
export function mp4Args(s: EncoderSettings): string[] {
  return [
    ...inputArgs(s),
    ...['-vf', bt709Filter('yuv420p')],
    ...['-c:v', 'libx264', '-preset', s.preset, '-crf', String(s.crf)],
    ...['-pix_fmt', 'yuv420p', ...bt709Tags],
    ...['-movflags', '+faststart', '-f', 'mp4', s.outputPath],
  ];
}

/**
 * VP9 (libvpx-vp9) at constant quality (`-b:v 0 -crf`), row multithreading on, in
 * yuv420p, or yuva420p when transparent (WebM keeps the alpha in a side channel:
 * ffprobe reports yuv420p with the tag alpha_mode=1; decode with libvpx-vp9 to see
 * it). No lookahead (`-lag-in-frames 0`, which also turns off alt-ref frames): with
 * it libvpx dropped the last frames of small videos with alpha (21 of 24 at 160x90);
 * opaque videos go without it too. It costs nothing with the bundled ffmpeg: 60 hero
 * frames at 1080p came out byte for byte the same with `-lag-in-frames 25` (and
 * `-auto-alt-ref 1`); a build whose libvpx uses the lookahead may spend more bytes.
 */
export function webmArgs(s: EncoderSettings): string[] {
  const pixelFormat = s.transparent ? 'yuva420p' : 'yuv420p';
  return [
    ...inputArgs(s),
    ...['-vf', bt709Filter(pixelFormat)],
    ...['-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', String(s.vp9Crf)],
    ...['-deadline', 'good', '-cpu-used', String(vp9CpuUsed(s.preset)), '-row-mt', '1'],
    ...['-lag-in-frames', '0'],
    ...['-pix_fmt', pixelFormat, ...bt709Tags],
    ...['-f', 'webm', s.outputPath],
  ];
}

/**
 * libvpx-vp9's `-cpu-used` for an x264 preset: 5 (fastest of `-deadline good`) for
 * veryfast and faster presets, 4 for fast and medium (quick enough on two cores),
 * down to 1 for veryslow.
 */
export function vp9CpuUsed(preset: string): number {
  const byPreset: Record<string, number> = {
    ultrafast: 5,
    superfast: 5,
    veryfast: 5,
    faster: 5,
    fast: 4,
    medium: 4,
    slow: 3,
    slower: 2,
    veryslow: 1,
  };
  return byPreset[preset] ?? 4;
}

/**
 * An animated GIF in one pass: the frames are split, one branch builds a palette
 * from all of them (`stats_mode=full`: the camera moves, so every pixel counts) and
 * the other is mapped onto it with error-diffusion dithering (sierra2_4a keeps the
 * glow's gradients smooth without bayer's crosshatch). Loops forever. Limit:
 * palettegen needs every frame before the first is written, so ffmpeg holds them
 * all in memory (gifWidthPx and the GIF's rate keep that small).
 */
export function gifArgs(s: EncoderSettings): string[] {
  const size = gifSizePx(s.widthPx, s.heightPx, s.gifWidthPx);
  const scale =
    size.widthPx === s.widthPx && size.heightPx === s.heightPx
      ? ''
      : `scale=${size.widthPx}:${size.heightPx}:flags=lanczos,`;
  return [
    ...inputArgs(s),
    ...[
      '-vf',
      `${scale}split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=sierra2_4a`,
    ],
    ...['-loop', '0', '-f', 'gif', s.outputPath],
  ];
}

/** The GIF's size: `gifWidthPx` wide (0, or wider than the frames: theirs), same aspect. */
export function gifSizePx(
  widthPx: number,
  heightPx: number,
  gifWidthPx: number,
): { widthPx: number; heightPx: number } {
  if (gifWidthPx <= 0 || gifWidthPx >= widthPx) return { widthPx, heightPx };
  return {
    widthPx: gifWidthPx,
    heightPx: Math.max(1, Math.round((gifWidthPx * heightPx) / widthPx)),
  };
}

/**
 * ProRes 4444 (prores_ks) in QuickTime: yuva444p10le with 16-bit alpha when
 * transparent, else yuv444p10le (no alpha plane: editors read it as opaque).
 */
export function movArgs(s: EncoderSettings): string[] {
  const pixelFormat = s.transparent ? 'yuva444p10le' : 'yuv444p10le';
  return [
    ...inputArgs(s),
    ...['-vf', bt709Filter(pixelFormat)],
    ...['-c:v', 'prores_ks', '-profile:v', '4444', '-vendor', 'apl0'],
    ...(s.transparent ? ['-alpha_bits', '16'] : []),
    ...['-pix_fmt', pixelFormat, ...bt709Tags],
    ...['-f', 'mov', s.outputPath],
  ];
}

function inputArgs(s: EncoderSettings): string[] {
  return [
    ...['-hide_banner', '-nostats', '-loglevel', 'error', '-y'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${s.widthPx}x${s.heightPx}`],
    ...['-r', String(s.fps), '-i', 'pipe:0'],
  ];
}

function bt709Filter(pixelFormat: string): string {
  return `scale=out_color_matrix=bt709:out_range=tv,format=${pixelFormat}`;
}

const bt709Tags = [
  ...['-color_range', 'tv', '-colorspace', 'bt709'],
  ...['-color_primaries', 'bt709', '-color_trc', 'bt709'],
];
