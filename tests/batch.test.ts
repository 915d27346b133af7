import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { type BatchManifest } from '../src/batch/batch-manifest.js';
import { sheetLayout } from '../src/batch/contact-sheet.js';
import { expandBatch } from '../src/batch/expand-batch.js';
import { inputsHash } from '../src/batch/job-inputs.js';
import {
  checkTemplate,
  expandTemplate,
  type NameFields,
  safeName,
} from '../src/batch/output-name.js';
import { runBatch } from '../src/batch/run-batch.js';
import { setLogLevel } from '../src/log/logger.js';
import { resolveFfmpeg } from '../src/video/ffmpeg-binary.js';
import { assertMentions, expectIcarusError } from './support/expect-icarus-error.js';
import { tinyLandscape } from './support/landscape.js';

/** A scene small enough to render in about a second. */
function tinyScene(file: string, landscape: string): string {
  writeFileSync(
    file,
    [
      `landscape: ${JSON.stringify(landscape)}`,
      'output:',
      '  width: 64',
      '  height: 48',
      '  fps: 4',
      '  durationSeconds: 1',
      'surface:',
      '  resolution: 20',
      'sparks: 10',
      '',
    ].join('\n'),
  );
  return file;
}

// Made at load time: the table-driven cases below name the scene file.
setLogLevel('warn');
const dir = mkdtempSync(join(tmpdir(), 'icarus-batch-'));
// Expansion checks that the landscape exists; only a render loads it.
const fakeLandscape = join(dir, 'landscape-not-loaded');
mkdirSync(fakeLandscape);
const scene = tinyScene(join(dir, 'tiny.yaml'), fakeLandscape);

let batchCount = 0;

/** Writes a batch file whose `scenes` entries are the given YAML lines. */
function batchFile(
  lines: string[],
  name = `'{scene}-{palette}-{camera}-{format}.{ext}'`,
  top: string[] = [],
) {
  const file = join(dir, `batch-${batchCount++}.yaml`);
  writeFileSync(
    file,
    [
      `out: ${JSON.stringify(join(dir, 'out'))}`,
      `name: ${name}`,
      ...top,
      'scenes:',
      ...lines,
      '',
    ].join('\n'),
  );
  return file;
}

const fields: NameFields = {
  scene: 'icarus',
  palette: 'ember',
  camera: 'push-in',
  format: 'jpeg',
  ext: 'jpg',
  size: '320x180',
  width: '320',
  height: '180',
  quality: 'draft',
  index: '07',
};

describe('output names from templates', () => {
  const cases: { template: string; expected: string }[] = [
    {
      template: '{scene}-{palette}-{camera}.{ext}',
      expected: 'icarus-ember-push-in.jpg',
    },
    { template: '{index}_{format}_{size}.{ext}', expected: '07_jpeg_320x180.jpg' },
    { template: '{width}w{height}h-{quality}.{ext}', expected: '320w180h-draft.jpg' },
    { template: 'sub/dir/{scene}.{ext}', expected: 'sub-dir-icarus.jpg' },
    { template: '../{scene}.{ext}', expected: '-icarus.jpg' },
    { template: '{scene} {palette}!.{ext}', expected: 'icarus-ember-.jpg' },
  ];
  for (const c of cases) {
    test(c.template, () =>
      assert.equal(expandTemplate(c.template, fields), c.expected),
    );
  }
});

describe('safe names', () => {
  const cases: { name: string; expected: string }[] = [
    { name: 'plain-name_1.mp4', expected: 'plain-name_1.mp4' },
    { name: '.hidden.png', expected: 'hidden.png' },
    { name: 'a..b...mp4', expected: 'a.b.mp4' },
    { name: '..\\..\\x.png', expected: '-.-x.png' },
    { name: 'Ünïcode name.webp', expected: '-n-code-name.webp' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const safe = safeName(c.name);
      assert.equal(safe, c.expected);
      assert.match(safe, /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/);
      assert.ok(!safe.includes('..'));
    });
  }
});

describe('unknown placeholders are errors naming them', () => {
  const cases: { template: string; expect: string[] }[] = [
    {
      template: '{scene}-{pallete}.{ext}',
      expect: ['{pallete}', 'did you mean {palette}'],
    },
    {
      template: '{scene}-{fps}-{colour}.{ext}',
      expect: ['placeholders', '{fps}', '{colour}'],
    },
  ];
  for (const c of cases) {
    test(c.template, () => {
      const message = expectIcarusError(() =>
        checkTemplate(c.template, "b.yaml: key 'name'"),
      );
      assertMentions(message, [
        "b.yaml: key 'name'",
        ...c.expect,
        '{scene}, {palette}',
      ]);
    });
  }
});

