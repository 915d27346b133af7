import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
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
import { setLogLevel } from '../src/log/logger.js';
import { concatFiles, concatSceneParts } from '../src/render/concat-parts.js';
import { type FullVideo, parseFrameRange } from '../src/render/frame-range.js';
import { findParts, partPath, rangePath } from '../src/render/part-paths.js';
import { renderPart } from '../src/render/render-part.js';
import {
  type Environment,
  parseRenderShard,
  shardFrames,
} from '../src/render/render-shard.js';
import { renderVideo } from '../src/render/render-video.js';
import { loadScene } from '../src/scene/load-scene.js';
import { checkAlike, concatList } from '../src/video/concat.js';
import {
  checkOneBundle,
  checkOneScene,
  checkRangesFollowOn,
  concatSidecar,
  type ConcatSidecar,
} from '../src/video/concat-sidecar.js';
import { resolveFfmpeg } from '../src/video/ffmpeg-binary.js';
import { ffprobePath, probeVideo, type VideoProbe } from '../src/video/probe-video.js';
import { tinyLandscape } from './support/landscape.js';
import { writeTinyScene } from './support/tiny-scene.js';

const frameCount = 30;
const video: FullVideo = { frameCount, about: 'output.fps 3 x 10 s in a test' };
/** x264 lossless: decoded frames of two encodes of the same pixels are identical. */
const lossless = ['output.crf=0'];
let dir: string;
let landscape: string;
let ffmpeg: string;

before(async () => {
  setLogLevel('warn');
  dir = mkdtempSync(join(tmpdir(), 'icarus-split-'));
  landscape = await tinyLandscape();
  ffmpeg = (await resolveFfmpeg()).path;
});

/** A 64x48 scene of 30 frames (fps 3 x 10 s) writing `name`.mp4 in `folder`. */
function tinyScene(name: string, folder = dir): string {
  return writeTinyScene({ folder, name, landscape, fps: 3 });
}

/** What ffprobe says of a 64x48 H.264 video at 3 fps of `frames` frames. */
function fakeProbe(path: string, frames: number): VideoProbe {
  return {
    path,
    container: 'mp4',
    codec: 'h264',
    widthPx: 64,
    heightPx: 48,
    frameRate: '3/1',
    pixelFormat: 'yuv420p',
    alpha: false,
    frames,
  };
}

function icarus(args: string[], env: Environment = {}) {
  const run = spawnSync(process.execPath, ['bin/icarus.js', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Per decoded frame: its pts (in the stream's frame time base) and its MD5. */
function frameHashes(path: string): { pts: number; md5: string }[] {
  const text = execFileSync(
    ffmpeg,
    ['-v', 'error', '-i', path, '-f', 'framemd5', '-'],
    {
      encoding: 'utf8',
    },
  );
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const fields = line.split(',').map((f) => f.trim());
      return { pts: Number(fields[2]), md5: fields[5] ?? '' };
    });
}

/** The container's packet timestamps and durations, in its own time base. */
function packetTimes(path: string): { pts: number; duration: number }[] {
  const text = execFileSync(
    ffprobePath(),
    [
      ...['-v', 'error', '-select_streams', 'v:0'],
      ...['-show_entries', 'packet=pts,duration', '-of', 'csv=p=0', path],
    ],
    { encoding: 'utf8' },
  );
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [pts, duration] = line.split(',').map(Number);
      return { pts: pts ?? NaN, duration: duration ?? NaN };
    })
    .sort((a, b) => a.pts - b.pts);
}

describe('--frames A:B parses as a slice of the full video', () => {
  const cases: { text: string; start: number; end: number }[] = [
    { text: '0:30', start: 0, end: 30 },
    { text: '10:20', start: 10, end: 20 },
    { text: '10:', start: 10, end: 30 },
    { text: ':5', start: 0, end: 5 },
    { text: ' 29:30 ', start: 29, end: 30 },
  ];
  for (const c of cases) {
    test(c.text, () => {
      assert.deepEqual(parseFrameRange(c.text, video), { start: c.start, end: c.end });
    });
  }
});

