import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  contourReach,
  levelTextureData,
  levelTexel,
  rampColor,
} from '../src/render/ramp-texture.js';
import { type Hex } from '../src/scene/palettes.js';

const stops: Hex[] = ['#000000', '#ff0000', '#ffff00', '#ffffff'];
const contours = [0.2, 0.5, 0.8];

test('the colour steps toward the band below by the bands strength', () => {
  assert.deepEqual(levelTexel(stops, contours, 1, 0.6).rgb, rampColor(stops, 0.5));
  assert.deepEqual(levelTexel(stops, contours, 0, 0.6).rgb, rampColor(stops, 0.6));
  assert.deepEqual(levelTexel(stops, contours, 0.5, 0.6).rgb, rampColor(stops, 0.55));
  // Below the first contour the band starts at level 0.
  assert.deepEqual(levelTexel(stops, contours, 1, 0.1).rgb, rampColor(stops, 0));
  // The contours' order does not matter.
  assert.deepEqual(
    levelTexel(stops, [0.8, 0.2, 0.5], 1, 0.6).rgb,
    rampColor(stops, 0.5),
  );
  // No contours: the ramp as it is, whatever the bands.
  assert.deepEqual(levelTexel(stops, [], 1, 0.6).rgb, rampColor(stops, 0.6));
});

test('the distance is to the nearest contour, and endless with none', () => {
  assert.ok(
    Math.abs(levelTexel(stops, contours, 1, 0.62).contourDistance - 0.12) < 1e-12,
  );
  assert.ok(
    Math.abs(levelTexel(stops, contours, 1, 0.42).contourDistance - 0.08) < 1e-12,
  );
  assert.equal(levelTexel(stops, [], 1, 0.5).contourDistance, Infinity);
});

test('the stored distance reads back finely near a contour, as the shader squares it', () => {
  const width = 8192;
  const data = levelTextureData(stops, contours, 1, width);
  // Relative to the distance: the line's brightness falls with distance / width, so
  // what matters is the share of the distance the byte loses.
  let worst = 0;
  for (let x = 0; x < width; x++) {
    const level = (x + 0.5) / width;
    const exact = Math.min(...contours.map((c) => Math.abs(level - c)));
    if (exact > 0.01) continue;
    const alpha = (data[x * 4 + 3] ?? 0) / 255;
    const off = Math.abs(alpha * alpha * contourReach - exact);
    worst = Math.max(worst, off / (exact + 2.5e-4));
  }
  assert.ok(
    worst < 0.04,
    `distance off by ${(worst * 100).toFixed(1)}% near a contour`,
  );
  // Far from every contour it saturates at the reach.
  const far = data[Math.round(0.35 * width) * 4 + 3];
  assert.equal(far, 255);
  // The colour bytes are the ramp's at the stepped level.
  const x = Math.floor(0.6 * width);
  const expected = rampColor(stops, 0.5).map((c) => Math.round(c * 255));
  assert.deepEqual([...data.subarray(x * 4, x * 4 + 3)], expected);
});
