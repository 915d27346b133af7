/**
 * The curves between w1 and w2 (shared/REFERENCE.md), as weights on their control
 * points theta_0 = w1, ..., theta_(n-1) = w2: phi(t) = sum_k c_k(t) theta_k. Every
 * stage works with these weights, so a point of a curve, of the segment or of the
 * plane is always a combination of a few named vectors.
 */
import { type CurveType } from '../config/train-config.js';
import { bezierCoefficients } from './bezier.js';

export interface CurveShape {
  type: CurveType;
  /** Control points, both endpoints included (3: one bend). */
  controlPoints: number;
}

/** The weights c_k(t) of the n control points at t. */
export function curveCoefficients(shape: CurveShape, t: number): number[] {
  return shape.type === 'bezier'
    ? bezierCoefficients(t, shape.controlPoints)
    : polyChainCoefficients(t, shape.controlPoints);
}

/**
 * PolyChain: straight pieces through control points evenly spaced in t, so point k
 * sits at t = k / (n - 1) and only the two points around t have weight.
 */
export function polyChainCoefficients(t: number, controlPoints: number): number[] {
  const pieces = controlPoints - 1;
  const at = Math.min(Math.max(t, 0), 1) * pieces;
  const piece = Math.min(Math.floor(at), pieces - 1);
  const local = at - piece;
  const out = new Array<number>(controlPoints).fill(0);
  out[piece] = 1 - local;
  out[piece + 1] = local;
  return out;
}

/** The weights at each t. */
export function curvePath(shape: CurveShape, ts: number[]): number[][] {
  return ts.map((t) => curveCoefficients(shape, t));
}
