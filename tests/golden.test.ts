/**
 * Golden stills: each case rendered now must match its PNG in tests/golden/ within a
 * tolerance (pixelmatch's perceptual colour distance per pixel, and a small share of
 * pixels allowed to differ, for other Mesa builds). After a deliberate change to the
 * picture, `npm run golden` rewrites the PNGs; failures leave the frame rendered now
 * in renders/golden-actual/ to compare.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import pixelmatch from 'pixelmatch';
import {
  goldenCases,
  goldenHeightPx,
  goldenWidthPx,
  readGolden,
  renderGolden,
} from '../scripts/golden.js';
import { writePng } from '../src/render/write-png.js';
import { tinyLandscape } from './support/landscape.js';

/** pixelmatch's per-pixel colour threshold (0 exact .. 1 anything). */
const colourThreshold = 0.1;
/** Share of pixels that may differ beyond it. */
const maxDifferingShare = 0.01;

function differingShare(a: Uint8Array, b: Uint8Array): number {
  const count = pixelmatch(a, b, null, goldenWidthPx, goldenHeightPx, {
    threshold: colourThreshold,
  });
  return count / (goldenWidthPx * goldenHeightPx);
}

let landscape: string;
before(async () => {
  landscape = await tinyLandscape();
});

describe('golden stills match within the tolerance', () => {
  for (const c of goldenCases) {
    test(c.name, async () => {
      const actual = await renderGolden(c, landscape);
      const share = differingShare(actual, await readGolden(c));
      if (share > maxDifferingShare) {
        const path = join('renders', 'golden-actual', `${c.name}.png`);
        await writePng(path, actual, goldenWidthPx, goldenHeightPx);
        assert.fail(
          `${c.name}: ${(share * 100).toFixed(2)}% of pixels differ (at most ` +
            `${maxDifferingShare * 100}%); now rendered: ${path}; npm run golden if intended`,
        );
      }
    });
  }
});

test('the tolerance tells different presets apart', async () => {
  const [first, second] = goldenCases;
  assert.ok(first && second);
  const share = differingShare(await readGolden(first), await readGolden(second));
  assert.ok(share > 20 * maxDifferingShare, `only ${(share * 100).toFixed(2)}% differ`);
});

test('the transparent golden still is see-through at the corner, mostly opaque on the wings', async () => {
  const c = goldenCases.find((g) => g.transparent);
  assert.ok(c, 'no transparent golden case');
  const rgba = await readGolden(c);
  const alphaAt = (x: number, y: number) => rgba[(y * goldenWidthPx + x) * 4 + 3];
  assert.equal(alphaAt(0, 0), 0);
  let opaque = 0;
  for (let i = 3; i < rgba.length; i += 4) if ((rgba[i] ?? 0) >= 128) opaque++;
  assert.ok(opaque > 0.05 * goldenWidthPx * goldenHeightPx, `${opaque} opaque pixels`);
});

test('the same scene and seed render identical bytes twice', async () => {
  const c = goldenCases[0];
  assert.ok(c);
  const a = await renderGolden(c, landscape);
  const b = await renderGolden(c, landscape);
  assert.ok(Buffer.from(a).equals(Buffer.from(b)), 'frames differ');
});
