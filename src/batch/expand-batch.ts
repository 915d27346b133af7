/**
 * Reads a batch file and expands it into render jobs, checking everything a render
 * would refuse (scene keys, presets, overrides, sizes, names) before anything renders.
 */
import { existsSync, statSync } from 'node:fs';
import {
  basename,
  dirname,
  extname,
  isAbsolute,
  join,
  relative,
  resolve,
} from 'node:path';
import { IcarusError } from '../config/errors.js';
import { readYaml } from '../config/yaml-file.js';
import { logger } from '../log/logger.js';
import { fullFrameCount } from '../render/frame-times.js';
import { checkLandscapePath } from '../render/prepare-render.js';
import { loadScene, type Scene, type SceneOptions } from '../scene/load-scene.js';
import { type PresetKind } from '../scene/presets.js';
import {
  findFormatOfPath,
  outputFormat,
  type OutputFormatName,
} from '../video/output-format.js';
import { type BatchJob, sizeOf } from './batch-job.js';
import { type BatchOverride, batchOverrides, checkPreset } from './batch-overrides.js';
import { type BatchEntry } from './batch-schema.js';
import { checkNoCollisions } from './check-collisions.js';
import { checkTemplate, expandTemplate } from './output-name.js';
import { validateBatch } from './validate-batch.js';

const log = logger('batch');

/** The batch's files beside the outputs. */
export const manifestName = 'batch.json';
export const contactSheetName = 'contact-sheet.png';

export interface BatchPlan {
  /** The batch file as given. */
  file: string;
  /** The output folder, absolute. */
  outDir: string;
  template: string;
  jobs: BatchJob[];
}

/** A job before it has a name: everything but the paths and the index. */
type UnnamedJob = Omit<BatchJob, 'index' | 'output' | 'poster'>;

/**
 * Expands `file`; `outDir` overrides its `out`. Relative paths (scenes, `out`)
 * resolve against the current folder, as scene paths do.
 */
export function expandBatch(file: string, outDir?: string): BatchPlan {
  const settings = validateBatch(readYaml(file), file);
  checkTemplate(settings.name, `${file}: key 'name'`);
  const folder = resolve(
    outDir ?? settings.out ?? join('renders', 'batch', basename(file, extname(file))),
  );
  checkOutFolder(
    folder,
    outDir !== undefined
      ? `--out '${outDir}'`
      : settings.out !== undefined
        ? `${file}: key 'out': '${settings.out}'`
        : `the output folder ${shownPath(folder)}`,
    outDir !== undefined ? '--out' : 'out',
  );
  const common = batchOverrides(settings.set, file, 'set');
  const unnamed = settings.scenes.flatMap((entry, i) =>
    expandEntry(
      entry,
      [...common, ...batchOverrides(entry.set, file, `scenes[${i}].set`)],
      (key) => `${file}: key 'scenes[${i}]${key}'`,
    ),
  );
  const digits = String(unnamed.length).length;
  const jobs = unnamed.map((job, i) =>
    nameJob(job, i + 1, digits, settings.name, folder, file),
  );
  checkNoCollisions(jobs, {
    where: `${file}: key 'name'`,
    template: settings.name,
    reserved: [join(folder, manifestName), join(folder, contactSheetName)],
  });
  return { file, outDir: folder, template: settings.name, jobs };
}

/** `at(key)` names the file and the key path under the entry, for messages. */
type KeyAt = (key: string) => string;

/**
 * The jobs of one entry; `overrides` are the batch's own `set`, then the entry's,
 * each checked already.
 */
function expandEntry(
  entry: BatchEntry,
  overrides: BatchOverride[],
  at: KeyAt,
): UnnamedJob[] {
  const set = overrides.map((override) => override.text);
  const sceneOf = (options: SceneOptions): Scene =>
    withEntry(() => loadScene(entry.scene, options), entry.scene, at(''), overrides);
  const base = sceneOf({ set, quality: entry.quality });
  // Before any training: a missing landscape named by its scene, not its absolute path.
  withEntry(() => checkLandscapePath(base), entry.scene, at(''), overrides);
  const palettes = entry.palettes ?? [base.palette.preset];
  const cameras = entry.cameras ?? [base.camera.preset];
  checkPresets('palette', palettes, (i) => at(`.palettes[${i}]`));
  checkPresets('camera', cameras, (i) => at(`.cameras[${i}]`));
  const formats = entry.formats ?? [findFormatOfPath(base.output.path)?.name ?? 'mp4'];
  const sizes = entry.sizes?.map((text) => text.split('x').map(Number)) ?? [[]];
  warnIfNoEffect(entry, formats, at('.time'));

  const jobs: UnnamedJob[] = [];
  for (const palette of palettes) {
    for (const camera of cameras) {
      for (const format of formats) {
        for (const [width, height] of sizes) {
          const sized =
            width === undefined
              ? []
              : [`output.width=${width}`, `output.height=${height}`];
          const options: SceneOptions = {
            palette,
            camera,
            set: [...set, ...sized],
            ...(entry.quality !== undefined ? { quality: entry.quality } : {}),
          };
          const scene = sceneOf(options);
          jobs.push(jobOf(entry, scene, options, format, at('.time')));
        }
      }
    }
  }
  return jobs;
}

