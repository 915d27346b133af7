import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
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
