/**
 * `npm run stills`: the README's still per palette, `icarus still` of the hero scene
 * on the default landscape at 480x270 with each palette preset, re-encoded as an
 * indexed PNG (256 colours, dithered) to keep each file small in the repository.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { logger } from '../src/log/logger.js';
import { renderStill } from '../src/render/render-still.js';
import { defaultScenePath } from '../src/scene/load-scene.js';
import { presetNames } from '../src/scene/presets.js';
import { writeFileAtomic } from '../src/util/atomic.js';
import { runCleanups } from '../src/util/cleanup.js';

export const stillsDir = join('docs', 'palettes');
const timeSeconds = 9;

const log = logger('stills');
const tmp = mkdtempSync(join(tmpdir(), 'icarus-stills-'));
try {
  for (const name of presetNames('palette')) {
    const frame = await renderStill({
      scenePath: defaultScenePath,
      scene: { palette: name, set: ['output.width=480', 'output.height=270'] },
      timeSeconds,
      out: join(tmp, `${name}.png`),
    });
    const png = await sharp(frame)
      .png({ palette: true, colours: 256, dither: 0.6, effort: 10 })
      .toBuffer();
    const path = join(stillsDir, `${name}.png`);
    writeFileAtomic(path, png);
    log.info(`${path}: ${(png.length / 1024).toFixed(0)} KB`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
  await runCleanups();
}
