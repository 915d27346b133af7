/**
 * The sidecar `<video>.json` of a joined video. When the parts' renders wrote
 * sidecars (the resolved scene, presets, bundle hash, versions, render time), the
 * joined one is part 0's with the whole video's output (path, frames, no range) and
 * the render times added up, so it reads like a single render's; else a small one of
 * what ffprobe saw. Either lists the parts it was joined from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { IcarusError } from '../config/errors.js';
import { isRecord } from '../scene/overrides.js';
import { sidecarPathOf, writeSidecar } from '../render/sidecar.js';
import { icarusVersion } from '../version.js';
import { type OutputFormatName } from './output-format.js';
import { framesPerSecond, type VideoProbe } from './probe-video.js';

/** The keys every joined video's sidecar has; a part's sidecar adds its own. */
export interface ConcatSidecar {
  icarusVersion: string;
  output: {
    path: string;
    format: OutputFormatName;
    codec: string;
    widthPx: number;
    heightPx: number;
    fps: number;
    frames: number;
  };
  /** The parts in order, with their frame counts. */
  parts: { path: string; frames: number }[];
  [key: string]: unknown;
}

/** Builds the joined video's sidecar from the probes and the parts' sidecars. */
export function concatSidecar(
  joined: VideoProbe,
  format: OutputFormatName,
  parts: readonly VideoProbe[],
): ConcatSidecar {
  const output = {
    path: joined.path,
    format,
    codec: joined.codec,
    widthPx: joined.widthPx,
    heightPx: joined.heightPx,
    fps: framesPerSecond(joined.frameRate),
    frames: joined.frames,
  };
  const own = {
    icarusVersion,
    output,
    parts: parts.map((part) => ({ path: part.path, frames: part.frames })),
  };
  const sidecars = partSidecars(parts);
  const [first] = sidecars;
  if (!isRecord(first) || !sidecars.every(isRecord)) return own;

  // The whole video has no range; the other keys of a part's output still hold.
  const firstOutput = isRecord(first.output) ? { ...first.output } : {};
  delete firstOutput.range;
  const seconds = sidecars.map((s) => s.renderSeconds);
  const scene = isRecord(first.scene)
    ? { scene: { ...first.scene, output: withPath(first.scene.output, joined.path) } }
    : {};
  return {
    ...first,
    ...own,
    output: { ...firstOutput, ...output },
    ...scene,
    ...(seconds.every((s) => typeof s === 'number')
      ? { renderSeconds: Math.round(seconds.reduce((a, b) => a + b, 0) * 1000) / 1000 }
      : {}),
  };
}

/** Writes `sidecar` beside its video, atomically; returns the path. */
export function writeConcatSidecar(sidecar: ConcatSidecar): string {
  return writeSidecar(sidecarPathOf(sidecar.output.path), sidecar);
}

function withPath(output: unknown, path: string): unknown {
  return isRecord(output) ? { ...output, path } : output;
}

/**
 * Refuses parts whose sidecars name different bundles (`bundle.manifestSha256`):
 * they would join two landscapes into one video. Parts without sidecars pass.
 */
export function checkOneBundle(parts: readonly VideoProbe[]): void {
  const sidecars = partSidecars(parts);
  const hashes = sidecars.map((s) =>
    isRecord(s) && isRecord(s.bundle) ? s.bundle.manifestSha256 : undefined,
  );
  const first = hashes.findIndex((h) => typeof h === 'string');
  if (first < 0) return;
  const other = hashes.findIndex((h) => typeof h === 'string' && h !== hashes[first]);
  if (other < 0) return;
  throw new IcarusError(
    `${parts[other]?.path} was rendered from another landscape than ` +
      `${parts[first]?.path} (bundle manifest sha256 ${String(hashes[other]).slice(0, 12)} ` +
      `against ${String(hashes[first]).slice(0, 12)}, by their sidecars)`,
    'render every part from the same landscape bundle',
  );
}

/**
 * Refuses parts whose sidecars hold different resolved scenes: one part with
 * `--palette aurora` among ember ones would join silently otherwise. The paths are
 * left out: output.path and output.poster name each part's own files, and the scene
 * file, the paths as written and the landscape's path may differ between the
 * machines of a farm (checkOneBundle compares the landscapes themselves). The error
 * names the part and the first key that differs. Parts without sidecars pass.
 */
