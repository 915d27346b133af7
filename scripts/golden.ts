/**
 * Golden stills: small frames of a few presets from the tiny test landscape, kept as
 * PNGs in tests/golden/ and compared by tests/golden.test.ts. `npm run golden`
 * rewrites them on purpose (after a deliberate change to the picture); look at them
 * before committing.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { loadBundle } from '../src/landscape/manifest.js';
import { logger, setLogLevel } from '../src/log/logger.js';
import { createFrameRenderer } from '../src/render/frame-renderer.js';
import { writePng } from '../src/render/write-png.js';
import { resolveScene } from '../src/scene/load-scene.js';
import { runCleanups } from '../src/util/cleanup.js';
import { tinyLandscape } from '../tests/support/landscape.js';

export const goldenDir = join('tests', 'golden');

export interface GoldenCase {
  /** The PNG's name in tests/golden/, without .png. */
  name: string;
  palette: string;
  camera: string;
  timeSeconds: number;
  /** A still with a transparent background (output.transparent). */
  transparent?: boolean;
}

export const goldenCases: GoldenCase[] = [
  { name: 'ember-orbit-9s', palette: 'ember', camera: 'orbit', timeSeconds: 9 },
  { name: 'aurora-flyover-6s', palette: 'aurora', camera: 'flyover', timeSeconds: 6 },
  { name: 'magma-top-down-10s', palette: 'magma', camera: 'top-down', timeSeconds: 10 },
  {
    name: 'ice-still-transparent-8s',
    palette: 'ice',
    camera: 'still',
    timeSeconds: 8,
    transparent: true,
  },
];

export const goldenWidthPx = 160;
export const goldenHeightPx = 90;

export function goldenPath(c: GoldenCase): string {
  return join(goldenDir, `${c.name}.png`);
}

/** The case's frame as RGBA, top row first. */
export async function renderGolden(
  c: GoldenCase,
  landscape: string,
): Promise<Uint8Array> {
  const scene = resolveScene(
    {
      landscape,
      output: { width: goldenWidthPx, height: goldenHeightPx, supersample: 1 },
      surface: { resolution: 60 },
    },
    `golden ${c.name}`,
    { palette: c.palette, camera: c.camera, transparent: c.transparent ?? false },
  );
  const renderer = await createFrameRenderer(scene, loadBundle(scene.landscape));
  try {
    return await renderer.render(c.timeSeconds);
  } finally {
    renderer.destroy();
  }
}

/** A golden PNG decoded to RGBA. */
export async function readGolden(c: GoldenCase): Promise<Uint8Array> {
  const { data, info } = await sharp(goldenPath(c))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== goldenWidthPx || info.height !== goldenHeightPx) {
    throw new Error(
      `${goldenPath(c)} is ${info.width}x${info.height}, not ` +
        `${goldenWidthPx}x${goldenHeightPx}: run npm run golden`,
    );
  }
  return new Uint8Array(data);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const log = logger('golden');
  const landscape = await tinyLandscape();
  setLogLevel('info');
  for (const c of goldenCases) {
    await writePng(
      goldenPath(c),
      await renderGolden(c, landscape),
      goldenWidthPx,
      goldenHeightPx,
    );
    log.info(`wrote ${goldenPath(c)}`);
  }
  await runCleanups();
}
