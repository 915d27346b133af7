import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  createHeadlessContext,
  type HeadlessContext,
} from '../src/gl/headless-context.js';
import { createSupersampler, noFinish } from '../src/gl/supersampler.js';

const size = 8;
let context: HeadlessContext;

before(async () => {
  context = await createHeadlessContext(size, size);
});

after(() => context.destroy());

/** Draws `frag` (a GLSL main body setting gl_FragColor) over the whole framebuffer. */
function fill(frag: string): void {
  context.regl({
    vert: 'attribute vec2 p; void main() { gl_Position = vec4(p, 0.0, 1.0); }',
    frag: `precision highp float; uniform vec2 size; void main() { ${frag} }`,
    attributes: { p: [-1, -1, 3, -1, -1, 3] },
    uniforms: { size: [size * 2, size * 2] },
    count: 3,
    depth: { enable: false },
  })();
}

test('frames read back top row first, RGBA', () => {
  const supersampler = createSupersampler(context.regl, size, size, 2);
  supersampler.framebuffer.use(() =>
    fill(
      `gl_FragColor = gl_FragCoord.y > size.y / 2.0 ? vec4(0, 0, 1, 1) : vec4(1, 0, 0, 1);`,
    ),
  );
  const pixels = supersampler.resolve();
  assert.equal(pixels.length, size * size * 4);
  const at = (x: number, y: number) =>
    Array.from(pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));
  const near = (got: number[], want: number[]) =>
    got.every((v, i) => Math.abs(v - (want[i] ?? 0)) <= 1);
  assert.ok(near(at(0, 0), [0, 0, 255, 255]), `top row is ${at(0, 0)}, not blue`);
  assert.ok(
    near(at(size - 1, size - 1), [255, 0, 0, 255]),
    `bottom row is ${at(7, 7)}, not red`,
  );
  assert.equal(context.gl.getError(), 0);
});

test('supersampling leaves in-between values along an edge', () => {
  const supersampler = createSupersampler(context.regl, size, size, 2);
  supersampler.framebuffer.use(() =>
    fill(
      `gl_FragColor = gl_FragCoord.x + gl_FragCoord.y > size.x ? vec4(1) : vec4(0, 0, 0, 1);`,
    ),
  );
  const pixels = supersampler.resolve();
  const reds = Array.from({ length: size * size }, (_, i) => pixels[i * 4] ?? 0);
  const partial = reds.filter((v) => v > 10 && v < 245);
  assert.ok(
    partial.length >= size - 1,
    `only ${partial.length} edge pixels are in between`,
  );
  assert.ok(
    reds.some((v) => v <= 1) && reds.some((v) => v >= 254),
    'both sides of the edge',
  );
  assert.equal(context.gl.getError(), 0);
});

for (const transparent of [false, true]) {
  test(`overlays land on their rectangle, rows from the top (${transparent ? 'transparent' : 'opaque'} frame)`, () => {
    const supersampler = createSupersampler(context.regl, size, size, 1, {
      ...noFinish,
      transparent,
    });
    supersampler.framebuffer.use(() => fill('gl_FragColor = vec4(0, 0, 0, 1);'));
    // A 4 x 2 image: its top row red, its bottom row green, at left 3, top 1.
    const image = new Uint8Array(4 * 2 * 4);
    for (let x = 0; x < 4; x++) {
      image.set([255, 0, 0, 255], x * 4);
      image.set([0, 255, 0, 255], (4 + x) * 4);
    }
    const texture = context.regl.texture({ width: 4, height: 2, data: image });
    const pixels = supersampler.resolve({
      grainSeed: 0,
      overlays: [{ texture, rect: [3, 1, 4, 2], opacity: 1 }],
    });
    const at = (x: number, y: number) =>
      Array.from(pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 3));
    const is = (x: number, y: number, want: number[]) =>
      assert.ok(
        at(x, y).every((v, i) => Math.abs(v - (want[i] ?? 0)) <= 1),
        `pixel ${x},${y} is ${at(x, y)}, not ${want}`,
      );
    is(3, 1, [255, 0, 0]);
    is(6, 1, [255, 0, 0]);
    is(3, 2, [0, 255, 0]);
    is(6, 2, [0, 255, 0]);
    for (const [x, y] of [
      [2, 1],
      [7, 1],
      [3, 0],
      [3, 3],
    ] as const)
      is(x, y, [0, 0, 0]);
    texture.destroy();
    assert.equal(context.gl.getError(), 0);
  });
}