describe('bad --frames fail naming the value and the fix', () => {
  const cases: { name: string; text: string; expect: RegExp }[] = [
    {
      name: 'a bare count (the old preview syntax)',
      text: '5',
      expect: /--frames 5: .*range A:B[\s\S]*--preview 5[\s\S]*--frames 0:5/,
    },
    { name: 'empty range', text: '5:5', expect: /--frames 5:5: no frames/ },
    { name: 'end before start', text: '9:3', expect: /--frames 9:3: no frames/ },
    {
      name: 'past the end',
      text: '0:31',
      expect: /--frames 0:31: the full video has 30 frames, 0 to 29 .*in a test/,
    },
    { name: 'not numbers', text: 'a:b', expect: /--frames 'a:b': expected A:B/ },
    { name: 'negative', text: '-1:3', expect: /--frames '-1:3': expected A:B/ },
    { name: 'a dash', text: '0-3', expect: /--frames '0-3': expected A:B/ },
  ];
  for (const c of cases) {
    test(c.name, () => assert.throws(() => parseFrameRange(c.text, video), c.expect));
  }
});

describe('--shard takes its index from the flag or the scheduler', () => {
  const cases: {
    name: string;
    text: string;
    env: Environment;
    index: number;
    count: number;
  }[] = [
    { name: 'i/n', text: '1/3', env: {}, index: 1, count: 3 },
    {
      name: 'i/n over the variables',
      text: '2/3',
      env: { JOB_COMPLETION_INDEX: '0' },
      index: 2,
      count: 3,
    },
    {
      name: 'Kubernetes',
      text: '/3',
      env: { JOB_COMPLETION_INDEX: '2' },
      index: 2,
      count: 3,
    },
    {
      name: 'Kubernetes before Slurm',
      text: '/3',
      env: { JOB_COMPLETION_INDEX: '1', SLURM_ARRAY_TASK_ID: '2' },
      index: 1,
      count: 3,
    },
    {
      name: 'Slurm from 0',
      text: '/4',
      env: { SLURM_ARRAY_TASK_ID: '3' },
      index: 3,
      count: 4,
    },
    {
      name: 'Slurm --array=1-4',
      text: '/4',
      env: { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1' },
      index: 2,
      count: 4,
    },
    {
      name: 'Slurm --array=0-6:2',
      text: '/4',
      env: {
        SLURM_ARRAY_TASK_ID: '4',
        SLURM_ARRAY_TASK_MIN: '0',
        SLURM_ARRAY_TASK_STEP: '2',
      },
      index: 2,
      count: 4,
    },
    {
      name: 'auto with Slurm',
      text: 'auto',
      env: {
        SLURM_ARRAY_TASK_ID: '5',
        SLURM_ARRAY_TASK_MIN: '5',
        SLURM_ARRAY_TASK_COUNT: '4',
      },
      index: 0,
      count: 4,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const shard = parseRenderShard(c.text, c.env);
      assert.deepEqual([shard.index, shard.count], [c.index, c.count]);
    });
  }
});

describe('bad shards fail naming the flag or the variable and its value', () => {
  const cases: { name: string; text: string; env: Environment; expect: RegExp }[] = [
    {
      name: 'index = count',
      text: '3/3',
      env: {},
      expect: /--shard 3\/3: expected i\/n/,
    },
    { name: 'words', text: 'two', env: {}, expect: /--shard 'two': expected i\/n/ },
    {
      name: 'no parts',
      text: '/0',
      env: { JOB_COMPLETION_INDEX: '0' },
      expect: /0 parts/,
    },
    {
      name: 'no scheduler',
      text: '/3',
      env: {},
      expect: /neither JOB_COMPLETION_INDEX .* nor SLURM_ARRAY_TASK_ID/,
    },
    {
      name: 'Kubernetes index out of range',
      text: '/3',
      env: { JOB_COMPLETION_INDEX: '3' },
      expect: /JOB_COMPLETION_INDEX=3 gives part 3, but the render has 3 parts, 0 to 2/,
    },
    {
      name: 'Kubernetes index not a number',
      text: '/3',
      env: { JOB_COMPLETION_INDEX: 'x' },
      expect: /JOB_COMPLETION_INDEX='x': expected a whole number/,
    },
    {
      name: 'Slurm index out of range',
      text: '/4',
      env: { SLURM_ARRAY_TASK_ID: '4' },
      expect: /SLURM_ARRAY_TASK_ID=4 gives part 4[\s\S]*--array=0-3/,
    },
    {
      name: 'Slurm id below its minimum',
      text: '/4',
      env: { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '1' },
      expect: /SLURM_ARRAY_TASK_ID=0 is not on the array/,
    },
    {
      name: 'auto without a count',
      text: 'auto',
      env: { JOB_COMPLETION_INDEX: '1' },
      expect: /--shard auto: SLURM_ARRAY_TASK_COUNT is not set/,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.throws(() => parseRenderShard(c.text, c.env), c.expect));
  }
});

