import assert from 'node:assert/strict';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { IcarusError } from '../src/config/errors.js';
import {
  type LandscapeBundle,
  type Point2,
  loadBundle,
} from '../src/landscape/manifest.js';
import { setLogLevel } from '../src/log/logger.js';
import { overWhite } from '../src/plot/band-colours.js';
import { figureMetrics } from '../src/plot/figure-metrics.js';
import { levelLabels } from '../src/plot/level-labels.js';
import { bandOf, clipValues, planeLevels, usableClip } from '../src/plot/levels.js';
import { pathFigure } from '../src/plot/path-figure.js';
import { plotBundle } from '../src/plot/plot-bundle.js';
import { planeFigure } from '../src/plot/plane-figure.js';
import { tinyLandscape } from './support/landscape.js';

setLogLevel('warn');

const trainLoss = figureMetrics.find((m) => m.metric === 'trainLoss')!;
const testError = figureMetrics.find((m) => m.metric === 'testError')!;

function near(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} is not within ${tolerance} of ${expected}`,
  );
}

/** Attributes of every element `<name ...>` in an SVG string with `class="cls"`. */
function elements(svg: string, name: string, cls: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of svg.matchAll(new RegExp(`<${name}\\s([^>]*?)/?>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const [, key, value] of (match[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) {
      attrs[key as string] = value as string;
    }
    if (attrs.class === cls) found.push(attrs);
  }
  return found;
}

function points(list: string): Point2[] {
  return list.split(' ').map((pair) => pair.split(',').map(Number) as Point2);
}

/** Plane to SVG units from the plot-area rectangle and the grid's extent (y up). */
function planeToSvg(svg: string, bundle: LandscapeBundle): (p: Point2) => Point2 {
  const [rect] = elements(svg, 'rect', 'plot-area');
  assert.ok(rect, 'the figure has a plot area');
  const left = Number(rect.x);
  const top = Number(rect.y);
  const width = Number(rect.width);
  const height = Number(rect.height);
  const { xs, ys } = bundle.manifest.plane;
  const [x0, x1] = [xs[0] as number, xs[xs.length - 1] as number];
  const [y0, y1] = [ys[0] as number, ys[ys.length - 1] as number];
  return ([x, y]) => [
    left + ((x - x0) / (x1 - x0)) * width,
    top + height - ((y - y0) / (y1 - y0)) * height,
  ];
}

describe('reference contour levels', () => {
  // Expected levels worked out by hand (in Python) from
  // min + exp(logAlpha + k gamma), gamma = (ln(max - min) - logAlpha) / N.
  const cases = [
    {
      name: 'min 0.1, max 7 clipped at 5, N 7, logAlpha -5',
      values: [0.1, 0.5, 2, 7, 3],
      clip: 5,
      min: 0.1,
      max: 5,
      gamma: 0.9413193150166544,
      levels: [
        0.1, 0.11727179102364496, 0.1442738367050011, 0.21348982939277353,
        0.390915410413165, 0.8457212374772426, 2.011552788608907, 5,
      ],
    },
    {
      name: 'spread 0.004 below exp(-5): logAlpha lowered, gamma 1',
      values: [1, 1.001, 1.004],
      clip: 5,
      min: 1,
      max: 1.004,
      gamma: 1,
      levels: [
        1, 1.0000099150087067, 1.0000269517879963, 1.0000732625555548,
        1.0001991482734716, 1.0005413411329465, 1.0014715177646858, 1.004,
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = planeLevels(c.values, { clip: c.clip });
      near(result.min, c.min, 1e-12, 'min');
      near(result.max, c.max, 1e-12, 'max');
      near(result.gamma, c.gamma, 1e-9, 'gamma');
      assert.equal(result.levels.length, c.levels.length);
      c.levels.forEach((level, k) =>
        near(result.levels[k] as number, level, 1e-9, `level ${k}`),
      );
    });
  }

  test('usable clip: the ceiling when a value lies below it, else none', () => {
    assert.equal(usableClip([39, 50, 60], 40), 40);
    assert.equal(usableClip([40, 50, 60], 40), Infinity);
  });

  test('a flat grid is an error', () => {
    assert.throws(() => planeLevels([2, 2, 2], { clip: 5 }), IcarusError);
  });

  test('bands: the last level at or below a value, the catch-all from max up', () => {
    const levels = [0, 1, 2, 4];
    assert.deepEqual(
      [0, 0.5, 1, 3.9, 4, 9].map((v) => bandOf(v, levels)),
      [0, 0, 1, 2, 3, 3],
    );
  });

  test('labels keep levels just above the minimum apart', () => {
    assert.deepEqual(levelLabels([5.25, 5.273, 5.327, 15.52, 40]), [
      '5.25',
      '5.27',
      '5.33',
      '15.5',
      '40',
    ]);
    assert.deepEqual(levelLabels([0.0562, 0.5, 1.545]), ['0.056', '0.5', '1.5']);
  });
});

