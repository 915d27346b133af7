import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import sharp from 'sharp';
import { IcarusError } from '../src/config/errors.js';
import { setLogLevel } from '../src/log/logger.js';
import { flagText, numberFlag } from '../src/config/flags.js';
import { renderVideo } from '../src/render/render-video.js';
import { resolveFfmpeg } from '../src/video/ffmpeg-binary.js';
import { tinyLandscape } from './support/landscape.js';
import { writeTinyScene } from './support/tiny-scene.js';

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

function tinyScene(name: string, landscapeValue = landscape): string {
  return writeTinyScene({
    folder: dir,
    name,
    landscape: landscapeValue,
    fps: 10,
    widthPx,
    heightPx,
  });
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

/** A script that answers `-version` like the real ffmpeg, then runs `body`. */
function fakeFfmpeg(name: string, body: string): string {
  const file = join(dir, `${name}.sh`);
  writeFileSync(
    file,
    `#!/bin/sh\n[ "$1" = -version ] && exec ${JSON.stringify(ffmpeg)} -version\n${body}\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

test('an ffmpeg failure reports its stderr and leaves no video', async () => {
  // The real ffmpeg, given an option it does not know.
  const broken = fakeFfmpeg(
    'broken-ffmpeg',
    `exec ${JSON.stringify(ffmpeg)} -no-such-option "$@"`,
  );
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
  assert.equal(existsSync(join(dir, 'broken-preview.mp4')), false);
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

test('an ffmpeg that exits 0 without writing says so', async () => {
  const silent = fakeFfmpeg('silent-ffmpeg', 'cat > /dev/null; exit 0');
  await assert.rejects(
    renderVideo({ scenePath: tinyScene('silent'), ffmpeg: silent, frames: 2 }),
    /exited with code 0 but wrote no video[\s\S]*fix:/,
  );
  assert.equal(existsSync(join(dir, 'silent-preview.mp4')), false);
});

describe('a binary that is not ffmpeg fails up front, naming its source', () => {
  const cases: { name: string; flag?: string; env?: string; expect: RegExp }[] = [
    {
      name: '--ffmpeg /bin/true',
      flag: '/bin/true',
      expect: /--ffmpeg: '\/bin\/true' is not ffmpeg: '-version' gave exit code 0/,
    },
    {
      name: 'ICARUS_FFMPEG=/bin/false',
      env: '/bin/false',
      expect:
        /ICARUS_FFMPEG: '\/bin\/false' is not ffmpeg: '-version' gave exit code 1/,
    },
    { name: '--ffmpeg a folder', flag: tmpdir(), expect: /--ffmpeg: .* is a folder/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const saved = process.env.ICARUS_FFMPEG;
      if (c.env !== undefined) process.env.ICARUS_FFMPEG = c.env;
      try {
        await assert.rejects(
          renderVideo({
            scenePath: tinyScene('not-ffmpeg'),
            frames: 1,
            ...(c.flag !== undefined ? { ffmpeg: c.flag } : {}),
          }),
          (error) => {
            assert.ok(error instanceof IcarusError);
            assert.match(error.message, c.expect);
            assert.match(error.message, /fix: /);
            return true;
          },
        );
      } finally {
        if (saved === undefined) delete process.env.ICARUS_FFMPEG;
        else process.env.ICARUS_FFMPEG = saved;
      }
      assert.equal(existsSync(join(dir, 'not-ffmpeg-preview.mp4')), false);
    });
  }
});

test('a preview without --out leaves the full render and poster alone', async () => {
  const scene = tinyScene('hero');
  writeFileSync(join(dir, 'hero.mp4'), 'full render');
  writeFileSync(join(dir, 'hero.png'), 'full poster');
  const result = await renderVideo({ scenePath: scene, frames: 2 });
  assert.equal(result.videoPath, join(dir, 'hero-preview.mp4'));
  assert.equal(result.posterPath, join(dir, 'hero-preview.png'));
  assert.equal(decode(result.videoPath).length, 2);
  assert.equal(readFileSync(join(dir, 'hero.mp4'), 'utf8'), 'full render');
  assert.equal(readFileSync(join(dir, 'hero.png'), 'utf8'), 'full poster');
});

test('--out puts the poster beside it and leaves the scene outputs alone', async () => {
  const out = join(dir, 'elsewhere', 'other.mp4');
  const result = await renderVideo({ scenePath: tinyScene('out'), out, frames: 2 });
  assert.equal(result.videoPath, out);
  assert.equal(result.posterPath, join(dir, 'elsewhere', 'other.png'));
  assert.ok(existsSync(result.posterPath));
  assert.equal(existsSync(join(dir, 'out.mp4')), false);
  assert.equal(existsSync(join(dir, 'out.png')), false);
  assert.equal(existsSync(join(dir, 'out-preview.mp4')), false);
});

describe('bad render options fail before any work', () => {
  const cases: { name: string; out?: string; frames?: number; expect: RegExp }[] = [
    {
      name: 'more frames than the full video',
      frames: 101,
      expect: /--preview 101: expected a whole number from 1 to 100 .*output\.fps 10/,
    },
    { name: 'zero frames', frames: 0, expect: /--preview 0: .* from 1 to 100/ },
    { name: 'a fraction of a frame', frames: 2.5, expect: /--preview 2\.5: / },
    {
      name: '--out a still',
      out: 'vid.png',
      expect: /--out: 'vid\.png' has \.png .*expected one of \.mp4, /,
    },
    {
      name: '--out a folder',
      out: tmpdir(),
      expect: /--out: '.*' has no extension; expected one of \.mp4, /,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      await assert.rejects(
        renderVideo({
          scenePath: tinyScene('bad-options'),
          ...(c.out !== undefined ? { out: c.out } : {}),
          ...(c.frames !== undefined ? { frames: c.frames } : {}),
        }),
        (error) => {
          assert.ok(error instanceof IcarusError);
          assert.match(error.message, c.expect);
          return true;
        },
      );
    });
  }

  test('--out an existing folder named .mp4', async () => {
    const folder = join(dir, 'folder.mp4');
    mkdirSync(folder, { recursive: true });
    await assert.rejects(
      renderVideo({ scenePath: tinyScene('folder-out'), out: folder, frames: 1 }),
      /--out '.*folder\.mp4' is a folder/,
    );
  });
});

test('a missing landscape names the scene file, the key and the folder', async () => {
  const scene = tinyScene('no-landscape', 'config/train/no-such.yaml');
  await assert.rejects(renderVideo({ scenePath: scene, frames: 1 }), (error) => {
    assert.ok(error instanceof IcarusError);
    assert.ok(
      error.message.startsWith(
        `${scene}: key 'landscape': 'config/train/no-such.yaml' does not exist ` +
          `(relative paths resolve against the current folder ${process.cwd()})`,
      ),
      error.message,
    );
    assert.match(error.message, /fix: /);
    return true;
  });
});

describe('command-line values are checked with the text given', () => {
  const cases: { name: string; value: string | string[]; expect: RegExp }[] = [
    {
      name: 'not a number',
      value: 'abc',
      expect: /--preview 'abc': expected a number/,
    },
    { name: 'no value', value: '', expect: /--preview needs a value/ },
    { name: 'given twice', value: ['2', '3'], expect: /--preview given 2 times/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.throws(() => numberFlag('preview', c.value, '30'), c.expect);
    });
  }

  test('a number parses; a missing flag is undefined', () => {
    assert.equal(numberFlag('time', '6.5', '6.5'), 6.5);
    assert.equal(numberFlag('time', undefined, '6.5'), undefined);
    assert.equal(flagText('out', 'a.mp4', 'a.mp4'), 'a.mp4');
    assert.throws(() => flagText('out', ' ', 'a.mp4'), /--out needs a value/);
  });
});
