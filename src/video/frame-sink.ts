/**
 * Where rendered frames go: one interface over every video and sequence format, so
 * the render loop does not know which it feeds. A sink leaves a finished output under
 * its final name or nothing (a part of a split PNG sequence leaves the frames it
 * finished, each whole).
 */
import { type EncoderSettings, type VideoFormatName } from './encoder-args.js';
import { openFfmpegSink } from './ffmpeg-sink.js';
import { type OutputFormat } from './output-format.js';
import { openPngSequenceSink } from './png-sequence-sink.js';

export interface FrameSink {
  /**
   * Takes one frame: RGBA, straight alpha, top row first, widthPx x heightPx.
   * Resolves when the sink can take the next one (back-pressure), so the next frame
   * is drawn while this one is encoded. The sink may still read the last
   * `framesHeld` frames after their writes resolved: those arrays must not change.
   */
  write(frame: Uint8Array): Promise<void>;
  /** How many written frames the sink may still be reading (0: none). */
  framesHeld: number;
  /** Waits for every frame to be written and moves the output into place. */
  finish(): Promise<void>;
  /** Stops at once and removes what is unfinished. */
  abort(): void;
}

export interface FrameSinkOptions extends Omit<EncoderSettings, 'outputPath'> {
  /** A video or sequence format of the registry. */
  format: OutputFormat;
  /** The final path: a video file, or a `.frames` folder. */
  path: string;
  /** The ffmpeg binary; needed by the video formats. */
  ffmpegPath?: string;
  /**
   * A part of a split render, sequences only: frames are numbered from this index of
   * the full video and written into the folder as it is (made when missing), each
   * file atomically. Without it a sequence is a fresh folder numbered from 0, renamed
   * into place when complete.
   */
  firstFrame?: number;
}

/** Opens the sink for `options.format`; throws for a still format. */
export function openFrameSink(options: FrameSinkOptions): FrameSink {
  const { format } = options;
  if (format.kind === 'sequence') return openPngSequenceSink(options);
  if (format.kind !== 'video') {
    throw new Error(`${format.name} is a still format, not a frame sink`);
  }
  if (options.ffmpegPath === undefined) {
    throw new Error(`the ${format.name} sink needs an ffmpeg binary`);
  }
  return openFfmpegSink({
    ...options,
    format: format.name as VideoFormatName,
    ffmpegPath: options.ffmpegPath,
  });
}
