import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { visibleBox } from '../src/render/overlay-layer.js';
import { titleSvg } from '../src/render/overlay-svg.js';

const colors = { text: '#ffffff', curve: '#00ffff', segment: '#ff00ff' };
const fontSizes = (svg: string): number[] =>
  [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));

/** Columns of the drawn title that hold any lit pixel, rightmost first. */
async function rightmostInk(svg: string): Promise<number> {
  const { data, info } = await sharp(Buffer.from(svg))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let right = -1;
  for (let i = 3; i < data.length; i += 4) {
    if ((data[i] as number) > 40) right = Math.max(right, ((i - 3) / 4) % info.width);
  }
  return right;
}

describe('title overlay', () => {
  test('a short title keeps its size', () => {
    const { svg } = titleSvg('ICARUS', 'two minima', colors, 1, 640);
    assert.deepEqual(fontSizes(svg), [30, 15]);
  });

  for (const widthPx of [320, 640]) {
    test(`a long title shrinks to fit ${widthPx} px instead of running off the edge`, async () => {
      const title = 'THE LONG ROAD BETWEEN TWO MINIMA OF A DIGIT CLASSIFIER AND BEYOND';
      const { svg } = titleSvg(title, '', colors, 1, widthPx);
      assert.ok((fontSizes(svg)[0] as number) < 30);
      const right = await rightmostInk(svg);
      assert.ok(right > widthPx / 2, 'the title is drawn');
      assert.ok(right < widthPx - 1, `ink reaches column ${right} of ${widthPx}`);
    });
  }
});

describe('the title is blended over the box its pixels fill', () => {
  const raster = (widthPx: number, heightPx: number, lit: [number, number][]) => {
    const data = new Uint8Array(widthPx * heightPx * 4);
    for (const [x, y] of lit) data[(y * widthPx + x) * 4 + 3] = 40;
    return { data, widthPx, heightPx };
  };

  test('the box spans the lit pixels and no more', () => {
    assert.deepEqual(
      visibleBox(
        raster(10, 6, [
          [2, 1],
          [7, 4],
          [3, 3],
        ]),
      ),
      { left: 2, top: 1, widthPx: 6, heightPx: 4 },
    );
    assert.deepEqual(visibleBox(raster(4, 4, [[0, 0]])), {
      left: 0,
      top: 0,
      widthPx: 1,
      heightPx: 1,
    });
  });

  test('a clear raster has no box', () => {
    assert.equal(visibleBox(raster(5, 5, [])), null);
  });
});