describe('the plane figure of a tiny real-data bundle', () => {
  for (const spec of [trainLoss, testError]) {
    test(`${spec.metric}: bands, paths, markers and colour bar`, async () => {
      const bundle = loadBundle(await tinyLandscape());
      const { svg } = planeFigure(bundle, spec);
      const { plane } = bundle.manifest;
      const raw = bundle.grids[spec.metric].values;
      const clip = usableClip(raw, spec.clip);
      const values = Array.from(clipValues(raw, clip));
      const { levels } = planeLevels(values, { clip });
      const edges = [...levels, Infinity];

      // One path per band; every band holding a sample strictly inside it is drawn,
      // and no band is drawn that the field never crosses into.
      const drawn = elements(svg, 'path', 'band').map((b) => Number(b['data-band']));
      assert.equal(new Set(drawn).size, drawn.length, 'one path per band');
      for (let k = 0; k <= levels.length - 1; k++) {
        const [low, high] = [edges[k] as number, edges[k + 1] as number];
        if (values.some((v) => v > low && v < high)) {
          assert.ok(drawn.includes(k), `band ${k} holds samples but is not drawn`);
        }
        if (drawn.includes(k)) {
          assert.ok(values.some((v) => v >= low) && values.some((v) => v < high));
        }
      }
      for (const band of elements(svg, 'path', 'band')) {
        assert.equal(band['fill-rule'], 'evenodd');
      }

      const toSvg = planeToSvg(svg, bundle);
      const [curve] = elements(svg, 'polyline', 'curve');
      const [segment] = elements(svg, 'polyline', 'segment');
      assert.ok(curve && segment);
      assert.equal(curve['stroke-dasharray'], undefined, 'the curve is solid');
      assert.ok(segment['stroke-dasharray'], 'the segment is dashed');
      for (const [drawnLine, projected] of [
        [curve, plane.curve],
        [segment, plane.segment],
      ] as const) {
        const got = points(drawnLine.points as string);
        assert.equal(got.length, projected.length);
        projected.forEach((p, i) => {
          const [ex, ey] = toSvg(p);
          near((got[i] as Point2)[0], ex, 0.006, `x of point ${i}`);
          near((got[i] as Point2)[1], ey, 0.006, `y of point ${i}`);
        });
      }

      const endpoints = elements(svg, 'circle', 'endpoint');
      assert.equal(endpoints.length, 2);
      [plane.points.w1, plane.points.w2].forEach((p, i) => {
        const [ex, ey] = toSvg(p);
        near(Number(endpoints[i]?.cx), ex, 0.006, `endpoint ${i + 1} x`);
        near(Number(endpoints[i]?.cy), ey, 0.006, `endpoint ${i + 1} y`);
      });

      const [bend] = elements(svg, 'polygon', 'bend');
      assert.ok(bend);
      const corners = points(bend.points as string);
      assert.equal(corners.length, 4, 'a diamond has four corners');
      const [bx, by] = toSvg(plane.points.bend);
      // Top, right, bottom, left of the bend's position.
      near(corners[0]![0], bx, 0.006, 'top corner x');
      near(corners[2]![0], bx, 0.006, 'bottom corner x');
      near(corners[1]![1], by, 0.006, 'right corner y');
      near(corners[3]![1], by, 0.006, 'left corner y');
      assert.ok(corners[0]![1] < by && corners[2]![1] > by);
      for (const name of ['w₁', 'w₂', 'θ']) assert.ok(svg.includes(`>${name}</text>`));

      const ticks = elements(svg, 'line', 'colour-bar-tick');
      assert.equal(ticks.length, levels.length, 'N + 1 ticks');
      const labels = [...svg.matchAll(/class="colour-bar-label"[^>]*>([^<]*)</g)].map(
        (m) => m[1] as string,
      );
      assert.equal(labels.length, levels.length);
      assert.match(labels[labels.length - 1] as string, /^&gt; [\d.]+$/);
      assert.ok(labels.slice(0, -1).every((l) => /^[\d.]+$/.test(l)));
      assert.ok(svg.includes(bundle.manifest.name));
    });
  }

  test('the same bundle gives the same SVG', async () => {
    const bundle = loadBundle(await tinyLandscape());
    assert.equal(
      planeFigure(bundle, trainLoss).svg,
      planeFigure(bundle, trainLoss).svg,
    );
  });
});

