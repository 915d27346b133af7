import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { IcarusError } from '../src/config/errors.js';
import { setLogLevel } from '../src/log/logger.js';
import { renderVideo } from '../src/render/render-video.js';
import { resolveFfmpeg } from '../src/video/ffmpeg-binary.js';
import { tinyLandscape } from './support/landscape.js';

const widthPx = 64;
const heightPx = 48;
const frames = 6;
let dir: string;
let landscape: string;
let ffmpeg: string;

before(async () => {
  setLogLevel('warn');
  dir = mkdtempSync(join(tmpdir(), 'icarus-render-'));
  landscape = await tinyLandscape();
  ffmpeg = (await resolveFfmpeg()).path;
});

function tinyScene(name: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      `landscape: ${JSON.stringify(landscape)}`,
      'output:',
      `  path: ${JSON.stringify(join(dir, `${name}.mp4`))}`,
      `  poster: ${JSON.stringify(join(dir, `${name}.png`))}`,
      `  width: ${widthPx}`,
      `  height: ${heightPx}`,
      '  fps: 10',
      '  durationSeconds: 10',
      'surface:',
      '  resolution: 40',
      'sparks: 20',
      '',
    ].join('\n'),
  );
  return file;
}

/** Decodes a video to RGB frames with the same ffmpeg. */
function decode(video: string): Buffer[] {
  const raw = execFileSync(
    ffmpeg,
    ['-v', 'error', '-i', video, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const frameBytes = widthPx * heightPx * 3;
  assert.equal(raw.length % frameBytes, 0, `${raw.length} bytes is not whole frames`);
  return Array.from({ length: raw.length / frameBytes }, (_, i) =>
    raw.subarray(i * frameBytes, (i + 1) * frameBytes),
  );
}

function standardDeviation(frame: Buffer): number {
  let sum = 0;
  let squares = 0;
  for (const v of frame) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / frame.length;
  return Math.sqrt(squares / frame.length - mean * mean);
}

function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return total / a.length;
}

test('a short render has the frames, size and colour tags asked for', async () => {
  const result = await renderVideo({ scenePath: tinyScene('short'), frames });
  assert.equal(result.frames, frames);

  const decoded = decode(result.videoPath);
  assert.equal(decoded.length, frames);
  decoded.forEach((frame, i) => {
    const spread = standardDeviation(frame);
    assert.ok(
      spread > 8,
      `frame ${i} is nearly blank (standard deviation ${spread.toFixed(2)})`,
    );
  });
  for (let i = 1; i < decoded.length; i++) {
    const change = meanAbsoluteDifference(
      decoded[i - 1] as Buffer,
      decoded[i] as Buffer,
    );
    assert.ok(
      change > 0.5,
      `frames ${i - 1} and ${i} barely differ (${change.toFixed(3)})`,
    );
  }

  const info = spawnSync(ffmpeg, [
    '-hide_banner',
    '-i',
    result.videoPath,
  ]).stderr.toString();
  assert.match(info, /Video: h264/);
  assert.match(info, /yuv420p\(tv, bt709/);
  assert.match(info, new RegExp(`${widthPx}x${heightPx}`));

  const poster = await sharp(result.posterPath).metadata();
  assert.equal(poster.format, 'png');
  assert.equal(poster.width, widthPx);
  assert.equal(poster.height, heightPx);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.includes('.partial-')),
    [],
    'temporary files left behind',
  );
});

test('an ffmpeg failure reports its stderr and leaves no video', async () => {
  // The real ffmpeg, given an option it does not know.
  const broken = join(dir, 'broken-ffmpeg.sh');
  writeFileSync(
    broken,
    `#!/bin/sh\nexec ${JSON.stringify(ffmpeg)} -no-such-option "$@"\n`,
  );
  chmodSync(broken, 0o755);
  const scene = tinyScene('broken');
  await assert.rejects(
    renderVideo({ scenePath: scene, ffmpeg: broken, frames: 2 }),
    (error) => {
      assert.ok(error instanceof IcarusError);
      assert.match(error.message, /ffmpeg failed/);
      assert.match(error.message, /no-such-option/);
      return true;
    },
  );
  assert.equal(existsSync(join(dir, 'broken.mp4')), false);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.broken')),
    [],
  );
});

test('a missing --ffmpeg path fails before any work', async () => {
  await assert.rejects(
    renderVideo({
      scenePath: tinyScene('missing'),
      ffmpeg: join(dir, 'nope'),
      frames: 1,
    }),
    /--ffmpeg: ffmpeg '.*nope' does not exist/,
  );
});