describe('expansion multiplies palettes, cameras, formats and sizes', () => {
  const cases: { name: string; entry: string[]; jobs: number; first: string }[] = [
    {
      name: 'defaults: the scene own palette, camera, format and size',
      entry: [],
      jobs: 1,
      first: 'tiny-ember-orbit-mp4.mp4',
    },
    {
      name: '2 palettes x 2 cameras x 2 formats',
      entry: [
        '    palettes: [aurora, noir]',
        '    cameras: [rise, still]',
        '    formats: [mp4, png]',
      ],
      jobs: 8,
      first: 'tiny-aurora-rise-mp4.mp4',
    },
    {
      name: '3 formats x 2 sizes',
      entry: ['    formats: [png, jpeg, webp]', '    sizes: [64x48, 32x32]'],
      jobs: 6,
      first: 'tiny-ember-orbit-png.png',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const name = `'{scene}-{palette}-{camera}-{format}{index}-{size}.{ext}'`;
      const plan = expandBatch(batchFile([`  - scene: ${scene}`, ...c.entry], name));
      assert.equal(plan.jobs.length, c.jobs);
      const indexDigits = String(c.jobs).length;
      const [first] = plan.jobs;
      assert.ok(first);
      const [stem, ext] = c.first.split('.');
      const size = `${first.widthPx}x${first.heightPx}`;
      assert.equal(
        first.output,
        join(dir, 'out', `${stem}${'1'.padStart(indexDigits, '0')}-${size}.${ext}`),
      );
      const outputs = new Set(plan.jobs.map((job) => job.output));
      assert.equal(outputs.size, c.jobs, 'two jobs share an output');
      assert.deepEqual(
        plan.jobs.map((job) => job.index),
        Array.from({ length: c.jobs }, (_, i) => i + 1),
      );
    });
  }

  test('sizes set the rendered size, and draft quality halves it', () => {
    const plan = expandBatch(
      batchFile([`  - scene: ${scene}`, '    sizes: [320x180]', '    quality: draft']),
    );
    const [job] = plan.jobs;
    assert.equal(job?.widthPx, 160);
    assert.equal(job?.heightPx, 90);
  });

  test('a video poster goes beside it as .png; a still is its own poster', () => {
    const plan = expandBatch(
      batchFile([`  - scene: ${scene}`, '    formats: [gif, webp]']),
    );
    const [video, still] = plan.jobs;
    assert.equal(video?.poster, join(dir, 'out', 'tiny-ember-orbit-gif.png'));
    assert.equal(still?.poster, still?.output);
  });
});

describe('two jobs on one path are an error naming both and a separating placeholder', () => {
  const cases: { name: string; template: string; entry: string[]; expect: string[] }[] =
    [
      {
        name: 'no {palette} with two palettes',
        template: `'{scene}-{format}.{ext}'`,
        entry: ['    palettes: [ember, ice]'],
        expect: [
          'jobs 1 (tiny ember',
          'and 2 (tiny ice',
          'tiny-mp4.mp4',
          'add {palette}',
        ],
      },
      {
        name: 'an mp4 poster on a png still',
        template: `'{scene}.{ext}'`,
        entry: ['    formats: [mp4, png]'],
        expect: [
          'tiny.png',
          'the poster of one, the output of the other',
          'add {format}',
        ],
      },
      {
        name: 'a palette listed twice',
        template: `'{scene}-{palette}.{ext}'`,
        entry: ['    palettes: [ember, ember]'],
        expect: ['jobs 1', 'and 2', 'add {index}', 'listed twice'],
      },
    ];
  for (const c of cases) {
    test(c.name, () => {
      const file = batchFile([`  - scene: ${scene}`, ...c.entry], c.template);
      const message = expectIcarusError(() => expandBatch(file));
      assertMentions(message, [`${file}: key 'name'`, ...c.expect]);
    });
  }

  test('scene files whose names differ only in case', () => {
    mkdirSync(join(dir, 'other'), { recursive: true });
    const upper = tinyScene(join(dir, 'other', 'TINY.yaml'), fakeLandscape);
    const file = batchFile(
      [`  - scene: ${scene}`, `  - scene: ${upper}`],
      `'{scene}.{ext}'`,
    );
    const message = expectIcarusError(() => expandBatch(file));
    assertMentions(message, [
      'jobs 1 (tiny ember',
      'and 2 (TINY ember',
      'differs only in letter case',
      'add {index}',
      'more than letter case',
    ]);
    assert.ok(!message.includes('the two jobs are the same'), message);
  });
});