describe('shards cover the video once, in order, within a frame of each other', () => {
  const cases = [
    { frames: 30, count: 3 },
    { frames: 30, count: 4 },
    { frames: 31, count: 4 },
    { frames: 7, count: 7 },
    { frames: 10, count: 1 },
  ];
  for (const c of cases) {
    test(`${c.frames} frames in ${c.count}`, () => {
      const full: FullVideo = { frameCount: c.frames, about: 'a test' };
      let next = 0;
      const lengths: number[] = [];
      for (let index = 0; index < c.count; index++) {
        const { start, end } = shardFrames(
          { index, count: c.count, source: 't' },
          full,
        );
        assert.equal(start, next);
        lengths.push(end - start);
        next = end;
      }
      assert.equal(next, c.frames);
      assert.ok(Math.max(...lengths) - Math.min(...lengths) <= 1, lengths.join(','));
      assert.ok(Math.min(...lengths) >= 1);
    });
  }
  test('more shards than frames', () => {
    assert.throws(
      () =>
        shardFrames(
          { index: 0, count: 6, source: '--shard 0/6' },
          { frameCount: 5, about: 'a test' },
        ),
      /--shard 0\/6: 6 parts of a video of 5 frames/,
    );
  });
});

describe('part names', () => {
  const cases: { name: string; path: string; expect: string }[] = [
    {
      name: 'shard 0 of 4',
      path: partPath('r/icarus.mp4', { index: 0, count: 4 }),
      expect: 'r/icarus.part-0-of-4.mp4',
    },
    {
      name: 'shard 3 of 11 (padded)',
      path: partPath('r/icarus.webm', { index: 3, count: 11 }),
      expect: 'r/icarus.part-03-of-11.webm',
    },
    {
      name: 'a sequence keeps its folder',
      path: partPath('r/icarus.frames', { index: 1, count: 4 }),
      expect: 'r/icarus.frames',
    },
    {
      name: 'a range',
      path: rangePath('r/icarus.mp4', { start: 30, end: 60 }),
      expect: 'r/icarus.range-30-60.mp4',
    },
  ];
  for (const c of cases) test(c.name, () => assert.equal(c.path, c.expect));

  test('findParts groups the parts beside a video by their count', () => {
    const folder = join(dir, 'names');
    mkdirSync(folder, { recursive: true });
    const names = [
      'v.part-0-of-3.mp4',
      'v.part-2-of-3.mp4',
      'v.part-1-of-2.mp4',
      'v.part-5-of-3.mp4', // index past the count: not a part
      'v.part-0-of-3.webm', // another format
      'w.part-1-of-3.mp4', // another video
      'v.part-1-of-3.mp4.json', // a sidecar
    ];
    for (const name of names) writeFileSync(join(folder, name), '');
    const found = findParts(join(folder, 'v.mp4'));
    assert.deepEqual([...found.keys()].sort(), [2, 3]);
    assert.deepEqual(found.get(3), [
      join(folder, 'v.part-0-of-3.mp4'),
      undefined,
      join(folder, 'v.part-2-of-3.mp4'),
    ]);
    assert.deepEqual(findParts(join(dir, 'no-such-folder', 'v.mp4')).size, 0);
  });
});

test("concat's list quotes paths and gives each part its length in frames / fps", () => {
  assert.equal(
    concatList([fakeProbe("/a/it's.mp4", 10), fakeProbe('/a/b.mp4', 3)]),
    "file '/a/it'\\''s.mp4'\nduration 3.333333\nfile '/a/b.mp4'\nduration 1.000000\n",
  );
});

