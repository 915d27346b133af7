/** Easing curves for timeline keyframes, by the names a scene file uses (d3-ease). */
import * as d3 from 'd3-ease';

export const easings = {
  linear: d3.easeLinear,
  'quad-in': d3.easeQuadIn,
  'quad-out': d3.easeQuadOut,
  'quad-in-out': d3.easeQuadInOut,
  'cubic-in': d3.easeCubicIn,
  'cubic-out': d3.easeCubicOut,
  'cubic-in-out': d3.easeCubicInOut,
  'sin-in': d3.easeSinIn,
  'sin-out': d3.easeSinOut,
  'sin-in-out': d3.easeSinInOut,
  'exp-in': d3.easeExpIn,
  'exp-out': d3.easeExpOut,
  'exp-in-out': d3.easeExpInOut,
  'back-out': d3.easeBackOut,
  hold: (_: number) => 0,
} satisfies Record<string, (x: number) => number>;

export type EasingName = keyof typeof easings;

export const easingNames = Object.keys(easings) as EasingName[];