describe('bad batch files fail before anything renders, naming file, key and fix', () => {
  const cases: { name: string; lines: string[]; expect: string[] }[] = [
    {
      name: 'unknown palette',
      lines: [`  - scene: ${scene}`, '    palettes: [ember, embr]'],
      expect: [
        "key 'scenes[0].palettes[1]'",
        "no palette preset 'embr'",
        "did you mean 'ember'?",
      ],
    },
    {
      name: 'unknown camera',
      lines: [`  - scene: ${scene}`, '    cameras: [orbt]'],
      expect: ["key 'scenes[0].cameras[0]'", "did you mean 'orbit'?"],
    },
    {
      name: 'unknown format',
      lines: [`  - scene: ${scene}`, '    formats: [jpg]'],
      expect: ["key 'scenes[0].formats[0]'", "did you mean 'jpeg'?"],
    },
    {
      name: 'odd size',
      lines: [`  - scene: ${scene}`, '    sizes: [321x180]'],
      expect: ["key 'scenes[0].sizes[0]'", 'even', '"321x180"'],
    },
    {
      name: 'size not WxH',
      lines: [`  - scene: ${scene}`, '    sizes: [big]'],
      expect: ["key 'scenes[0].sizes[0]'", 'WIDTHxHEIGHT'],
    },
    {
      name: 'unknown entry key',
      lines: [`  - scene: ${scene}`, '    palette: [ember]'],
      expect: ["unknown key 'scenes[0].palette'", "did you mean 'palettes'?"],
    },
    {
      name: 'bad override',
      lines: [`  - scene: ${scene}`, '    set: { output.crf: 99 }'],
      expect: ["key 'scenes[0].set'", "scene key 'output.crf'", '51', 'fix:'],
    },
    {
      name: 'missing scene file',
      lines: [`  - scene: ${join(dir, 'nope.yaml')}`],
      expect: ["key 'scenes[0]'", 'nope.yaml: cannot read the file'],
    },
    {
      name: 'still time after the end',
      lines: [`  - scene: ${scene}`, '    formats: [png]', '    time: 5'],
      expect: ["key 'scenes[0].time'", '5 s is after the end', 'from 0 to 1'],
    },
    {
      name: 'missing landscape',
      lines: [`  - scene: ${tinyScene(join(dir, 'lost.yaml'), join(dir, 'lost'))}`],
      expect: ["key 'scenes[0]'", "lost.yaml: key 'landscape'", 'does not exist'],
    },
    {
      name: 'no scenes',
      lines: [],
      expect: ["key 'scenes'", 'expected a list of one or more scene entries', 'fix:'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const file = batchFile(c.lines);
      const message = expectIcarusError(() => expandBatch(file));
      assertMentions(message, [file, ...c.expect]);
    });
  }

  test('a template without the extension', () => {
    const file = batchFile([`  - scene: ${scene}`], `'{scene}-{palette}'`);
    const message = expectIcarusError(() => expandBatch(file));
    assertMentions(message, [`${file}: key 'name'`, 'does not end in .mp4', '.{ext}']);
  });
});

/** Writes a batch file of exactly `lines` (no `out` or `name` added). */
function rawBatch(lines: string[]): string {
  const file = join(dir, `batch-${batchCount++}.yaml`);
  writeFileSync(file, [...lines, ''].join('\n'));
  return file;
}