export function checkOneScene(parts: readonly VideoProbe[]): void {
  const scenes = partSidecars(parts).map((s) =>
    isRecord(s) && isRecord(s.scene) ? withoutPaths(s.scene) : undefined,
  );
  const first = scenes.findIndex((scene) => scene !== undefined);
  if (first < 0) return;
  for (const [index, scene] of scenes.entries()) {
    if (scene === undefined || index === first) continue;
    const key = firstDifference(scenes[first], scene, '');
    if (key === undefined) continue;
    throw new IcarusError(
      `${parts[index]?.path} was rendered with another scene than ` +
        `${parts[first]?.path}, by their sidecars: key '${key.path}' is ` +
        `${key.value} in it and ${key.firstValue} in the first`,
      'render every part with the same scene and flags (--palette, --camera, --set, ' +
        '--quality)',
    );
  }
}

/**
 * Refuses named parts whose sidecars' ranges do not follow on: each must start where
 * the one before ended (no gap, no overlap, in order), and a whole video (a sidecar
 * without a range) does not join parts. Parts without sidecars pass.
 */
export function checkRangesFollowOn(parts: readonly VideoProbe[]): void {
  const ranges = partSidecars(parts).map(rangeOf);
  const whole = ranges.findIndex((r) => r === 'whole');
  const part = ranges.findIndex((r) => typeof r === 'object');
  if (whole >= 0 && part >= 0) {
    throw new IcarusError(
      `${parts[whole]?.path} is a whole video (its sidecar has no frame range) and ` +
        `${parts[part]?.path} a part of one; a whole video does not join parts`,
      'join only the parts of one split render (render --frames or --shard)',
    );
  }
  for (let i = 1; i < ranges.length; i++) {
    const before = ranges[i - 1];
    const range = ranges[i];
    if (typeof before !== 'object' || typeof range !== 'object') continue;
    if (range.start === before.end) continue;
    const problem =
      range.start < before.start
        ? 'comes before it in the video: give the parts in order'
        : range.start < before.end
          ? `overlaps it by ${before.end - range.start} frames`
          : `leaves a gap of ${range.start - before.end} frames`;
    throw new IcarusError(
      `${parts[i]?.path} (frames ${range.start}:${range.end}) does not follow ` +
        `${parts[i - 1]?.path} (frames ${before.start}:${before.end}): it ${problem}`,
      'name the parts in the order of their frames, each starting where the one ' +
        'before ends (render the missing frames with --frames A:B)',
    );
  }
}

type RangeOfSidecar = { start: number; end: number } | 'whole' | undefined;

function rangeOf(sidecar: unknown): RangeOfSidecar {
  if (!isRecord(sidecar) || !isRecord(sidecar.output)) return undefined;
  const range = sidecar.output.range;
  if (range === undefined) return 'whole';
  if (!isRecord(range)) return undefined;
  const { start, end } = range;
  return typeof start === 'number' && typeof end === 'number'
    ? { start, end }
    : undefined;
}

function withoutPaths(scene: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...scene };
  delete rest.file;
  delete rest.written;
  delete rest.landscape;
  if (!isRecord(rest.output)) return rest;
  const output = { ...rest.output };
  delete output.path;
  delete output.poster;
  return { ...rest, output };
}

/**
 * The first dotted key where `a` (the first part's) and `b` differ, and their values
 * (shortened), a record's `preset` before its other keys.
 */
function firstDifference(
  a: unknown,
  b: unknown,
  path: string,
): { path: string; value: string; firstValue: string } | undefined {
  if (isRecord(a) && isRecord(b)) {
    // A preset's name first: it says more than the first of its colours.
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(
      (x, y) => Number(y === 'preset') - Number(x === 'preset'),
    );
    for (const key of keys) {
      const found = firstDifference(a[key], b[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
    return undefined;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  const shown = (value: unknown): string => {
    if (value === undefined) return 'missing';
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  return { path, value: shown(b), firstValue: shown(a) };
}

function partSidecars(parts: readonly VideoProbe[]): unknown[] {
  return parts.map((part) => readSidecarIfAny(sidecarPathOf(part.path)));
}

/** A part's sidecar as JSON, or undefined when it is missing or unreadable. */
function readSidecarIfAny(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    // A part's sidecar that does not parse is left out rather than failing the join.
    return undefined;
  }
}
