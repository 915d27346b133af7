import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bezierCoefficients, evenTs, linearInitWeights } from '../src/method/bezier.js';
import {
  curveControls,
  curvePlane,
  projectCurve,
} from '../src/landscape/curve-geometry.js';
import { curveCoefficients, polyChainCoefficients } from '../src/method/curves.js';
import { planeBasis, project, gridAxis } from '../src/method/plane.js';
import { learningRateAt } from '../src/method/schedule.js';
import { combine, dot } from '../src/method/vector.js';
import { random } from '../src/util/random.js';

const close = (a: number, b: number, tol = 1e-9): void =>
  assert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);

describe('Bezier coefficients', () => {
  const cases: [number, number, number[]][] = [
    [3, 0, [1, 0, 0]],
    [3, 1, [0, 0, 1]],
    [3, 0.5, [0.25, 0.5, 0.25]],
    [3, 0.25, [0.5625, 0.375, 0.0625]],
    [4, 0.5, [0.125, 0.375, 0.375, 0.125]],
    [2, 0.3, [0.7, 0.3]],
  ];
  for (const [points, t, expected] of cases) {
    test(`points=${points} t=${t}`, () => {
      const got = bezierCoefficients(t, points);
      assert.equal(got.length, expected.length);
      got.forEach((c, i) => close(c, expected[i] as number));
    });
  }

  test('sum to one at any t', () => {
    for (const t of evenTs(17))
      close(
        bezierCoefficients(t, 5).reduce((a, b) => a + b, 0),
        1,
      );
  });

  test('the linear start puts the bend of 3 points at the midpoint', () => {
    assert.deepEqual(linearInitWeights(3), [[0.5, 0.5]]);
  });
});

describe('learning-rate schedule', () => {
  const cases: [number, number][] = [
    [0, 1],
    [5, 1],
    [7, 1 - (0.2 / 0.4) * 0.99],
    [9, 0.01],
  ];
  for (const [epoch, factor] of cases) {
    test(`epoch ${epoch} of 10`, () =>
      close(learningRateAt(epoch, 10, 0.05), 0.05 * factor));
  }
});

describe('plane basis', () => {
  const rng = random(7, 'test-plane');
  const vector = (): Float32Array =>
    Float32Array.from({ length: 500 }, () => rng() - 0.5);
  const [w1, bend, w2] = [vector(), vector(), vector()];
  const basis = planeBasis(w1, bend, w2);

  test('u and v are orthonormal', () => {
    close(dot(basis.u, basis.u), 1, 1e-5);
    close(dot(basis.v, basis.v), 1, 1e-5);
    close(dot(basis.u, basis.v), 0, 1e-5);
  });

  test('w1 sits at (0, 0), w2 at (dx, 0), the bend at (<bend - w1, u>, dy)', () => {
    const p1 = project(basis, w1);
    const p2 = project(basis, w2);
    const pb = project(basis, bend);
    close(p1.x, 0, 1e-6);
    close(p1.y, 0, 1e-6);
    close(p2.x, basis.dx, 1e-4);
    close(p2.y, 0, 1e-4);
    close(pb.x, dot(combine([bend, w1], [1, -1]), basis.u), 1e-4);
    close(pb.y, basis.dy, 1e-4);
    for (const p of [p1, p2, pb]) close(p.off, 0, 2e-2);
  });

  test('grid axis spans the margins', () => {
    const axis = gridAxis(41, 0.2);
    close(axis[0] as number, -0.2);
    close(axis[40] as number, 1.2);
    close(axis[10] as number, 0.15);
  });
});

describe('PolyChain weights', () => {
  const cases: [number, number, number[]][] = [
    [3, 0, [1, 0, 0]],
    [3, 0.25, [0.5, 0.5, 0]],
    [3, 0.5, [0, 1, 0]],
    [3, 0.75, [0, 0.5, 0.5]],
    [3, 1, [0, 0, 1]],
    [5, 0.6, [0, 0, 0.6, 0.4, 0]],
  ];
  for (const [points, t, expected] of cases) {
    test(`points=${points} t=${t}`, () => {
      const got = polyChainCoefficients(t, points);
      assert.equal(got.length, expected.length);
      got.forEach((c, i) => close(c, expected[i] as number));
    });
  }

  test('curveCoefficients picks the weights of the curve type', () => {
    assert.deepEqual(
      curveCoefficients({ type: 'bezier', controlPoints: 4 }, 0.3),
      bezierCoefficients(0.3, 4),
    );
    assert.deepEqual(
      curveCoefficients({ type: 'polychain', controlPoints: 4 }, 0.3),
      polyChainCoefficients(0.3, 4),
    );
  });
});

describe('a curve projected onto its plane', () => {
  const rng = random(4, 'curve-plane');
  const vector = (): Float32Array =>
    Float32Array.from({ length: 40 }, () => rng() - 0.5);
  const w1 = vector();
  const w2 = vector();
  const bends = [vector(), vector(), vector()];

  test('a 3-point curve lies in its plane: the bend at (<bend - w1, u>, dy)', () => {
    const controls = curveControls(
      { type: 'bezier', controlPoints: 3 },
      w1,
      [bends[0] as Float32Array],
      w2,
    );
    const { basis, through } = curvePlane(controls);
    assert.equal(through, 'bend');
    const projected = projectCurve(basis, controls, [0, 0.5, 1]);
    close(projected.bends[0]?.[1] as number, basis.dy, 1e-6);
    close(projected.offPlane[0] as number, 0, 1e-3);
    assert.deepEqual(projected.points[0], [0, 0]);
    assert.deepEqual(projected.points[2], [basis.dx, 0]);
  });

  test('a 5-point curve is drawn on the plane through its midpoint', () => {
    const shape = { type: 'bezier', controlPoints: 5 } as const;
    const controls = curveControls(shape, w1, bends, w2);
    const { basis, through, third } = curvePlane(controls);
    assert.equal(through, 'curve-midpoint');
    // The midpoint projects onto the plane exactly where the projected curve passes.
    const at = project(basis, third);
    const mid = projectCurve(basis, controls, [0.5]).points[0] as [number, number];
    close(mid[0], at.x, 1e-4);
    close(mid[1], at.y, 1e-4);
    close(at.off, 0, 1e-3);
  });
});
