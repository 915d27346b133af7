import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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
import ffprobeInstaller from '@ffprobe-installer/ffprobe';
import sharp from 'sharp';
import { IcarusError } from '../src/config/errors.js';
import { setLogLevel } from '../src/log/logger.js';
import { renderStill } from '../src/render/render-still.js';
import { renderVideo } from '../src/render/render-video.js';
import { readSidecar } from '../src/render/sidecar.js';
import { resolveScene } from '../src/scene/load-scene.js';
import { icarusVersion } from '../src/version.js';
import {
  type EncoderSettings,
  gifArgs,
  gifSizePx,
  movArgs,
  mp4Args,
  vp9CpuUsed,
  webmArgs,
} from '../src/video/encoder-args.js';
import { resolveFfmpeg } from '../src/video/ffmpeg-binary.js';
import { openFrameSink } from '../src/video/frame-sink.js';
import { outputFormat, type OutputFormatName } from '../src/video/output-format.js';
import { probeVideo } from '../src/video/probe-video.js';
import { tinyLandscape } from './support/landscape.js';

const widthPx = 64;
const heightPx = 48;
const fps = 4;
const durationSeconds = 2;
const fullFrames = fps * durationSeconds;
let dir: string;
let landscape: string;
let ffmpeg: string;
const ffprobe = ffprobeInstaller.path;

before(async () => {
  setLogLevel('error');
  dir = mkdtempSync(join(tmpdir(), 'icarus-formats-'));
  landscape = await tinyLandscape();
  ffmpeg = (await resolveFfmpeg()).path;
});

/**
 * A tiny scene written as YAML (JSON is YAML); `output` adds to its output section.
 * `visible` looks straight down on a membrane that covers the whole plane, so a
 * transparent frame is opaque in the middle and clear in the corners.
 */
function tinyScene(
  name: string,
  output: Record<string, unknown> = {},
  visible = false,
): string {
  const file = join(dir, `${name}.yaml`);
  const scene = {
    landscape,
    output: {
      path: join(dir, `${name}.mp4`),
      poster: join(dir, `${name}.png`),
      width: widthPx,
      height: heightPx,
      fps,
      durationSeconds,
      supersample: 1,
      thumbnailWidth: 0,
      ...output,
    },
    surface: { resolution: 24, ...(visible ? { threshold: 1e6 } : {}) },
    ...(visible ? { camera: { move: 'top-down' }, post: { vignette: 0 } } : {}),
    sparks: 10,
  };
  writeFileSync(file, JSON.stringify(scene));
  return file;
}

interface Stream {
  codec_name: string;
  width: number;
  height: number;
  pix_fmt: string;
  nb_read_frames: string;
  tags?: Record<string, string>;
}

/** The video stream as ffprobe sees it, every frame decoded and counted. */
function probe(path: string): Stream {
  const json = execFileSync(ffprobe, [
    ...['-v', 'error', '-select_streams', 'v:0'],
    ...['-show_streams', '-count_frames', '-of', 'json', path],
  ]).toString();
  const streams = (JSON.parse(json) as { streams: Stream[] }).streams;
  assert.equal(streams.length, 1, `${path}: ${streams.length} video streams`);
  return streams[0] as Stream;
}