describe('batch file keys: one message naming the key, the value and a fix', () => {
  const entry = `  - scene: ${scene}`;
  const cases: { name: string; lines: string[]; expect: string[] }[] = [
    {
      name: "a typo in the batch's set",
      lines: ['set: { output.widht: 320 }', 'scenes:', entry],
      expect: [
        "key 'set': no scene key 'output.widht'",
        "did you mean 'output.width'?",
      ],
    },
    {
      name: "a typo in an entry's set list",
      lines: ['scenes:', entry, '    set: ["sparks=9", "output.fsp=12"]'],
      expect: ["key 'scenes[0].set[1]'", "did you mean 'output.fps'?"],
    },
    {
      name: 'a set item without =',
      lines: ['scenes:', entry, '    set: ["output.fps"]'],
      expect: ["key 'scenes[0].set[0]'", 'not key.path=value'],
    },
    {
      name: 'an unknown palette preset in a set',
      lines: ['scenes:', entry, '    set: { palette.preset: embr }'],
      expect: [
        "key 'scenes[0].set'",
        "no palette preset 'embr'",
        "did you mean 'ember'?",
      ],
    },
    {
      name: 'output.path in a set',
      lines: ['scenes:', entry, '    set: { output.path: renders/x.mp4 }'],
      expect: ["key 'scenes[0].set'", "'output.path' cannot be set", "key 'name'"],
    },
    {
      name: 'output.poster in the batch set list',
      lines: ['set: ["output.poster=x.png"]', 'scenes:', entry],
      expect: ["key 'set[0]'", "'output.poster' cannot be set"],
    },
    {
      name: 'an empty palette list',
      lines: ['scenes:', entry, '    palettes: []'],
      expect: [
        "key 'scenes[0].palettes'",
        'palette presets',
        'found []',
        'palettes: [',
      ],
    },
    {
      name: 'an unknown format',
      lines: ['scenes:', entry, '    formats: [avi]'],
      expect: ["key 'scenes[0].formats[0]'", 'mp4, webm, gif, mov, frames', '"avi"'],
    },
    {
      name: 'an unknown format given alone',
      lines: ['scenes:', entry, '    formats: jpg'],
      expect: ["key 'scenes[0].formats'", '"jpg"', "did you mean 'jpeg'?"],
    },
    {
      name: 'an unknown quality',
      lines: ['scenes:', entry, '    quality: ultra'],
      expect: ["key 'scenes[0].quality'", 'draft, preview, final', '"ultra"'],
    },
    {
      name: 'set as one text',
      lines: ['scenes:', entry, '    set: "output.fps=12"'],
      expect: ["key 'scenes[0].set'", '{ output.fps: 12 }', '["output.fps=12"]'],
    },
    {
      name: 'an empty out',
      lines: ['out: ""', 'scenes:', entry],
      expect: ["key 'out'", 'a folder', 'found ""', 'out: renders/'],
    },
    {
      name: 'a size that is not WxH',
      lines: ['scenes:', entry, '    sizes: [abc]'],
      expect: ["key 'scenes[0].sizes[0]'", 'WIDTHxHEIGHT', '"abc"'],
    },
    {
      name: 'a size with a capital X',
      lines: ['scenes:', entry, '    sizes: [320X180]'],
      expect: ["key 'scenes[0].sizes[0]'", "did you mean '320x180'?"],
    },
    {
      name: 'a list where a map goes',
      lines: ['- scenes'],
      expect: ['top level', 'a map', 'batch-example.yaml'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const file = rawBatch(c.lines);
      const message = expectIcarusError(() => expandBatch(file));
      assertMentions(message, [file, ...c.expect, '\n  fix: ']);
      assert.ok(!message.includes('--set'), `names --set:\n${message}`);
      // One problem, one message: the first line names it, the second is its fix.
      assert.equal(message.split('\n').length, 2, message);
    });
  }

  const lists: {
    name: string;
    line: string;
    field: 'palette' | 'camera' | 'format';
  }[] = [
    { name: 'palettes: ice', line: '    palettes: ice', field: 'palette' },
    { name: 'cameras: rise', line: '    cameras: rise', field: 'camera' },
    { name: 'formats: webp', line: '    formats: webp', field: 'format' },
  ];
  for (const c of lists) {
    test(`a single name is a one-item list: ${c.name}`, () => {
      const plan = expandBatch(rawBatch(['scenes:', entry, c.line]));
      assert.equal(plan.jobs.length, 1);
      assert.equal(plan.jobs[0]?.[c.field], c.line.split(': ')[1]);
    });
  }

  test('a single size is a one-item list: sizes: 32x32', () => {
    const [job, ...rest] = expandBatch(
      rawBatch(['scenes:', entry, '    sizes: 32x32']),
    ).jobs;
    assert.deepEqual([job?.widthPx, job?.heightPx, rest.length], [32, 32, 0]);
  });
});

describe('an output folder that is a file is refused before anything renders', () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a folder');
  const cases: { name: string; out?: string; key?: string; expect: string[] }[] = [
    { name: '--out a file', out: file, expect: [`--out '${file}' is a file`, 'fix:'] },
    {
      name: '--out inside a file',
      out: join(file, 'sub'),
      expect: ['--out', `is inside ${file}, which is a file`],
    },
    {
      name: "the file's out",
      key: file,
      expect: [`key 'out': '${file}' is a file`, "key 'out'"],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const batch = rawBatch([
        ...(c.key !== undefined ? [`out: ${JSON.stringify(c.key)}`] : []),
        'scenes:',
        `  - scene: ${scene}`,
      ]);
      const message = expectIcarusError(() => expandBatch(batch, c.out));
      assertMentions(message, [...c.expect, 'name a folder']);
    });
  }
});

