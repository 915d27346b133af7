/**
 * The ffmpeg command line for a video: raw RGBA frames on stdin, H.264 (libx264) in
 * yuv420p out, converted with the BT.709 matrix into TV range and tagged BT.709 so
 * players show the colours as rendered, with the index up front (`+faststart`) so it
 * plays while loading.
 */
export interface EncoderSettings {
  widthPx: number;
  heightPx: number;
  fps: number;
  /** x264 constant rate factor: 0 lossless .. 51 worst. */
  crf: number;
  /** x264 speed preset (ultrafast .. veryslow); default medium. */
  preset?: string;
  /** The file ffmpeg writes (a temporary name; the container is forced to MP4). */
  outputPath: string;
}

export function encoderArgs(s: EncoderSettings): string[] {
  return [
    ...['-hide_banner', '-nostats', '-loglevel', 'error', '-y'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${s.widthPx}x${s.heightPx}`],
    ...['-r', String(s.fps), '-i', 'pipe:0'],
    ...['-vf', 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p'],
    ...['-c:v', 'libx264', '-preset', s.preset ?? 'medium', '-crf', String(s.crf)],
    ...['-pix_fmt', 'yuv420p', '-color_range', 'tv'],
    ...['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709'],
    ...['-movflags', '+faststart', '-f', 'mp4', s.outputPath],
  ];
}
