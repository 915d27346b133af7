/**
 * Every shipped preset renders: each camera preset (with its own numbers, not just the
 * move's defaults) and each palette preset draws the wings with no GL error.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadBundle, type LandscapeBundle } from '../src/landscape/manifest.js';
import { createFrameRenderer } from '../src/render/frame-renderer.js';
import { resolveScene } from '../src/scene/load-scene.js';
import { presetNames, type PresetKind } from '../src/scene/presets.js';
import { contentFraction } from './support/content-fraction.js';
import { tinyLandscape } from './support/landscape.js';

const widthPx = 96;
const heightPx = 54;
let bundle: LandscapeBundle;

before(async () => {
  bundle = loadBundle(await tinyLandscape());
});

for (const kind of ['camera', 'palette'] as PresetKind[]) {
  for (const name of presetNames(kind)) {
    test(`${kind} preset ${name} renders the wings without GL errors`, async () => {
      const scene = resolveScene(
        {
          landscape: bundle.dir,
          output: { width: widthPx, height: heightPx, supersample: 1 },
          surface: { resolution: 40 },
        },
        `${kind} preset ${name}`,
        { [kind]: name },
      );
      const renderer = await createFrameRenderer(scene, bundle);
      try {
        for (const timeSeconds of [1, 9]) {
          const share = contentFraction(await renderer.render(timeSeconds));
          assert.equal(renderer.glError(), 0, 'gl.getError() after the frame');
          assert.ok(
            share > 0.08,
            `at ${timeSeconds} s only ${(share * 100).toFixed(1)}% drawn`,
          );
        }
      } finally {
        renderer.destroy();
      }
    });
  }
}