describe('inputs hash', () => {
  const hashOf = (entry: string[], outDir?: string) => {
    const [job] = expandBatch(
      batchFile([`  - scene: ${scene}`, ...entry]),
      outDir,
    ).jobs;
    assert.ok(job);
    return inputsHash(job, 'bundle-a');
  };

  test('the same inputs give the same hash, wherever the outputs go', () => {
    assert.equal(hashOf([]), hashOf([], join(dir, 'elsewhere')));
  });

  test("the batch's set applies to every job, under each entry's set", () => {
    const withTop = (entry: string[]) => {
      const file = batchFile([`  - scene: ${scene}`, ...entry], undefined, [
        'set: { sparks: 11 }',
      ]);
      const [job] = expandBatch(file).jobs;
      assert.ok(job);
      return inputsHash(job, 'bundle-a');
    };
    assert.equal(withTop([]), hashOf(['    set: { sparks: 11 }']));
    assert.equal(
      withTop(['    set: { sparks: 12 }']),
      hashOf(['    set: { sparks: 12 }']),
    );
  });

  const changes: { name: string; entry: string[] }[] = [
    { name: 'an override', entry: ['    set: { sparks: 11 }'] },
    { name: 'a palette', entry: ['    palettes: [ice]'] },
    { name: 'a size', entry: ['    sizes: [32x32]'] },
    { name: 'the quality', entry: ['    quality: preview'] },
    { name: 'the format', entry: ['    formats: [webm]'] },
  ];
  for (const c of changes) {
    test(`${c.name} changes it`, () => assert.notEqual(hashOf(c.entry), hashOf([])));
  }

  test('the bundle changes it', () => {
    const [job] = expandBatch(batchFile([`  - scene: ${scene}`])).jobs;
    assert.ok(job);
    assert.notEqual(inputsHash(job, 'bundle-a'), inputsHash(job, 'bundle-b'));
  });

  test("the ffmpeg build changes a video's hash, not a still's", () => {
    const [video] = expandBatch(batchFile([`  - scene: ${scene}`])).jobs;
    const [still] = expandBatch(
      batchFile([`  - scene: ${scene}`, '    formats: [png]']),
    ).jobs;
    assert.ok(video?.kind === 'video' && still?.kind === 'still');
    const [a, b] = ['ffmpeg version 6.1', 'ffmpeg version 7.0'];
    assert.notEqual(inputsHash(video, 'bundle-a', a), inputsHash(video, 'bundle-a', b));
    assert.equal(inputsHash(still, 'bundle-a', a), inputsHash(still, 'bundle-a', b));
  });
});

test('scenes/batch-example.yaml: 12+ jobs over 3+ palettes, 2+ cameras, every format', () => {
  const { jobs } = expandBatch('scenes/batch-example.yaml');
  assert.ok(jobs.length >= 12, `${jobs.length} jobs`);
  assert.ok(new Set(jobs.map((job) => job.palette)).size >= 3);
  assert.ok(new Set(jobs.map((job) => job.camera)).size >= 2);
  const formats = new Set(jobs.map((job) => job.format));
  for (const format of ['mp4', 'webm', 'gif', 'mov', 'png', 'jpeg', 'webp'] as const) {
    assert.ok(formats.has(format), `no ${format} job`);
  }
  const mov = jobs.find((job) => job.format === 'mov');
  assert.equal(
    (JSON.parse(mov?.sceneJson ?? '{}') as { output?: { transparent?: boolean } })
      .output?.transparent,
    true,
    'the mov is not transparent',
  );
  for (const job of jobs)
    assert.ok(job.widthPx * job.heightPx <= 320 * 180 * 1.2, job.output);
});