describe("the joined video's sidecar", () => {
  /** Two parts with sidecars as a render writes them, of the bundles given. */
  function partsWithSidecars(name: string, hashes: string[]): VideoProbe[] {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    return hashes.map((hash, i) => {
      const path = join(folder, `v.part-${i}-of-2.mp4`);
      const range = { start: 5 * i, end: 5 * i + 5 };
      const sidecar = {
        icarusVersion: '0.0.1',
        output: { path, format: 'mp4', frames: 5, range, transparent: false },
        scene: { seed: 7, output: { path, fps: 3 } },
        bundle: { manifestSha256: hash },
        renderSeconds: 1.25 + i,
      };
      writeFileSync(`${path}.json`, JSON.stringify(sidecar));
      return fakeProbe(path, 5);
    });
  }

  test("takes part 0's with the whole video's output and the render times added", () => {
    const parts = partsWithSidecars('sidecars', ['abc', 'abc']);
    const joined = fakeProbe(join(dir, 'sidecars', 'v.mp4'), 10);
    checkOneBundle(parts);
    const sidecar = concatSidecar(joined, 'mp4', parts);
    assert.deepEqual(sidecar.output, {
      path: joined.path,
      format: 'mp4',
      frames: 10,
      transparent: false,
      codec: 'h264',
      widthPx: 64,
      heightPx: 48,
      fps: 3,
    });
    assert.deepEqual(sidecar.scene, { seed: 7, output: { path: joined.path, fps: 3 } });
    assert.deepEqual(sidecar.bundle, { manifestSha256: 'abc' });
    assert.equal(sidecar.renderSeconds, 3.5);
    assert.deepEqual(sidecar.parts, [
      { path: parts[0]?.path, frames: 5 },
      { path: parts[1]?.path, frames: 5 },
    ]);
  });

  test("without the parts' sidecars, a small one of what ffprobe saw", () => {
    const parts = [
      fakeProbe(join(dir, 'none-0.mp4'), 4),
      fakeProbe(join(dir, 'none-1.mp4'), 6),
    ];
    const sidecar = concatSidecar(fakeProbe(join(dir, 'none.mp4'), 10), 'mp4', parts);
    assert.deepEqual(Object.keys(sidecar).sort(), ['icarusVersion', 'output', 'parts']);
    assert.equal(sidecar.output.frames, 10);
  });

  test('parts of two landscapes are refused', () => {
    const parts = partsWithSidecars('two-bundles', ['abc', 'def']);
    assert.throws(
      () => checkOneBundle(parts),
      /v\.part-1-of-2\.mp4 was rendered from another landscape .*def against abc/,
    );
  });
});

describe('concat refuses parts that do not make one video', () => {
  interface PartSpec {
    /** Frames in the full video; null: a whole video (its sidecar has no range). */
    range: [number, number] | null;
    palette?: string;
  }
  /** Parts with sidecars as a render writes them (each in its own scene file). */
  function parts(name: string, specs: PartSpec[]): VideoProbe[] {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    return specs.map((spec, i) => {
      const path = join(folder, `p${i}.mp4`);
      const range = spec.range
        ? { start: spec.range[0], end: spec.range[1] }
        : undefined;
      const frames = spec.range ? spec.range[1] - spec.range[0] : 30;
      const sidecar = {
        icarusVersion: '0.0.1',
        output: { path, format: 'mp4', frames, ...(range ? { range } : {}) },
        scene: {
          file: join(folder, `node-${i}.yaml`),
          landscape: join(folder, `node-${i}`, 'bundle'),
          palette: { preset: spec.palette ?? 'ember', glow: 1 },
          output: { path, poster: join(folder, `p${i}.png`), fps: 3 },
        },
        bundle: { manifestSha256: 'abc' },
      };
      writeFileSync(`${path}.json`, JSON.stringify(sidecar));
      return fakeProbe(path, frames);
    });
  }

  const cases: { name: string; specs: PartSpec[]; expect?: RegExp }[] = [
    {
      name: 'ranges that follow on, the paths aside',
      specs: [{ range: [0, 10] }, { range: [10, 20] }, { range: [20, 30] }],
    },
    { name: 'whole videos alone', specs: [{ range: null }, { range: null }] },
    {
      name: 'another palette',
      specs: [{ range: [0, 10] }, { range: [10, 20], palette: 'aurora' }],
      expect:
        /p1\.mp4 was rendered with another scene .*key 'palette\.preset' is "aurora" in it and "ember" in the first/,
    },
    {
      name: 'a gap',
      specs: [{ range: [0, 10] }, { range: [12, 20] }],
      expect:
        /p1\.mp4 \(frames 12:20\) does not follow .*p0\.mp4 \(frames 0:10\): it leaves a gap of 2 frames/,
    },
    {
      name: 'an overlap',
      specs: [{ range: [0, 10] }, { range: [8, 20] }],
      expect: /p1\.mp4 \(frames 8:20\) .* overlaps it by 2 frames/,
    },
    {
      name: 'the wrong order',
      specs: [{ range: [10, 20] }, { range: [0, 10] }],
      expect: /p1\.mp4 \(frames 0:10\) .* comes before it in the video/,
    },
    {
      name: 'a whole video among parts',
      specs: [{ range: [0, 10] }, { range: null }],
      expect: /p1\.mp4 is a whole video .* and .*p0\.mp4 a part of one/,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const probes = parts(c.name.replace(/\W+/g, '-'), c.specs);
      const check = (): void => {
        checkOneScene(probes);
        checkRangesFollowOn(probes);
      };
      if (c.expect) assert.throws(check, c.expect);
      else assert.doesNotThrow(check);
    });
  }

  test('a transparent and an opaque WebM (both yuv420p by ffprobe)', () => {
    const webm = (path: string, alpha: boolean): VideoProbe => ({
      ...fakeProbe(path, 5),
      codec: 'vp9',
      alpha,
    });
    assert.throws(
      () => checkAlike([webm('a.webm', true), webm('b.webm', false)]),
      /b\.webm \(vp9 64x48 at 3\/1 fps, yuv420p, opaque\) does not match a\.webm \(.*transparent\)/,
    );
    assert.doesNotThrow(() => checkAlike([webm('a.webm', true), webm('b.webm', true)]));
  });
});

