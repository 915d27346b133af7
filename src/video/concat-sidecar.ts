/**
 * The sidecar `<video>.json` of a joined video: what it holds (format, codec, size,
 * rate, frames) and the parts it was joined from, each with its frame count and the
 * sidecar its render wrote (the resolved scene, versions, ...), when there is one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.js';
import { icarusVersion } from '../version.js';
import { type OutputFormatName } from './output-format.js';
import { type VideoProbe } from './probe-video.js';

export interface ConcatSidecar {
  icarus: string;
  output: {
    path: string;
    format: OutputFormatName;
    codec: string;
    widthPx: number;
    heightPx: number;
    frameRate: string;
    frames: number;
  };
  joinedFrom: { path: string; frames: number; sidecar?: unknown }[];
}

/** The sidecar path of an output: `renders/icarus.mp4` -> `renders/icarus.mp4.json`. */
export function sidecarPathOf(outputPath: string): string {
  return `${outputPath}.json`;
}

/** Builds the joined video's sidecar, reading each part's sidecar when present. */
export function concatSidecar(
  joined: VideoProbe,
  format: OutputFormatName,
  parts: readonly VideoProbe[],
): ConcatSidecar {
  return {
    icarus: icarusVersion,
    output: {
      path: joined.path,
      format,
      codec: joined.codec,
      widthPx: joined.widthPx,
      heightPx: joined.heightPx,
      frameRate: joined.frameRate,
      frames: joined.frames,
    },
    joinedFrom: parts.map((part) => {
      const sidecar = readSidecar(sidecarPathOf(part.path));
      return {
        path: part.path,
        frames: part.frames,
        ...(sidecar !== undefined ? { sidecar } : {}),
      };
    }),
  };
}

/** Writes `sidecar` beside its video, atomically; returns the path. */
export function writeConcatSidecar(sidecar: ConcatSidecar): string {
  const path = sidecarPathOf(sidecar.output.path);
  writeFileAtomic(path, `${JSON.stringify(sidecar, null, 2)}\n`);
  return path;
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