/** Runs the icarus command from the project folder. */
function icarus(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/icarus.js', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A result's statuses in job order. */
const statuses = (result: Awaited<ReturnType<typeof runBatch>>) =>
  result.jobs.map((row) => row.status);

describe('the command line', () => {
  test('no batch file: names the missing argument and the usage', () => {
    const run = icarus('batch');
    assert.equal(run.status, 1);
    assertMentions(run.stderr, [
      'no batch file given',
      'icarus batch FILE.yaml',
      'fix:',
    ]);
    assert.ok(!run.stderr.includes('non-option'), run.stderr);
  });

  test('one job is "1 job"', () => {
    const run = icarus('batch', batchFile([`  - scene: ${scene}`]), '--dry-run');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^1 job: 1 would render, 0 would skip/m);
    assert.match(run.stderr, /1 job from /);
    assert.ok(!/\b1 jobs\b/.test(run.stdout + run.stderr), run.stdout);
  });

  test('a dry run names the landscape a run would train first', () => {
    // A config no test trains: its bundle is never there.
    const config = join(dir, 'never-trained.yaml');
    writeFileSync(config, 'name: never-trained\ncurve: { seed: 987654 }\n');
    const untrained = tinyScene(join(dir, 'untrained.yaml'), config);
    const file = batchFile([`  - scene: ${untrained}`, '    palettes: [ember, ice]']);
    const run = icarus('batch', file, '--dry-run');
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /never-trained\.yaml is not trained: a run trains it first/,
    );
    assert.match(run.stdout, /\(jobs 1, 2\)/);
    assert.match(
      run.stdout,
      /2 jobs: 2 would render, 0 would skip, 1 landscape would be trained/,
    );
  });
});

test('a batch renders on 2 workers, skips when unchanged, re-renders what changed', async () => {
  const root = mkdtempSync(join(tmpdir(), 'icarus-batch-run-'));
  const out = join(root, 'out');
  const renderScene = tinyScene(join(root, 'tiny.yaml'), await tinyLandscape());
  const file = join(root, 'batch.yaml');
  const writeBatch = (auroraSparks: number) =>
    writeFileSync(
      file,
      [
        `out: ${JSON.stringify(out)}`,
        `name: '{scene}-{palette}-{format}.{ext}'`,
        'scenes:',
        `  - scene: ${renderScene}`,
        '    palettes: [ember]',
        '    formats: [mp4, png]',
        `  - scene: ${renderScene}`,
        '    palettes: [aurora]',
        '    formats: [mp4, png]',
        `    set: { sparks: ${auroraSparks} }`,
        '',
      ].join('\n'),
    );
  writeBatch(10);

  // First run: every job renders.
  const first = await runBatch({ file, jobs: 2 });
  assert.deepEqual(statuses(first), ['rendered', 'rendered', 'rendered', 'rendered']);
  assert.equal(first.failed, 0);
  const names = [
    'tiny-ember-mp4.mp4',
    'tiny-ember-mp4.png',
    'tiny-ember-png.png',
    'tiny-aurora-mp4.mp4',
    'tiny-aurora-mp4.png',
    'tiny-aurora-png.png',
  ];
  for (const name of names) {
    assert.ok(statSync(join(out, name)).size > 0, `${name} is empty`);
  }
  for (const name of names.filter((n) => n.endsWith('.png'))) {
    const meta = await sharp(join(out, name)).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 64, 48], name);
  }
  const manifest = JSON.parse(
    readFileSync(join(out, 'batch.json'), 'utf8'),
  ) as BatchManifest;
  assert.deepEqual(
    manifest.jobs.map((job) => [
      job.index,
      job.palette,
      job.format,
      job.output,
      job.status,
    ]),
    [
      [1, 'ember', 'mp4', 'tiny-ember-mp4.mp4', 'rendered'],
      [2, 'ember', 'png', 'tiny-ember-png.png', 'rendered'],
      [3, 'aurora', 'mp4', 'tiny-aurora-mp4.mp4', 'rendered'],
      [4, 'aurora', 'png', 'tiny-aurora-png.png', 'rendered'],
    ],
  );
  assert.equal(manifest.jobs[0]?.poster, 'tiny-ember-mp4.png');
  for (const job of manifest.jobs) assert.match(job.inputsHash, /^[0-9a-f]{64}$/);
  const layout = sheetLayout(4);
  assert.deepEqual([layout.columns, layout.rows], [2, 2]);
  const sheet = await sharp(join(out, 'contact-sheet.png')).metadata();
  assert.deepEqual(
    [sheet.width, sheet.height],
    [
      2 * layout.cellWidthPx + 3 * layout.gapPx,
      2 * (layout.imageHeightPx + layout.labelHeightPx) + 3 * layout.gapPx,
    ],
  );
  const sheetStats = await sharp(join(out, 'contact-sheet.png')).stats();
  assert.ok(
    (sheetStats.channels[0]?.stdev ?? 0) > 10,
    'the contact sheet shows no pictures',
  );
  assert.deepEqual(
    readdirSync(out).filter((f) => f.includes('.partial-')),
    [],
    'temporary files left behind',
  );

  // Unchanged: every job is skipped and nothing is rewritten.
  const before = names.map((name) => statSync(join(out, name)).mtimeMs);
  const second = await runBatch({ file, jobs: 2 });
  assert.deepEqual(statuses(second), ['skipped', 'skipped', 'skipped', 'skipped']);
  assert.deepEqual(
    names.map((name) => statSync(join(out, name)).mtimeMs),
    before,
  );

  // One entry's override changed: only its two jobs render.
  writeBatch(12);
  const third = await runBatch({ file, jobs: 2 });
  assert.deepEqual(statuses(third), ['skipped', 'skipped', 'rendered', 'rendered']);

  // A dry run lists the jobs and writes nothing.
  const manifestBefore = readFileSync(join(out, 'batch.json'), 'utf8');
  const files = readdirSync(out).sort();
  const dry = icarus('batch', file, '--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /tiny-ember-mp4\.mp4 .*would skip/);
  assert.match(dry.stdout, /4 jobs: 0 would render, 4 would skip/);
  assert.equal(readFileSync(join(out, 'batch.json'), 'utf8'), manifestBefore);
  assert.deepEqual(readdirSync(out).sort(), files);

  // Job 2's output is now a folder: it fails at render time, the others render.
  rmSync(join(out, 'tiny-ember-png.png'));
  mkdirSync(join(out, 'tiny-ember-png.png'));
  const failing = icarus('batch', file, '--jobs', '2', '--force');
  assert.equal(failing.status, 1, failing.stderr);
  assert.match(failing.stdout, /tiny-ember-png\.png .*FAILED: .*is a folder/);
  assert.equal((failing.stdout.match(/ rendered /g) ?? []).length, 3, failing.stdout);
  assert.match(failing.stderr, /1 of 4 jobs failed \(job 2\)/);
  const after = JSON.parse(
    readFileSync(join(out, 'batch.json'), 'utf8'),
  ) as BatchManifest;
  assert.deepEqual(
    after.jobs.map((job) => job.status),
    ['rendered', 'failed', 'rendered', 'rendered'],
  );
  assert.match(after.jobs[1]?.error ?? '', /is a folder/);
  const failedSheet = await sharp(join(out, 'contact-sheet.png')).metadata();
  assert.deepEqual(
    [failedSheet.width, failedSheet.height],
    [sheet.width, sheet.height],
  );
});