describe('icarus plot on a tiny real-data bundle', () => {
  test('writes PNG and SVG figures whose pixels show the markers and the hill', async () => {
    const dir = await tinyLandscape();
    const outDir = join(mkdtempSync(join(tmpdir(), 'icarus-plot-')), 'figures');
    const written = await plotBundle(dir, { outDir });
    const expected = ['plane', 'path'].flatMap((kind) =>
      ['train-loss', 'test-error'].flatMap((slug) =>
        ['svg', 'png'].map((ext) => `${kind}-${slug}.${ext}`),
      ),
    );
    assert.deepEqual(readdirSync(outDir).sort(), expected.sort());
    assert.equal(written.length, expected.length);
    assert.ok(written.every((path) => existsSync(path)));

    const bundle = loadBundle(dir);
    const svg = readFileSync(join(outDir, 'plane-train-loss.svg'), 'utf8');
    const png = join(outDir, 'plane-train-loss.png');
    const meta = await sharp(png).metadata();
    const widthUnits = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)?.[1]);
    const heightUnits = Number(/<svg[^>]*height="([\d.]+)"/.exec(svg)?.[1]);
    assert.equal(meta.width, 1000);
    assert.equal(meta.height, Math.round((heightUnits * 1000) / widthUnits));
    const scale = 1000 / widthUnits;
    const { data, info } = await sharp(png)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixel = ([x, y]: Point2): number[] => {
      const i = (Math.round(y * scale) * info.width + Math.round(x * scale)) * 3;
      return [data[i] as number, data[i + 1] as number, data[i + 2] as number];
    };

    // Endpoint markers are black; sample below their centres, off the curve and
    // the segment, which leave them upwards and sideways.
    const toSvg = planeToSvg(svg, bundle);
    const radius = Number(elements(svg, 'circle', 'endpoint')[0]?.r);
    for (const point of [
      bundle.manifest.plane.points.w1,
      bundle.manifest.plane.points.w2,
    ]) {
      const [x, y] = toSvg(point);
      const seen = pixel([x, y + radius * 0.6]);
      assert.ok(
        seen.every((c) => c < 40),
        `endpoint marker pixel ${seen}`,
      );
    }

    // The hill: the sample on the segment's middle (alpha 0.5, beta 0) has a
    // high band, and its pixel has that band's fill seen over white.
    const { alphas, betas } = bundle.manifest.plane;
    const nearest = (list: number[], target: number): number =>
      list.reduce(
        (best, v, i) =>
          Math.abs(v - target) < Math.abs((list[best] as number) - target) ? i : best,
        0,
      );
    const a = nearest(alphas, 0.5);
    const b = nearest(betas, 0);
    const grid = bundle.grids.trainLoss;
    const value = Math.min(grid.values[a * betas.length + b] as number, trainLoss.clip);
    const { levels } = planeLevels(clipValues(grid.values, trainLoss.clip), {
      clip: trainLoss.clip,
    });
    const band = bandOf(value, levels);
    assert.ok(
      band >= levels.length - 3,
      `the hill is in band ${band} of ${levels.length}`,
    );
    const fill = elements(svg, 'path', 'band').find(
      (p) => Number(p['data-band']) === band,
    );
    assert.ok(fill, `band ${band} is drawn`);
    const want = overWhite(fill.fill as string, Number(fill['fill-opacity']));
    const seen = pixel(
      toSvg([
        bundle.manifest.plane.xs[a] as number,
        bundle.manifest.plane.ys[b] as number,
      ]),
    );
    want.forEach((c, i) => near(seen[i] as number, c, 6, `hill pixel channel ${i}`));
  });

  test('the path figure: the curve runs below the segment near t = 0.5', async () => {
    const bundle = loadBundle(await tinyLandscape());
    const { svg } = pathFigure(bundle, trainLoss);
    const [curve] = elements(svg, 'polyline', 'curve');
    const [segment] = elements(svg, 'polyline', 'segment');
    assert.ok(curve && segment);
    const [rect] = elements(svg, 'rect', 'plot-area');
    const middleX = Number(rect?.x) + Number(rect?.width) / 2;
    const atMiddle = (list: Point2[]): Point2 =>
      list.reduce((best, p) =>
        Math.abs(p[0] - middleX) < Math.abs(best[0] - middleX) ? p : best,
      );
    const c = atMiddle(points(curve.points as string));
    const s = atMiddle(points(segment.points as string));
    near(c[0], middleX, 1, 'curve point near t = 0.5');
    // SVG y grows downwards: lower loss is a larger y.
    assert.ok(c[1] > s[1], `curve y ${c[1]} is not below segment y ${s[1]}`);
  });

  const badCases = [
    {
      name: 'a folder that is not a bundle',
      run: async () => plotBundle(mkdtempSync(join(tmpdir(), 'icarus-empty-'))),
      message: /no landscape bundle here/,
    },
    {
      name: 'an --out that is a file',
      run: async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'icarus-out-')), 'figures.png');
        writeFileSync(file, 'not a folder');
        return plotBundle(await tinyLandscape(), { outDir: file });
      },
      message: /is a file, not a folder for the figures/,
    },
  ];
  for (const c of badCases) {
    test(`${c.name} is an IcarusError`, async () => {
      await assert.rejects(c.run, (error: unknown) => {
        assert.ok(error instanceof IcarusError);
        assert.match(error.message, c.message);
        return true;
      });
    });
  }
});