describe('a 4K render fits the schema', () => {
  const sets = ['output.width=3840', 'output.height=2160'];
  const cases: {
    name: string;
    set: string[];
    supersample?: number;
    expect?: RegExp;
  }[] = [
    { name: 'supersample auto: 1 at 4K', set: [], supersample: 1 },
    { name: 'supersample 2: 7680 px', set: ['output.supersample=2'], supersample: 2 },
    {
      name: 'supersample 3: over 8192 px',
      set: ['output.supersample=3'],
      expect: /11520 px is over the 8192 px render limit/,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const load = () => loadScene('scenes/icarus.yaml', { set: [...sets, ...c.set] });
      if (c.expect) return void assert.throws(load, c.expect);
      const { output } = load();
      assert.deepEqual(
        [output.width, output.height, output.supersample],
        [3840, 2160, c.supersample],
      );
    });
  }
});

describe('renderPart refuses before rendering', () => {
  test('a GIF, whose parts cannot be joined', async () => {
    await assert.rejects(
      renderPart({
        scenePath: tinyScene('gif'),
        out: join(dir, 'a.gif'),
        shard: '0/2',
      }),
      /--shard 0\/2: .*a\.gif' is a GIF, whose parts cannot be joined/,
    );
  });
  test('--frames with --shard', async () => {
    await assert.rejects(
      renderPart({ scenePath: tinyScene('both'), frames: '0:3', shard: '0/2' }),
      /--frames 0:3 and --shard 0\/2 cannot be combined/,
    );
  });
});

describe('the command line refuses bad parts before rendering', () => {
  const cases: { name: string; args: string[]; env?: Environment; expect: RegExp }[] = [
    {
      name: '--frames N',
      args: ['render', '--frames', '5'],
      expect: /--frames 5: [\s\S]*--preview 5[\s\S]*--frames 0:5/,
    },
    {
      name: 'index out of range',
      args: ['render', '--shard', '/3'],
      env: { JOB_COMPLETION_INDEX: '3' },
      expect: /JOB_COMPLETION_INDEX=3 gives part 3, but the render has 3 parts/,
    },
    {
      name: '--preview with --shard',
      args: ['render', '--preview', '4', '--shard', '0/3'],
      expect: /--preview 4 and --shard cannot be combined/,
    },
    {
      name: '--frames -3:5 (a value yargs reads as a flag)',
      args: ['render', '--frames', '-3:5'],
      expect: /unknown option --3; .* join it with '=', as in --frames=-3:5/,
    },
    {
      name: '--frames=-3:5',
      args: ['render', '--frames=-3:5'],
      expect: /--frames '-3:5': expected A:B/,
    },
    {
      name: 'named videos without --out',
      args: ['concat', 'a.mp4', 'b.mp4'],
      expect: /concat of 2 named videos needs --out/,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const run = icarus(c.args, c.env);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, c.expect);
    });
  }
});

