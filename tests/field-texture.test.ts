import assert from 'node:assert/strict';
import { test } from 'node:test';
import { featherAttributes } from '../src/render/draw-membrane.js';
import { fieldSamples, fieldTexelsPerUnit } from '../src/render/field-texture.js';
import { type SurfaceField } from '../src/render/surface-field.js';
import { buildWingMesh } from '../src/render/wing-mesh.js';

/** A field with a known level (a bowl) and height, over x -0.8..0.8, z -0.6..0.6. */
function bowl(): SurfaceField {
  const level = (x: number, z: number) => Math.min(1, x * x + 2 * z * z);
  const heightOf = (l: number) => 0.5 * l;
  return {
    metric: 'trainLoss',
    xMin: -0.8,
    xMax: 0.8,
    zMin: -0.6,
    zMax: 0.6,
    mirror: true,
    heightScale: 0.5,
    thresholdLevel: 0.8,
    contourLevels: [],
    level,
    height: (x, z) => heightOf(level(x, z)),
    levelOf: (value) => value,
    heightOf,
  };
}

test('the field texture samples the level at its texels and maps the edges to their centres', () => {
  const field = bowl();
  const samples = fieldSamples(field, 40);
  assert.equal(samples.widthPx, 65);
  assert.equal(samples.heightPx, 49);
  const [su, ou, sv, ov] = samples.uvTransform;
  // xMin and zMin at the first texel's centre, xMax and zMax at the last one's.
  assert.ok(Math.abs(field.xMin * su + ou - 0.5 / samples.widthPx) < 1e-12);
  assert.ok(Math.abs(field.xMax * su + ou - (1 - 0.5 / samples.widthPx)) < 1e-12);
  assert.ok(Math.abs(field.zMin * sv + ov - 0.5 / samples.heightPx) < 1e-12);
  assert.ok(Math.abs(field.zMax * sv + ov - (1 - 0.5 / samples.heightPx)) < 1e-12);
  // Texel (column 48, row 12) is at x = -0.8 + 48 * 0.025, z = -0.6 + 12 * 0.025.
  const x = -0.8 + 48 * 0.025;
  const z = -0.6 + 12 * 0.025;
  const texel = (12 * samples.widthPx + 48) * 4;
  assert.ok(Math.abs((samples.data[texel + 3] ?? NaN) - field.level(x, z)) < 1e-6);
});

test('the field texture holds unit normals of the height, up from the surface', () => {
  const field = bowl();
  const samples = fieldSamples(field, 40);
  // Where the bowl is below the clip its gradient is (0.5 * 2x, 0.5 * 4z).
  for (const [column, row] of [
    [32, 24],
    [40, 30],
    [20, 16],
  ] as const) {
    const x = -0.8 + column * 0.025;
    const z = -0.6 + row * 0.025;
    const [nx = 0, ny = 0, nz = 0] = samples.data.subarray(
      (row * samples.widthPx + column) * 4,
    );
    assert.ok(Math.abs(Math.hypot(nx, ny, nz) - 1) < 1e-6);
    const length = Math.hypot(x, 1, 2 * z);
    assert.ok(Math.abs(nx - -x / length) < 1e-4, `nx at ${column},${row}: ${nx}`);
    assert.ok(Math.abs(ny - 1 / length) < 1e-4);
    assert.ok(Math.abs(nz - (-2 * z) / length) < 1e-4);
  }
});

test('the feather attributes give the ray angle, the feathering and the outline fade', () => {
  const field = bowl();
  const mesh = buildWingMesh(field, 10);
  const attributes = featherAttributes(mesh, field, 12);
  const at = (x: number, z: number) => {
    let best = 0;
    for (let i = 0; i < mesh.levels.length; i++) {
      const d = (v: number) =>
        Math.hypot(
          (mesh.positions[v * 3] ?? 0) - x,
          (mesh.positions[v * 3 + 2] ?? 0) - z,
        );
      if (d(i) < d(best)) best = i;
    }
    return {
      x: mesh.positions[best * 3] ?? 0,
      z: mesh.positions[best * 3 + 2] ?? 0,
      level: mesh.levels[best] ?? 0,
      angle: attributes[best * 3] ?? NaN,
      feathering: attributes[best * 3 + 1] ?? NaN,
      outline: attributes[best * 3 + 2] ?? NaN,
    };
  };
  const middle = at(0, 0);
  assert.equal(middle.outline, 1);
  assert.equal(middle.feathering, 0);
  const corner = at(0.8, 0.6);
  assert.equal(corner.outline, 0);
  const side = at(0.5, -0.3);
  assert.ok(
    Math.abs(side.angle - (Math.atan2(Math.abs(side.z), side.x) * 12) / Math.PI) < 1e-6,
  );
  // Past mid-wing (radius 0.58): feathered by (1 - 0.7 level) of the full strength.
  assert.ok(Math.abs(side.feathering - (1 - 0.7 * side.level)) < 1e-6);
});

test('the field is sampled 4 times finer than the mesh, up to 320 texels along the segment', () => {
  assert.equal(fieldTexelsPerUnit(40), 160);
  assert.equal(fieldTexelsPerUnit(8), 32);
  assert.equal(fieldTexelsPerUnit(600), 320);
});
