/**
 * The formats Icarus writes, chosen by the output path's extension: videos (MP4
 * H.264, WebM VP9, GIF, ProRes 4444 MOV), a PNG sequence (a folder ending in
 * `.frames` holding one PNG per frame of the full video, numbered from 000000) and
 * stills (PNG, JPEG, WebP). The one place that maps a path to a format.
 */
import { extname } from 'node:path';
import { IcarusError } from '../config/errors.js';

export const outputFormatNames = [
  'mp4',
  'webm',
  'gif',
  'mov',
  'frames',
  'png',
  'jpeg',
  'webp',
] as const;

export type OutputFormatName = (typeof outputFormatNames)[number];

export interface OutputFormat {
  name: OutputFormatName;
  /** The extension a path of this format ends in (lower case, with the dot). */
  extension: string;
  /** Other extensions accepted for it (`.jpg` for JPEG). */
  aliases: readonly string[];
  kind: 'video' | 'sequence' | 'still';
  /** Keeps a transparent background (`output.transparent`). */
  alpha: boolean;
  /** Parts of a split render can be joined by stream copy (`icarus concat`). */
  joinable: boolean;
  description: string;
}

export const outputFormats: readonly OutputFormat[] = [
  {
    name: 'mp4',
    extension: '.mp4',
    aliases: [],
    kind: 'video',
    alpha: false,
    joinable: true,
    description:
      'H.264 (libx264) in yuv420p, BT.709; output.crf and output.encoderPreset',
  },
  {
    name: 'webm',
    extension: '.webm',
    aliases: [],
    kind: 'video',
    alpha: true,
    joinable: true,
    description:
      'VP9 (libvpx-vp9) at constant quality output.vp9Crf; alpha when output.transparent',
  },
  {
    name: 'gif',
    extension: '.gif',
    aliases: [],
    kind: 'video',
    alpha: false,
    joinable: false,
    description:
      'animated GIF with a palette generated from the frames; output.gifWidth and output.gifFps',
  },
  {
    name: 'mov',
    extension: '.mov',
    aliases: [],
    kind: 'video',
    alpha: true,
    joinable: true,
    description: 'ProRes 4444 in QuickTime; real alpha when output.transparent',
  },
  {
    name: 'frames',
    extension: '.frames',
    aliases: [],
    kind: 'sequence',
    alpha: true,
    joinable: true,
    description: 'a folder of PNGs, one per frame of the full video (000000.png, ...)',
  },
  {
    name: 'png',
    extension: '.png',
    aliases: [],
    kind: 'still',
    alpha: true,
    joinable: false,
    description: 'a still PNG; alpha when output.transparent',
  },
  {
    name: 'jpeg',
    extension: '.jpg',
    aliases: ['.jpeg'],
    kind: 'still',
    alpha: false,
    joinable: false,
    description: 'a still JPEG (output.jpegQuality), always opaque',
  },
  {
    name: 'webp',
    extension: '.webp',
    aliases: [],
    kind: 'still',
    alpha: true,
    joinable: false,
    description: 'a still WebP (output.webpQuality); alpha when output.transparent',
  },
];

/** The format named `name` (one of outputFormatNames). */
export function outputFormat(name: OutputFormatName): OutputFormat {
  const format = outputFormats.find((f) => f.name === name);
  if (!format) throw new Error(`no output format '${name}'`);
  return format;
}

const kindNames: Record<OutputFormat['kind'], string> = {
  video: 'a video',
  sequence: 'a PNG sequence folder',
  still: 'a still',
};

/** The extensions (aliases too) of the formats of `kinds`, in registry order. */
export function extensionsOf(kinds: readonly OutputFormat['kind'][]): string[] {
  return outputFormats
    .filter((f) => kinds.includes(f.kind))
    .flatMap((f) => [f.extension, ...f.aliases]);
}

/** The format of `path` by its extension, or undefined when none matches. */
export function findFormatOfPath(path: string): OutputFormat | undefined {
  const extension = extname(path.replace(/[/\\]+$/, '')).toLowerCase();
  return outputFormats.find(
    (f) => f.extension === extension || f.aliases.includes(extension),
  );
}

/**
 * The format of `path`, which must be one of `kinds`; `where` names the file and key
 * or the flag for the error.
 */
export function formatOfPath(
  path: string,
  where: string,
  kinds: readonly OutputFormat['kind'][] = ['video', 'sequence', 'still'],
): OutputFormat {
  const format = findFormatOfPath(path);
  if (format && kinds.includes(format.kind)) return format;
  const allowed = outputFormats.filter((f) => kinds.includes(f.kind));
  const extension = extname(path.replace(/[/\\]+$/, '')) || 'no extension';
  throw new IcarusError(
    `${where}: '${path}' has ${extension}` +
      (format ? ` (${kindNames[format.kind]}, which this does not take)` : '') +
      `; expected one of ${allowed.map((f) => f.extension).join(', ')}`,
    `name the output with one of those extensions, such as renders/icarus${allowed[0]?.extension ?? ''}`,
  );
}