describe('a render in 3 shards, joined, is the single render frame for frame', () => {
  let scene: string;
  let whole: string;
  let parts: string[];
  let joined: string;

  before(async () => {
    scene = tinyScene('split');
    whole = join(dir, 'whole.mp4');
    const single = await renderVideo({
      scenePath: scene,
      scene: { set: lossless },
      out: whole,
    });
    assert.equal(single.frames, frameCount);

    const first = await renderPart({
      scenePath: scene,
      scene: { set: lossless },
      shard: '0/3',
    });
    assert.deepEqual(first.range, { start: 0, end: 10 });
    const last = await renderPart({
      scenePath: scene,
      scene: { set: lossless },
      shard: '2/3',
    });
    assert.deepEqual(last.range, { start: 20, end: 30 });
    // The middle part as a Kubernetes Indexed Job runs it: the index from the variable.
    const middle = icarus(
      ['render', scene, '--set', lossless[0] ?? '', '--shard', '/3', '--quiet'],
      { JOB_COMPLETION_INDEX: '1' },
    );
    assert.equal(middle.status, 0, middle.stderr);
    parts = [first.videoPath, middle.stdout.trim(), last.videoPath];

    const concat = icarus(['concat', scene, '--set', lossless[0] ?? '', '--quiet']);
    assert.equal(concat.status, 0, concat.stderr);
    joined = concat.stdout.trim();
  });

  test('the parts are named part-i-of-3 beside output.path, of 10 frames each', () => {
    assert.deepEqual(
      parts,
      [0, 1, 2].map((i) => join(dir, `split.part-${i}-of-3.mp4`)),
    );
    assert.deepEqual(
      parts.map((part) => probeVideo(part).frames),
      [10, 10, 10],
    );
  });

  test('only part 0 wrote the poster, under the name a whole render gives it', () => {
    assert.ok(existsSync(join(dir, 'split.png')));
    const pngs = readdirSync(dir).filter((name) => /^split.*\.png$/.test(name));
    assert.deepEqual(pngs, ['split.png']);
  });

  test('the joined video is output.path, with every frame of the single render', () => {
    assert.equal(joined, join(dir, 'split.mp4'));
    const probe = probeVideo(joined);
    assert.deepEqual(
      [probe.codec, probe.widthPx, probe.heightPx, probe.frameRate, probe.frames],
      ['h264', 64, 48, '3/1', frameCount],
    );
    const expected = frameHashes(whole);
    const actual = frameHashes(joined);
    assert.equal(actual.length, frameCount);
    assert.deepEqual(
      actual.map((f) => f.pts),
      Array.from({ length: frameCount }, (_, i) => i),
    );
    for (const [i, frame] of actual.entries()) {
      assert.equal(frame.md5, expected[i]?.md5, `frame ${i} differs`);
    }
  });

  test('its timestamps run on at the joins: no gap, no duplicate', () => {
    const times = packetTimes(joined);
    assert.equal(times.length, frameCount);
    const step = times[0]?.duration ?? NaN;
    assert.ok(step > 0);
    for (const [i, t] of times.entries()) {
      assert.equal(t.pts, i * step, `packet ${i}`);
    }
    assert.deepEqual(times, packetTimes(whole));
  });

  test('its sidecar is that of the whole video, listing the parts', () => {
    const sidecar = JSON.parse(readFileSync(`${joined}.json`, 'utf8')) as ConcatSidecar;
    assert.equal(sidecar.output.path, joined);
    assert.equal(sidecar.output.frames, frameCount);
    assert.equal(sidecar.output.format, 'mp4');
    assert.equal(sidecar.output.fps, 3);
    assert.equal('range' in sidecar.output, false);
    assert.deepEqual(
      sidecar.parts.map((p) => [p.path, p.frames]),
      parts.map((p) => [p, 10]),
    );
  });

  /** A folder holding copies of the parts, as `m.part-i-of-n.mp4`, and its scene. */
  function partsFolder(name: string, files: Record<string, string>): string {
    const folder = join(dir, name);
    const file = tinyScene('m', folder);
    for (const [target, source] of Object.entries(files)) {
      copyFileSync(source, join(folder, target));
    }
    return file;
  }

  const sceneOptions = { scene: { set: lossless } };

  test('a missing part is named', async () => {
    const file = partsFolder('missing', {
      'm.part-0-of-3.mp4': parts[0] ?? '',
      'm.part-2-of-3.mp4': parts[2] ?? '',
    });
    await assert.rejects(
      concatSceneParts({ scenePath: file, ...sceneOptions }),
      /1 of the 3 parts of .*m\.mp4 missing: m\.part-1-of-3\.mp4[\s\S]*--shard i\/3/,
    );
  });

  test('a part of another size is named', async () => {
    const small = join(dir, 'small.mp4');
    execFileSync(ffmpeg, [
      ...['-v', 'error', '-y', '-i', parts[1] ?? '', '-vf', 'scale=32:24'],
      ...['-c:v', 'libx264', '-crf', '0', small],
    ]);
    const file = partsFolder('mismatch', {
      'm.part-0-of-3.mp4': parts[0] ?? '',
      'm.part-1-of-3.mp4': small,
      'm.part-2-of-3.mp4': parts[2] ?? '',
    });
    await assert.rejects(
      concatSceneParts({ scenePath: file, ...sceneOptions }),
      /m\.part-1-of-3\.mp4 is 32x24 at 3\/1 fps, but the scene .* renders 64x48 at 3 fps/,
    );
    await assert.rejects(
      concatFiles({ inputs: [parts[0] ?? '', small], out: join(dir, 'bad.mp4') }),
      /small\.mp4 \(h264 32x24 .*\) does not match .*split\.part-0-of-3\.mp4/,
    );
    assert.equal(existsSync(join(dir, 'bad.mp4')), false);
  });

  test('a part of the wrong length is named', async () => {
    const short = join(dir, 'short.mp4');
    execFileSync(ffmpeg, [
      ...[
        '-v',
        'error',
        '-y',
        '-i',
        parts[1] ?? '',
        '-frames:v',
        '9',
        '-c',
        'copy',
        short,
      ],
    ]);
    const file = partsFolder('short', {
      'm.part-0-of-3.mp4': parts[0] ?? '',
      'm.part-1-of-3.mp4': short,
      'm.part-2-of-3.mp4': parts[2] ?? '',
    });
    await assert.rejects(
      concatSceneParts({ scenePath: file, ...sceneOptions }),
      /m\.part-1-of-3\.mp4 has 9 frames; part 1 of 3 .* frames 10:20, 10 frames/,
    );
  });

  test('parts of two splits are refused', async () => {
    const file = partsFolder('two-splits', {
      'm.part-0-of-3.mp4': parts[0] ?? '',
      'm.part-1-of-2.mp4': parts[1] ?? '',
    });
    await assert.rejects(
      concatSceneParts({ scenePath: file, ...sceneOptions }),
      /parts of 2 and 3 shards found/,
    );
  });

  test('named files keep their format', async () => {
    await assert.rejects(
      concatFiles({
        inputs: [parts[0] ?? '', parts[1] ?? ''],
        out: join(dir, 'a.webm'),
      }),
      /split\.part-0-of-3\.mp4' is \.mp4 but --out '.*a\.webm' is \.webm/,
    );
  });

  test('named files do not join into a .frames folder', async () => {
    await assert.rejects(
      concatFiles({
        inputs: [parts[0] ?? '', parts[1] ?? ''],
        out: join(dir, 'x.frames'),
      }),
      /concat --out '.*x\.frames': a \.frames sequence is not joined from named files/,
    );
  });

  test('named files join in the order given, and --no-keep-parts removes them', async () => {
    const folder = join(dir, 'named');
    mkdirSync(folder, { recursive: true });
    const copies = parts.map((part, i) => {
      const copy = join(folder, `p${i}.mp4`);
      copyFileSync(part, copy);
      return copy;
    });
    const result = await concatFiles({
      inputs: [copies[2] ?? '', copies[0] ?? '', copies[1] ?? ''],
      out: join(folder, 'rotated.mp4'),
      keepParts: false,
    });
    assert.equal(result.frames, frameCount);
    const expected = frameHashes(whole).map((f) => f.md5);
    const rotated = [...expected.slice(20), ...expected.slice(0, 20)];
    assert.deepEqual(
      frameHashes(result.videoPath).map((f) => f.md5),
      rotated,
    );
    assert.deepEqual(readdirSync(folder).sort(), ['rotated.mp4', 'rotated.mp4.json']);
  });
});