function jobOf(
  entry: BatchEntry,
  scene: Scene,
  options: SceneOptions,
  formatName: OutputFormatName,
  timeWhere: string,
): UnnamedJob {
  const format = outputFormat(formatName);
  const { output } = scene;
  const still = format.kind === 'still';
  if (still && entry.time !== undefined && entry.time > output.durationSeconds) {
    throw new IcarusError(
      `${timeWhere}: ${entry.time} s is after the end of the video ` +
        `(output.durationSeconds ${output.durationSeconds} s in ${entry.scene})`,
      `give a time from 0 to ${output.durationSeconds}`,
    );
  }
  const frames = still ? 1 : fullFrameCount(output.durationSeconds, output.fps);
  return {
    scenePath: entry.scene,
    sceneName: basename(entry.scene, extname(entry.scene)),
    palette: scene.palette.preset,
    camera: scene.camera.preset,
    format: format.name,
    kind: format.kind,
    quality: scene.quality,
    widthPx: output.width,
    heightPx: output.height,
    options,
    timeSeconds: still ? entry.time : undefined,
    landscape: scene.landscape,
    sceneJson: sceneJson(scene),
    frames,
    // A video draws its poster too.
    costPx:
      (still ? 1 : frames + 1) * output.width * output.height * output.supersample ** 2,
  };
}

function nameJob(
  job: UnnamedJob,
  index: number,
  digits: number,
  template: string,
  folder: string,
  file: string,
): BatchJob {
  const format = outputFormat(job.format);
  const name = expandTemplate(template, {
    scene: job.sceneName,
    palette: job.palette,
    camera: job.camera,
    format: format.name,
    ext: format.extension.slice(1),
    size: sizeOf(job),
    width: String(job.widthPx),
    height: String(job.heightPx),
    quality: job.quality,
    index: String(index).padStart(digits, '0'),
  });
  const named = findFormatOfPath(name);
  if (named?.name !== format.name) {
    throw new IcarusError(
      `${file}: key 'name': '${template}' names job ${index} (${format.name}) ` +
        `'${name}', which does not end in ${format.extension}`,
      "end the template with .{ext}, such as '{scene}-{palette}-{camera}-{format}.{ext}'",
    );
  }
  const output = join(folder, name);
  const poster =
    format.kind === 'still'
      ? output
      : join(dirname(output), `${basename(output, extname(output))}.png`);
  return { ...job, index, output, poster };
}

/**
 * Runs `fn`; an IcarusError it throws is prefixed with the batch entry, and the
 * `--set` it names is named as the batch file's `set` that gave it.
 */
function withEntry<T>(
  fn: () => T,
  scenePath: string,
  where: string,
  overrides: readonly BatchOverride[] = [],
): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof IcarusError)) throw error;
    let message = error.message;
    for (const { text, where: setWhere } of overrides) {
      message = message.split(`--set '${text}'`).join(`${setWhere} (${text})`);
    }
    throw new IcarusError(`${where} (scene ${scenePath}): ${message}`);
  }
}

/**
 * Refuses an output folder that is a file, or inside one, before any worker starts
 * (each job would fail on it); `where` names the flag or key and its value.
 */
function checkOutFolder(folder: string, where: string, key: string): void {
  let path = folder;
  while (!existsSync(path)) {
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
  if (statSync(path).isDirectory()) return;
  throw new IcarusError(
    (path === folder
      ? `${where} is a file`
      : `${where} is inside ${shownPath(path)}, which is a file`) +
      '; the outputs go into a folder',
    `name a folder for ${key === '--out' ? '--out' : `key '${key}'`} (made when missing), ` +
      'such as renders/my-batch',
  );
}

/** The resolved scene without the paths (where it is written is not what it draws). */
function sceneJson(scene: Scene): string {
  const { output, ...rest } = scene;
  const { path: _path, poster: _poster, ...drawn } = output;
  const { file: _file, written: _written, landscape: _landscape, ...settings } = rest;
  return JSON.stringify({ ...settings, output: drawn });
}

function checkPresets(
  kind: PresetKind,
  names: string[],
  at: (index: number) => string,
): void {
  for (const [i, name] of names.entries()) checkPreset(kind, name, at(i));
}

/** A `time` with no still format to take it does nothing: say so. */
function warnIfNoEffect(
  entry: BatchEntry,
  formats: OutputFormatName[],
  where: string,
): void {
  if (entry.time === undefined) return;
  if (formats.some((name) => outputFormat(name).kind === 'still')) return;
  log.warn(
    `${where}: ${entry.time} has no effect: the entry has no still format ` +
      `(formats: ${formats.join(', ')})`,
  );
}

/** A path as messages and tables show it: relative inside the current folder. */
export function shownPath(path: string): string {
  const inside = relative(process.cwd(), path);
  if (inside === '') return '.';
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}
