/**
 * `render --frames A:B`: a slice of the full video's frames, 0-based with the end
 * excluded (`0:30` is the first 30 frames, `30:` the rest, `:30` the same as `0:30`).
 * Frame i is the one a full render draws at i / fps seconds.
 */
import { IcarusError } from '../config/errors.js';
import { type FrameRange } from './render-video.js';

/** The full video a range is taken from, for the checks and their messages. */
export interface FullVideo {
  frameCount: number;
  /** Where the count comes from, such as `output.fps 30 x output.durationSeconds 12 in a.yaml`. */
  about: string;
}

/**
 * Parses `A:B`, `A:` or `:B` into frames [start, end) inside the full video. A bare
 * number was the preview flag's syntax before ranges: it fails pointing to
 * `--preview N` and `--frames 0:N` rather than guessing which was meant.
 */
export function parseFrameRange(text: string, video: FullVideo): FrameRange {
  const written = text.trim();
  if (/^\d+$/.test(written)) {
    throw new IcarusError(
      `--frames ${written}: --frames takes a range A:B of frame indices now`,
      `for a preview of ${written} frames spread over the video write --preview ${written}; ` +
        `for the first ${written} frames write --frames 0:${written}`,
    );
  }
  const match = /^(\d*):(\d*)$/.exec(written);
  if (!match) {
    throw new IcarusError(
      `--frames '${text}': expected A:B (frame indices from 0, end excluded), A: (to ` +
        'the end) or :B',
      `write it like --frames 0:${Math.min(video.frameCount, 30)}`,
    );
  }
  const start = match[1] === '' ? 0 : Number(match[1]);
  const end = match[2] === '' ? video.frameCount : Number(match[2]);
  const fix = `give A < B <= ${video.frameCount}, such as --frames 0:${video.frameCount}`;
  if (start >= end) {
    throw new IcarusError(
      `--frames ${written}: no frames (the end, ${end}, is excluded and must come after ` +
        `the start, ${start})`,
      fix,
    );
  }
  if (end <= video.frameCount) return { start, end };
  throw new IcarusError(
    `--frames ${written}: the full video has ${video.frameCount} frames, 0 to ` +
      `${video.frameCount - 1} (${video.about}); the range ends past it`,
    fix,
  );
}

/** `0:30` for frames [0, 30): the flag's own syntax, for log lines and messages. */
export function rangeText(range: FrameRange): string {
  return `${range.start}:${range.end}`;
}