/** The last frame of a video decoded to RGBA (`decoder`: an ffmpeg decoder name). */
function lastFrameRgba(path: string, decoder?: string): Buffer {
  const raw = execFileSync(
    ffmpeg,
    [
      ...['-v', 'error', ...(decoder ? ['-c:v', decoder] : []), '-i', path],
      ...['-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const frameBytes = widthPx * heightPx * 4;
  assert.equal(raw.length % frameBytes, 0, `${raw.length} bytes is not whole frames`);
  return raw.subarray(raw.length - frameBytes);
}

/** Corner alpha at most `cornerMax`; at least a fifth of the pixels opaque (250+). */
function assertSeeThroughEdges(rgba: Uint8Array, cornerMax: number): void {
  const alpha = (x: number, y: number): number => rgba[(y * widthPx + x) * 4 + 3] ?? -1;
  for (const [x, y] of [
    [0, 0],
    [widthPx - 1, 0],
    [0, heightPx - 1],
    [widthPx - 1, heightPx - 1],
  ] as const) {
    assert.ok(alpha(x, y) <= cornerMax, `corner ${x},${y} has alpha ${alpha(x, y)}`);
  }
  let opaque = 0;
  for (let i = 3; i < rgba.length; i += 4) if ((rgba[i] ?? 0) >= 250) opaque++;
  const fraction = opaque / (widthPx * heightPx);
  assert.ok(
    fraction > 0.2,
    `only ${(fraction * 100).toFixed(1)}% of the pixels opaque`,
  );
}

function noPartials(): void {
  const partials = readdirSync(dir).filter((f) => f.includes('.partial-'));
  assert.deepEqual(partials, [], 'temporary files left behind');
}

describe('each video format: codec, size, frames and alpha by ffprobe', () => {
  const cases: {
    name: string;
    extension: string;
    output?: Record<string, unknown>;
    codec: string;
    pixelFormat: RegExp;
    size?: [number, number];
    frames?: number;
    alpha?: { decoder?: string; cornerMax: number; tag?: [string, string] };
  }[] = [
    { name: 'mp4', extension: '.mp4', codec: 'h264', pixelFormat: /^yuv420p$/ },
    { name: 'webm opaque', extension: '.webm', codec: 'vp9', pixelFormat: /^yuv420p$/ },
    {
      name: 'webm transparent',
      extension: '.webm',
      output: { transparent: true },
      codec: 'vp9',
      // VP9 keeps alpha in a side channel: the stream says yuv420p and alpha_mode 1.
      pixelFormat: /^yuv420p$/,
      alpha: { decoder: 'libvpx-vp9', cornerMax: 8, tag: ['alpha_mode', '1'] },
    },
    {
      name: 'gif at gifWidth 32 and gifFps 2',
      extension: '.gif',
      output: { gifWidth: 32, gifFps: 2 },
      codec: 'gif',
      pixelFormat: /^(bgra|pal8)$/,
      size: [32, 24],
      frames: 2 * durationSeconds,
    },
    {
      name: 'mov opaque',
      extension: '.mov',
      codec: 'prores',
      // The decoder reports 12 bits on newer ffprobe builds, 10 on older ones.
      pixelFormat: /^yuv444p1[02]le$/,
    },
    {
      name: 'mov transparent',
      extension: '.mov',
      output: { transparent: true },
      codec: 'prores',
      pixelFormat: /^yuva444p1[02]le$/,
      alpha: { cornerMax: 0 },
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const name = c.name.replace(/\W+/g, '-');
      const path = join(dir, `${name}${c.extension}`);
      const result = await renderVideo({
        scenePath: tinyScene(name, { path, ...c.output }, c.alpha !== undefined),
        poster: false,
      });
      const frames = c.frames ?? fullFrames;
      assert.equal(result.videoPath, path);
      assert.equal(result.frames, frames);
      const stream = probe(path);
      assert.equal(stream.codec_name, c.codec);
      assert.deepEqual([stream.width, stream.height], c.size ?? [widthPx, heightPx]);
      assert.equal(Number(stream.nb_read_frames), frames);
      assert.match(stream.pix_fmt, c.pixelFormat);
      assert.equal(
        probeVideo(path).alpha,
        c.alpha !== undefined,
        'alpha by probeVideo',
      );
      if (c.alpha?.tag) {
        const [key, value] = c.alpha.tag;
        assert.equal(stream.tags?.[key], value, JSON.stringify(stream.tags));
      }
      if (c.alpha)
        assertSeeThroughEdges(lastFrameRgba(path, c.alpha.decoder), c.alpha.cornerMax);
      const sidecar = readSidecar(result.sidecarPath);
      assert.equal(sidecar.output.codec, c.codec);
      assert.equal(sidecar.output.frames, frames);
      assert.deepEqual(
        [sidecar.output.widthPx, sidecar.output.heightPx],
        c.size ?? [widthPx, heightPx],
      );
      assert.equal(sidecar.output.transparent, c.alpha !== undefined);
      noPartials();
    });
  }
});

describe('a small WebM (160x90, 24 frames) keeps every frame', () => {
  // libvpx's lookahead dropped the last frames of small videos with alpha (21 of
  // these 24, 13 of 24 of a rendered scene); ffmpeg's test pattern shows it.
  const [smallWidthPx, smallHeightPx, count] = [160, 90, 24];
  for (const transparent of [true, false]) {
    test(`transparent=${transparent}`, async () => {
      const raw = execFileSync(
        ffmpeg,
        [
          ...['-v', 'error', '-f', 'lavfi', '-i'],
          `testsrc2=s=${smallWidthPx}x${smallHeightPx}:r=12:d=2,format=rgba,` +
            "geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(gt(X,80),255,0)'",
          ...['-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      const frameBytes = smallWidthPx * smallHeightPx * 4;
      assert.equal(raw.length, count * frameBytes);
      const path = join(dir, `small-${transparent}.webm`);
      const sink = openFrameSink({
        format: outputFormat('webm'),
        path,
        ffmpegPath: ffmpeg,
        widthPx: smallWidthPx,
        heightPx: smallHeightPx,
        fps: 12,
        transparent,
        crf: 18,
        preset: 'medium',
        vp9Crf: 31,
        gifWidthPx: 0,
      });
      for (let i = 0; i < count; i++) {
        await sink.write(raw.subarray(i * frameBytes, (i + 1) * frameBytes));
      }
      await sink.finish();
      assert.equal(Number(probe(path).nb_read_frames), count);
    });
  }

  test('a rendered transparent scene', async () => {
    const path = join(dir, 'small-alpha.webm');
    const result = await renderVideo({
      scenePath: tinyScene(
        'small-alpha',
        { path, transparent: true, width: 160, height: 90, fps: 12 },
        true,
      ),
      poster: false,
    });
    assert.equal(result.frames, count);
    assert.equal(Number(probe(path).nb_read_frames), count);
    noPartials();
  });
});

test('a video short of the frames rendered fails, and nothing takes its name', async () => {
  // An ffmpeg that drops all but 3 frames (a select filter ahead of Icarus's own).
  const dropper = join(dir, 'dropping-ffmpeg.mjs');
  writeFileSync(
    dropper,
    `#!${process.execPath}\n` +
      "import { spawnSync } from 'node:child_process';\n" +
      'const args = process.argv.slice(2);\n' +
      "const vf = args.indexOf('-vf') + 1;\n" +
      "args[vf] = 'select=lt(n\\\\,3),' + args[vf];\n" +
      `const run = spawnSync(${JSON.stringify(ffmpeg)}, args, { stdio: 'inherit' });\n` +
      'process.exit(run.status ?? 1);\n',
  );
  chmodSync(dropper, 0o755);
  const path = join(dir, 'dropped.mp4');
  const sink = openFrameSink({
    format: outputFormat('mp4'),
    path,
    ffmpegPath: dropper,
    widthPx,
    heightPx,
    fps,
    transparent: false,
    crf: 18,
    preset: 'veryfast',
    vp9Crf: 31,
    gifWidthPx: 0,
  });
  const frame = new Uint8Array(widthPx * heightPx * 4).fill(128);
  for (let i = 0; i < 6; i++) await sink.write(frame);
  await assert.rejects(sink.finish(), (error: unknown) => {
    assert.ok(error instanceof IcarusError);
    assert.match(
      error.message,
      /ffmpeg wrote 3 of the 6 frames rendered for .*dropped\.mp4/,
    );
    return true;
  });
  assert.equal(existsSync(path), false);
  noPartials();
});

test('a transparent MP4 renders opaque (H.264 has no alpha)', async () => {
  const path = join(dir, 'opaque-mp4.mp4');
  const result = await renderVideo({
    scenePath: tinyScene('opaque-mp4', { path, transparent: true }, true),
    frames: 2,
    out: path,
  });
  const rgba = lastFrameRgba(path);
  for (let i = 3; i < rgba.length; i += 4) assert.equal(rgba[i], 255);
  const sidecar = readSidecar(result.sidecarPath);
  assert.equal(sidecar.output.transparent, false);
  assert.equal(sidecar.output.preview, 2, 'a preview says so');
  const poster = await sharp(result.posterPath).metadata();
  assert.equal(poster.hasAlpha, false, 'the poster matches the opaque video');
});

describe('a PNG sequence', () => {
  test('a full render: one PNG per frame, renamed into place', async () => {
    const path = join(dir, 'seq.frames');
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, '000099.png'), 'a stale frame of an earlier render');
    const result = await renderVideo({
      scenePath: tinyScene('seq', { path, transparent: true }, true),
      poster: false,
    });
    assert.equal(result.format, 'frames');
    const names = Array.from(
      { length: fullFrames },
      (_, i) => `${String(i).padStart(6, '0')}.png`,
    );
    assert.deepEqual(readdirSync(path).sort(), names);
    const last = await sharp(join(path, names.at(-1) ?? '')).metadata();
    assert.deepEqual(
      [last.format, last.width, last.height, last.hasAlpha],
      ['png', widthPx, heightPx, true],
    );
    const { data } = await sharp(join(path, names.at(-1) ?? ''))
      .raw()
      .toBuffer({ resolveWithObject: true });
    assertSeeThroughEdges(data, 0);
    assert.equal(result.sidecarPath, `${path}.json`);
    assert.equal(readSidecar(result.sidecarPath).output.frames, fullFrames);
    noPartials();
  });

  test('a whole render refuses a folder holding more than frames, and keeps it', async () => {
    const path = join(dir, 'mine.frames');
    mkdirSync(join(path, 'notes'), { recursive: true });
    writeFileSync(join(path, '000000.png'), 'a frame');
    writeFileSync(join(path, 'cover.jpg'), 'not a frame');
    await assert.rejects(
      renderVideo({ scenePath: tinyScene('mine', { path }), poster: false }),
      /mine\.frames holds 2 entries that are no frame of a sequence \(('cover\.jpg'|'notes' \(a folder\)), ('cover\.jpg'|'notes' \(a folder\))\)/,
    );
    assert.deepEqual(readdirSync(path).sort(), ['000000.png', 'cover.jpg', 'notes']);
  });

  test('a range writes its frames, numbered in the full video, into the folder', async () => {
    const path = join(dir, 'part.frames');
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, '000000.png'), 'another part');
    const result = await renderVideo({
      scenePath: tinyScene('part', { path }),
      range: { start: 2, end: 5 },
      poster: false,
    });
    assert.deepEqual(readdirSync(path).sort(), [
      '000000.png',
      '000002.png',
      '000003.png',
      '000004.png',
    ]);
    assert.equal(readFileSync(join(path, '000000.png'), 'utf8'), 'another part');
    const frame = await sharp(join(path, '000002.png')).metadata();
    assert.equal(frame.hasAlpha, false, 'an opaque frame has no alpha channel');
    assert.equal(result.sidecarPath, `${path}.part-000002-000005.json`);
    assert.deepEqual(readSidecar(result.sidecarPath).output.range, {
      start: 2,
      end: 5,
    });
  });
});

describe('an aborted sink leaves nothing behind', () => {
  for (const name of ['frames', 'webm', 'mov'] as OutputFormatName[]) {
    test(name, async () => {
      const path = join(dir, `aborted.${name}`);
      const sink = openFrameSink({
        format: outputFormat(name),
        path,
        ffmpegPath: ffmpeg,
        widthPx,
        heightPx,
        fps,
        transparent: true,
        crf: 18,
        preset: 'veryfast',
        vp9Crf: 31,
        gifWidthPx: 0,
      });
      const frame = new Uint8Array(widthPx * heightPx * 4).fill(128);
      for (let i = 0; i < 3; i++) await sink.write(frame);
      sink.abort();
      // Let a PNG still being encoded finish, so that it had the chance to write.
      await new Promise((resolveWait) => setTimeout(resolveWait, 200));
      assert.equal(existsSync(path), false);
      noPartials();
    });
  }
});

test('the sidecar holds the scene, presets, bundle hash and versions', async () => {
  const path = join(dir, 'sidecar.webm');
  const poster = join(dir, 'sidecar-poster.jpg');
  const result = await renderVideo({
    scenePath: tinyScene('sidecar', { path, poster, thumbnailWidth: 12 }),
    scene: { palette: 'aurora', quality: 'draft' },
  });
  assert.equal(result.sidecarPath, `${path}.json`);
  const sidecar = readSidecar(result.sidecarPath);
  const manifest = readFileSync(join(landscape, 'manifest.json'));
  assert.equal(
    sidecar.bundle.manifestSha256,
    createHash('sha256').update(manifest).digest('hex'),
  );
  assert.equal(sidecar.bundle.dir, landscape);
  assert.equal(sidecar.icarusVersion, icarusVersion);
  assert.equal(sidecar.output.format, 'webm');
  assert.equal(sidecar.output.frames, fullFrames);
  assert.equal(sidecar.output.path, path);
  assert.equal(sidecar.output.fps, fps);
  assert.equal(sidecar.output.preview, undefined, 'a full render is no preview');
  assert.deepEqual(sidecar.presets, { palette: 'aurora', camera: 'orbit' });
  assert.equal(sidecar.quality, 'draft');
  // The scene as rendered: the draft quality halved the size (to the 16 px minimum).
  assert.equal(sidecar.scene.output.width, 32);
  assert.equal(sidecar.scene.output.encoderPreset, 'veryfast');
  assert.match(sidecar.ffmpegVersion ?? '', /^ffmpeg version /);
  assert.ok(sidecar.backend.glRenderer.length > 0, 'no GL_RENDERER');
  assert.ok(sidecar.backend.glVersion.length > 0, 'no GL_VERSION');
  assert.ok(sidecar.renderSeconds > 0);

  // The poster (a JPEG here), its sidecar and its thumbnail.
  assert.equal(result.posterPath, poster);
  const posterSidecar = readSidecar(`${poster}.json`);
  assert.equal(posterSidecar.output.format, 'jpeg');
  assert.equal(posterSidecar.output.frames, 1);
  assert.equal(posterSidecar.ffmpegVersion, undefined);
  assert.equal(result.thumbnailPath, join(dir, 'sidecar-poster.thumb.jpg'));
  const thumbnail = await sharp(result.thumbnailPath).metadata();
  assert.deepEqual([thumbnail.format, thumbnail.width], ['jpeg', 12]);
});

test('readSidecar refuses a file that is not one', () => {
  const file = join(dir, 'not-a-sidecar.json');
  writeFileSync(file, '{"hello": 1}');
  assert.throws(() => readSidecar(file), /not an Icarus sidecar/);
  writeFileSync(file, '{');
  assert.throws(() => readSidecar(file), /not a readable sidecar JSON/);
});

describe('stills by extension: format, size and alpha by sharp', () => {
  const cases: {
    name: string;
    extension: string;
    transparent: boolean;
    format: string;
    hasAlpha: boolean;
  }[] = [
    {
      name: 'png',
      extension: '.png',
      transparent: false,
      format: 'png',
      hasAlpha: false,
    },
    {
      name: 'png transparent',
      extension: '.png',
      transparent: true,
      format: 'png',
      hasAlpha: true,
    },
    {
      name: 'jpeg transparent (renders opaque)',
      extension: '.jpg',
      transparent: true,
      format: 'jpeg',
      hasAlpha: false,
    },
    {
      name: 'webp transparent',
      extension: '.webp',
      transparent: true,
      format: 'webp',
      hasAlpha: true,
    },
    {
      name: 'webp',
      extension: '.webp',
      transparent: false,
      format: 'webp',
      hasAlpha: false,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const name = `still-${c.name.replace(/\W+/g, '-')}`;
      const out = join(dir, `${name}${c.extension}`);
      const path = await renderStill({
        scenePath: tinyScene(name, {}, true),
        scene: { transparent: c.transparent },
        out,
        timeSeconds: durationSeconds,
      });
      assert.equal(path, out);
      const meta = await sharp(out).metadata();
      assert.deepEqual(
        [meta.format, meta.width, meta.height, meta.hasAlpha],
        [c.format, widthPx, heightPx, c.hasAlpha],
      );
      if (c.hasAlpha) {
        const { data } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
        assertSeeThroughEdges(data, c.format === 'webp' ? 8 : 0);
      }
      const sidecar = readSidecar(`${out}.json`);
      assert.equal(sidecar.output.format, c.format);
      assert.equal(sidecar.output.timeSeconds, durationSeconds);
      assert.equal(sidecar.output.transparent, c.hasAlpha);
    });
  }
});