/** A folder with a tiny scene on a real landscape, and a batch file writer. */
async function renderFixture(prefix: string) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const out = join(root, 'out');
  const renderScene = tinyScene(join(root, 'tiny.yaml'), await tinyLandscape());
  const file = join(root, 'batch.yaml');
  const write = (entry: string[], top: string[] = []) =>
    writeFileSync(
      file,
      [
        `out: ${JSON.stringify(out)}`,
        `name: '{palette}-{format}.{ext}'`,
        ...top,
        'scenes:',
        `  - scene: ${renderScene}`,
        ...entry,
        '',
      ].join('\n'),
    );
  return { root, out, file, write };
}

/**
 * Runs the icarus command in the background; `onStderr` sees its stderr so far and
 * the process, each time more arrives.
 */
function icarusWatched(
  args: string[],
  onStderr: (stderr: string, child: ChildProcess) => void,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/icarus.js', ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
    onStderr(stderr, child);
  });
  return new Promise((done) =>
    child.on('close', (status) => done({ status, stdout, stderr })),
  );
}

test('an interrupted rerun records what it finished: no stale skip afterwards', async () => {
  const { out, file, write } = await renderFixture('icarus-batch-interrupt-');
  const withSparks = (sparks: number) =>
    write(
      ['    palettes: [ember, ice]', '    formats: [mp4]'],
      [`set: { sparks: ${sparks} }`],
    );
  withSparks(10);
  assert.deepEqual(statuses(await runBatch({ file, jobs: 1 })), [
    'rendered',
    'rendered',
  ]);

  // Changed, then Ctrl-C once the first job of the rerun is done.
  withSparks(12);
  let sent = false;
  const run = await icarusWatched(['batch', file, '--jobs', '1'], (stderr, child) => {
    if (sent || !/\(1\/2\) /.test(stderr)) return;
    sent = true;
    child.kill('SIGINT');
  });
  assert.equal(run.status, 130, `not interrupted:\n${run.stderr}`);
  const interrupted = JSON.parse(
    readFileSync(join(out, 'batch.json'), 'utf8'),
  ) as BatchManifest;

  // Changed back: the job made with sparks 12 is not the sparks 10 output.
  withSparks(10);
  const after = await runBatch({ file, jobs: 1 });
  assert.deepEqual(statuses(after), ['rendered', 'rendered']);
  // The interrupted run's record: the job it finished, and not the one it was on.
  assert.equal(interrupted.complete, false);
  assert.deepEqual(
    interrupted.jobs.map((job) => [job.index, job.status]),
    [[1, 'rendered']],
  );
  const complete = JSON.parse(
    readFileSync(join(out, 'batch.json'), 'utf8'),
  ) as BatchManifest;
  assert.equal(complete.complete, true);
  assert.equal(complete.jobs.length, 2);
});