describe('a .frames sequence needs no join: concat checks that every frame is there', () => {
  /** A PNG of `size` px, with alpha when `alpha`. */
  function png(size: [number, number], alpha = false): Promise<Buffer> {
    return sharp({
      create: {
        width: size[0],
        height: size[1],
        channels: alpha ? 4 : 3,
        background: { r: 10, g: 20, b: 30, alpha: 1 },
      },
    })
      .png()
      .toBuffer();
  }
  const all = Array.from({ length: 30 }, (_, i) => i);
  const cases: {
    name: string;
    files: number[];
    /** Frames written at another size or with alpha. */
    odd?: { frame: number; size?: [number, number]; alpha?: boolean };
    expect?: RegExp;
  }[] = [
    { name: 'all 30', files: all },
    {
      name: 'frames 10 to 19 missing',
      files: all.filter((i) => i < 10 || i >= 20),
      expect: /lacks 10 of its 30 frames \(frames 10, 11, 12, 13, 14, \.\.\.\)/,
    },
    { name: 'none', files: [], expect: /lacks 30 of its 30 frames/ },
    {
      name: 'a frame of another size',
      files: all,
      odd: { frame: 17, size: [32, 24] },
      expect: /000017\.png is png 32x24, but the scene .* renders 64x48 PNGs/,
    },
    {
      name: 'a frame with alpha among opaque ones',
      files: all,
      odd: { frame: 3, alpha: true },
      expect: /000003\.png is transparent and frame 0 is not/,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const folder = join(dir, `seq-${c.name.replace(/\W+/g, '-')}`, 'seq.frames');
      mkdirSync(folder, { recursive: true });
      const frame = await png([64, 48]);
      for (const i of c.files) {
        const odd = c.odd?.frame === i;
        writeFileSync(
          join(folder, `${String(i).padStart(6, '0')}.png`),
          odd ? await png(c.odd?.size ?? [64, 48], c.odd?.alpha) : frame,
        );
      }
      const run = concatSceneParts({ scenePath: tinyScene('seq'), out: folder });
      if (c.expect) {
        await assert.rejects(run, c.expect);
        assert.equal(existsSync(`${folder}.json`), false);
        return;
      }
      const result = await run;
      assert.equal(result.frames, frameCount);
      assert.equal(result.sidecarPath, `${folder}.json`);
      const sidecar = JSON.parse(
        readFileSync(result.sidecarPath, 'utf8'),
      ) as ConcatSidecar;
      assert.deepEqual(
        [sidecar.output.path, sidecar.output.format, sidecar.output.frames],
        [folder, 'frames', frameCount],
      );
    });
  }

  test("two rendered parts: the whole folder's sidecar joins theirs", async () => {
    const folder = join(dir, 'seq-parts', 'whole.frames');
    const scene = writeTinyScene({
      folder: join(dir, 'seq-parts'),
      name: 'whole',
      landscape,
      fps: 2,
      durationSeconds: 2,
    });
    const first = await renderPart({ scenePath: scene, frames: '0:1', out: folder });
    const second = await renderPart({ scenePath: scene, frames: '1:', out: folder });
    assert.deepEqual(readdirSync(folder).sort(), [
      '000000.png',
      '000001.png',
      '000002.png',
      '000003.png',
    ]);
    const result = await concatSceneParts({ scenePath: scene, out: folder });
    const sidecar = JSON.parse(
      readFileSync(result.sidecarPath, 'utf8'),
    ) as ConcatSidecar;
    assert.equal(sidecar.output.frames, 4);
    assert.equal('range' in sidecar.output, false);
    assert.deepEqual(sidecar.parts, [
      { path: first.sidecarPath, frames: 1 },
      { path: second.sidecarPath, frames: 3 },
    ]);
    assert.equal((sidecar.scene as { output: { path: string } }).output.path, folder);

    // A part again with another palette: its frames and sidecar replace the others'.
    await renderPart({
      scenePath: scene,
      scene: { palette: 'aurora' },
      frames: '1:',
      out: folder,
    });
    await assert.rejects(
      concatSceneParts({ scenePath: scene, out: folder }),
      /whole\.frames\.part-000001-000004 was rendered with another scene .*key 'palette\.preset'/,
    );

    // A whole render replaces the folder and the parts' sidecars; concat keeps its own.
    await renderVideo({ scenePath: scene, out: folder, poster: false });
    assert.deepEqual(
      readdirSync(join(dir, 'seq-parts')).filter((name) => name.includes('.part-')),
      [],
    );
    await concatSceneParts({ scenePath: scene, out: folder });
    const own = JSON.parse(readFileSync(`${folder}.json`, 'utf8')) as ConcatSidecar;
    assert.equal('parts' in own, false, 'the whole render wrote it');
    assert.equal(own.output.frames, 4);
  });
});