describe('output paths name a format the command writes', () => {
  const cases: { name: string; output: Record<string, unknown>; expect: string[] }[] = [
    {
      name: 'output.path a still',
      output: { path: 'renders/vid.png' },
      expect: [
        "key 'output.path'",
        '"renders/vid.png"',
        '.mp4, .webm, .gif, .mov or .frames',
      ],
    },
    {
      name: 'output.poster a video',
      output: { poster: 'renders/poster.mp4' },
      expect: [
        "key 'output.poster'",
        '"renders/poster.mp4"',
        '.png, .jpg, .jpeg or .webp',
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.throws(
        () => resolveScene({ output: c.output }, 'scene.yaml'),
        (error) => {
          assert.ok(error instanceof IcarusError);
          for (const part of c.expect)
            assert.ok(error.message.includes(part), error.message);
          return true;
        },
      );
    });
  }

  test('every video, sequence and still extension is accepted', () => {
    for (const path of ['a.mp4', 'a.WEBM', 'a.gif', 'a.mov', 'a.frames']) {
      assert.ok(resolveScene({ output: { path } }, 's').output.path.endsWith(path));
    }
    for (const poster of ['a.png', 'a.jpg', 'a.jpeg', 'a.webp']) {
      assert.ok(
        resolveScene({ output: { poster } }, 's').output.poster.endsWith(poster),
      );
    }
  });

  const flags: { name: string; run: () => Promise<unknown>; expect: RegExp }[] = [
    {
      name: 'render --out a still',
      run: () => renderVideo({ scenePath: tinyScene('flag'), out: 'v.png', frames: 1 }),
      expect:
        /--out: 'v\.png' has \.png \(a still, which this does not take\); expected one of \.mp4, \.webm, \.gif, \.mov, \.frames/,
    },
    {
      name: 'still --out a video',
      run: () => renderStill({ scenePath: tinyScene('flag'), out: 'v.mp4' }),
      expect:
        /--out: 'v\.mp4' has \.mp4 \(a video, which this does not take\); expected one of \.png, \.jpg, \.webp/,
    },
    {
      name: 'still --out a sequence',
      run: () => renderStill({ scenePath: tinyScene('flag'), out: 'v.frames' }),
      expect:
        /--out: 'v\.frames' has \.frames \(a PNG sequence folder, which this does not take\)/,
    },
    {
      name: 'a range of a GIF',
      run: () =>
        renderVideo({
          scenePath: tinyScene('gif-range', { path: join(dir, 'range.gif') }),
          range: { start: 0, end: 2 },
        }),
      expect: /gif parts cannot be joined/,
    },
    {
      name: 'a sequence path that is a file',
      run: () => {
        writeFileSync(join(dir, 'file.frames'), 'not a folder');
        return renderVideo({
          scenePath: tinyScene('file-frames'),
          out: join(dir, 'file.frames'),
          frames: 1,
        });
      },
      expect: /file\.frames' is a file; a PNG sequence is a folder of frames/,
    },
  ];
  for (const c of flags) {
    test(c.name, async () => {
      await assert.rejects(c.run(), (error) => {
        assert.ok(error instanceof IcarusError, String(error));
        assert.match(error.message, c.expect);
        assert.match(error.message, /fix: /);
        return true;
      });
    });
  }
  test('nothing was written by the refused renders', () => {
    assert.equal(existsSync(join(dir, 'range.gif')), false);
  });
});