test('a .frames job whose folder lost a frame renders again', async () => {
  const { out, file, write } = await renderFixture('icarus-batch-frames-');
  write(['    formats: [frames]']);
  const folder = join(out, 'ember-frames.frames');
  // The tiny scene: 1 s at 4 fps.
  const frames = ['000000.png', '000001.png', '000002.png', '000003.png'];
  assert.deepEqual(statuses(await runBatch({ file, jobs: 1 })), ['rendered']);
  assert.deepEqual(readdirSync(folder).sort(), frames);
  assert.deepEqual(statuses(await runBatch({ file, jobs: 1 })), ['skipped']);

  rmSync(join(folder, '000002.png'));
  assert.deepEqual(statuses(await runBatch({ file, jobs: 1 })), ['rendered']);
  assert.deepEqual(readdirSync(folder).sort(), frames);
  assert.deepEqual(statuses(await runBatch({ file, jobs: 1 })), ['skipped']);
});

test('a worker killed from outside fails its job as a death, named', async () => {
  const { out, file, write } = await renderFixture('icarus-batch-kill-');
  write(['    formats: [mp4]']);
  let killed: number | undefined;
  let polling: NodeJS.Timeout | undefined;
  const run = await icarusWatched(['batch', file, '--jobs', '1'], (stderr, child) => {
    if (polling !== undefined || !stderr.includes('rendering 1 job')) return;
    // The worker is forked as the job is handed out: kill it once it is there.
    polling = setInterval(() => {
      const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)], {
        encoding: 'utf8',
      });
      const line = ps.stdout.split('\n').find((l) => l.includes('batch-worker.js'));
      if (!line || killed !== undefined) return;
      killed = Number(line.trim().split(/\s+/)[0]);
      process.kill(killed, 'SIGKILL');
    }, 50);
  });
  clearInterval(polling);
  assert.ok(killed !== undefined, 'no worker process found');
  assert.equal(run.status, 1, run.stderr);
  assert.match(
    run.stdout,
    /FAILED: the worker rendering this job died \(signal SIGKILL\)/,
  );
  assert.ok(!(run.stdout + run.stderr).includes('Workerpool'), run.stdout);
  const manifest = JSON.parse(
    readFileSync(join(out, 'batch.json'), 'utf8'),
  ) as BatchManifest;
  assert.match(manifest.jobs[0]?.error ?? '', /died \(signal SIGKILL\)/);
});

test('--ffmpeg: checked before any worker starts, and the jobs encode with it', async () => {
  const { root, file, write } = await renderFixture('icarus-batch-ffmpeg-');
  write(['    formats: [mp4]']);
  const missing = join(root, 'no-ffmpeg');
  const bad = icarus('batch', file, '--ffmpeg', missing);
  assert.equal(bad.status, 1);
  assertMentions(bad.stderr, [`--ffmpeg: ffmpeg '${missing}' does not exist`, 'fix:']);
  assert.ok(!bad.stderr.includes('rendering'), bad.stderr);

  // A wrapper that notes each call and runs the real ffmpeg.
  const real = await resolveFfmpeg();
  const calls = join(root, 'calls.txt');
  const wrapper = join(root, 'ffmpeg-wrapper');
  writeFileSync(
    wrapper,
    `#!/bin/sh\necho "$*" >> ${JSON.stringify(calls)}\nexec ${JSON.stringify(real.path)} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  const good = icarus('batch', file, '--ffmpeg', wrapper, '--force');
  assert.equal(good.status, 0, good.stderr);
  const encodes = readFileSync(calls, 'utf8')
    .split('\n')
    .filter((line) => line.includes('ember-mp4'));
  assert.ok(encodes.length > 0, 'the job did not encode with --ffmpeg');
});
