/**
 * When each frame of a video is taken. The full video has durationSeconds x fps
 * frames; a preview of `count` frames spreads them evenly over the same duration,
 * so a short test still shows the whole story.
 */
export function frameTimes(
  durationSeconds: number,
  fps: number,
  count?: number,
): number[] {
  const n = count ?? fullFrameCount(durationSeconds, fps);
  return Array.from({ length: n }, (_, i) => (i * durationSeconds) / n);
}

/** The frame count of the full video; a preview may have at most this many. */
export function fullFrameCount(durationSeconds: number, fps: number): number {
  return Math.round(durationSeconds * fps);
}
