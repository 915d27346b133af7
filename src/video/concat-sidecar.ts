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
import { writeFileAtomic } from '../util/atomic.js';
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

/** The sidecar path of an output: `renders/icarus.mp4` -> `renders/icarus.mp4.json`. */
export function sidecarPathOf(outputPath: string): string {
  return `${outputPath}.json`;
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
  const path = sidecarPathOf(sidecar.output.path);
  writeFileAtomic(path, `${JSON.stringify(sidecar, null, 2)}\n`);
  return path;
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

function partSidecars(parts: readonly VideoProbe[]): unknown[] {
  return parts.map((part) => readSidecar(sidecarPathOf(part.path)));
}

function readSidecar(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    // A part's sidecar that does not parse is left out rather than failing the join.
    return undefined;
  }
}
