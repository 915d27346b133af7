/** Samples a scene's keyframed tracks; a pure function of time, so frames can be drawn alone. */
import { easings } from './easing.js';
import { type Keyframe, type TimelineSettings } from './sections/timeline.js';

export type TimelineSample = Record<keyof TimelineSettings, number>;

/** The value of one track at `fraction` of the video (0..1). */
export function trackValue(frames: Keyframe[], fraction: number): number {
  const first = frames[0];
  if (!first) throw new Error('a timeline track needs at least one keyframe');
  if (fraction <= first.at) return first.value;
  for (let i = 1; i < frames.length; i++) {
    const from = frames[i - 1] as Keyframe;
    const to = frames[i] as Keyframe;
    if (fraction <= to.at) {
      const span = to.at - from.at;
      const x = span > 0 ? (fraction - from.at) / span : 1;
      return from.value + (to.value - from.value) * easings[to.ease](x);
    }
  }
  return (frames[frames.length - 1] as Keyframe).value;
}

/** Every track at `timeSeconds` of a video `durationSeconds` long. */
export function sampleTimeline(
  timeline: TimelineSettings,
  timeSeconds: number,
  durationSeconds: number,
): TimelineSample {
  const fraction = Math.min(Math.max(timeSeconds / durationSeconds, 0), 1);
  return {
    progress: trackValue(timeline.progress, fraction),
    threshold: trackValue(timeline.threshold, fraction),
    camera: trackValue(timeline.camera, fraction),
    flyer: trackValue(timeline.flyer, fraction),
  };
}