describe('ffmpeg arguments per format', () => {
  const base: EncoderSettings = {
    widthPx: 64,
    heightPx: 48,
    fps: 4,
    transparent: false,
    crf: 20,
    preset: 'veryfast',
    vp9Crf: 33,
    gifWidthPx: 0,
    outputPath: 'out.tmp',
  };
  const after = (args: string[], flag: string): string | undefined =>
    args[args.indexOf(flag) + 1];

  test('mp4: libx264 at the crf and preset given, yuv420p, faststart', () => {
    const args = mp4Args(base);
    assert.equal(after(args, '-c:v'), 'libx264');
    assert.equal(after(args, '-crf'), '20');
    assert.equal(after(args, '-preset'), 'veryfast');
    assert.equal(after(args, '-pix_fmt'), 'rgba', 'the input is RGBA');
    assert.equal(after(args, '-movflags'), '+faststart');
    assert.equal(args[args.lastIndexOf('-pix_fmt') + 1], 'yuv420p');
    assert.equal(args.at(-2), 'mp4');
    assert.equal(args.at(-1), 'out.tmp');
  });

  for (const transparent of [false, true]) {
    test(`webm transparent=${transparent}: VP9 constant quality`, () => {
      const args = webmArgs({ ...base, transparent });
      assert.equal(after(args, '-c:v'), 'libvpx-vp9');
      assert.equal(after(args, '-b:v'), '0');
      assert.equal(after(args, '-crf'), '33');
      assert.equal(after(args, '-row-mt'), '1');
      assert.equal(after(args, '-cpu-used'), '5');
      assert.equal(after(args, '-lag-in-frames'), '0', 'lookahead drops frames');
      assert.equal(
        args[args.lastIndexOf('-pix_fmt') + 1],
        transparent ? 'yuva420p' : 'yuv420p',
      );
    });

    test(`mov transparent=${transparent}: ProRes 4444`, () => {
      const args = movArgs({ ...base, transparent });
      assert.equal(after(args, '-c:v'), 'prores_ks');
      assert.equal(after(args, '-profile:v'), '4444');
      assert.equal(
        args[args.lastIndexOf('-pix_fmt') + 1],
        transparent ? 'yuva444p10le' : 'yuv444p10le',
      );
      assert.equal(args.includes('-alpha_bits'), transparent);
    });
  }

  for (const gifWidthPx of [0, 32]) {
    test(`gif gifWidthPx=${gifWidthPx}: one pass, palette from the frames`, () => {
      const filter = after(gifArgs({ ...base, gifWidthPx }), '-vf') ?? '';
      assert.match(
        filter,
        /split\[a\]\[b\];\[a\]palettegen=[^;]*\[p\];\[b\]\[p\]paletteuse/,
      );
      assert.equal(filter.startsWith('scale=32:24:'), gifWidthPx === 32, filter);
    });
  }

  const sizes: { gifWidthPx: number; expect: [number, number] }[] = [
    { gifWidthPx: 0, expect: [64, 48] },
    { gifWidthPx: 32, expect: [32, 24] },
    { gifWidthPx: 50, expect: [50, 38] },
    { gifWidthPx: 100, expect: [64, 48] },
  ];
  for (const s of sizes) {
    test(`gif size at gifWidthPx=${s.gifWidthPx}`, () => {
      const size = gifSizePx(64, 48, s.gifWidthPx);
      assert.deepEqual([size.widthPx, size.heightPx], s.expect);
    });
  }

  test('vp9 -cpu-used slows down with the x264 preset', () => {
    const presets = ['ultrafast', 'veryfast', 'medium', 'slow', 'veryslow'];
    const speeds = presets.map(vp9CpuUsed);
    for (let i = 1; i < speeds.length; i++) {
      assert.ok((speeds[i] ?? 0) <= (speeds[i - 1] ?? 0), speeds.join(', '));
    }
    assert.ok((speeds[0] ?? 0) > (speeds.at(-1) ?? 0));
  });
});

describe('a sink is done with a frame once framesHeld more writes resolved', () => {
  // Solid colours far apart, so a frame overwritten too early shows as the wrong one.
  const colours = [
    [230, 40, 40],
    [40, 200, 60],
    [40, 60, 230],
    [220, 220, 40],
    [200, 40, 200],
    [40, 210, 210],
  ];
  const size = { widthPx: 160, heightPx: 120 };
  const frameBytes = size.widthPx * size.heightPx * 4;

  /** Writes the colours through a ring of framesHeld + 1 arrays, refilled in turn. */
  async function writeThroughRing(
    format: OutputFormatName,
    path: string,
  ): Promise<number> {
    const sink = openFrameSink({
      format: outputFormat(format),
      path,
      ffmpegPath: ffmpeg,
      ...size,
      fps: 6,
      transparent: false,
      crf: 10,
      preset: 'veryfast',
      vp9Crf: 31,
      gifWidthPx: 0,
    });
    const ring = Array.from(
      { length: sink.framesHeld + 1 },
      () => new Uint8Array(frameBytes),
    );
    for (const [i, [r = 0, g = 0, b = 0]] of colours.entries()) {
      const frame = ring[i % ring.length] as Uint8Array;
      for (let p = 0; p < frameBytes; p += 4) frame.set([r, g, b, 255], p);
      await sink.write(frame);
    }
    await sink.finish();
    return ring.length;
  }

  function assertColour(actual: Uint8Array, expected: number[], what: string): void {
    // The middle pixel: away from any chroma bleeding at the edges.
    const p = (size.widthPx * (size.heightPx / 2) + size.widthPx / 2) * 4;
    const got = [...actual.subarray(p, p + 3)];
    const off = Math.max(...got.map((c, k) => Math.abs(c - (expected[k] ?? 0))));
    assert.ok(off <= 12, `${what}: ${got.join(',')}, not ${expected.join(',')}`);
  }

  test('mp4 (ffmpeg reads each frame before its write resolves)', async () => {
    const path = join(dir, 'ring.mp4');
    assert.equal(await writeThroughRing('mp4', path), 1);
    const raw = execFileSync(ffmpeg, [
      ...['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    ]);
    assert.equal(raw.length, colours.length * frameBytes);
    colours.forEach((colour, i) =>
      assertColour(
        raw.subarray(i * frameBytes, (i + 1) * frameBytes),
        colour,
        `frame ${i}`,
      ),
    );
  });

  test('a PNG sequence (encodes in flight hold their frames)', async () => {
    const path = join(dir, 'ring.frames');
    assert.ok((await writeThroughRing('frames', path)) > 1);
    for (const [i, colour] of colours.entries()) {
      const file = join(path, `${String(i).padStart(6, '0')}.png`);
      const pixels = await sharp(file).ensureAlpha().raw().toBuffer();
      assertColour(pixels, colour, file);
    }
  });
});
