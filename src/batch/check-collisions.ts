/**
 * Two jobs never write one path: every output and poster of a batch is claimed once,
 * compared without case (macOS and Windows file systems ignore it).
 */
import { IcarusError } from '../config/errors.js';
import { type BatchJob, describeJob, sizeOf } from './batch-job.js';
import { type Placeholder, templatePlaceholders } from './output-name.js';

export interface CollisionContext {
  /** The file and key of the template, for the message. */
  where: string;
  template: string;
  /** Paths the batch itself writes (its manifest and contact sheet). */
  reserved: string[];
}

/** What tells two jobs apart, in the order a fix would add it to the template. */
const separators: { placeholder: Placeholder; of: (job: BatchJob) => string }[] = [
  { placeholder: 'scene', of: (job) => job.scenePath },
  { placeholder: 'palette', of: (job) => job.palette },
  { placeholder: 'camera', of: (job) => job.camera },
  { placeholder: 'format', of: (job) => job.format },
  { placeholder: 'size', of: (job) => sizeOf(job) },
  { placeholder: 'quality', of: (job) => job.quality },
];

/** Who claimed a path first, and the path as they wrote it. */
interface Claim {
  job?: BatchJob;
  what: string;
  path: string;
}

/** Throws naming both jobs and a placeholder that separates them. */
export function checkNoCollisions(jobs: BatchJob[], context: CollisionContext): void {
  const claimed = new Map<string, Claim>();
  for (const path of context.reserved) {
    claimed.set(path.toLowerCase(), { what: 'the batch', path });
  }
  for (const job of jobs) {
    const paths = job.poster === job.output ? [job.output] : [job.output, job.poster];
    for (const [i, path] of paths.entries()) {
      const what = i === 0 ? 'output' : 'poster';
      const before = claimed.get(path.toLowerCase());
      if (before) throw collision(job, what, path, before, context);
      claimed.set(path.toLowerCase(), { job, what, path });
    }
  }
}

function collision(
  job: BatchJob,
  what: string,
  path: string,
  before: Claim,
  context: CollisionContext,
): IcarusError {
  const { where, template } = context;
  const first = before.job;
  if (!first) {
    return new IcarusError(
      `${where}: '${template}' names job ${job.index} (${describeJob(job)}) ` +
        `${path}, which the batch writes itself`,
      'change the template so no job is named batch.json or contact-sheet.png',
    );
  }
  const used = templatePlaceholders(template);
  const apart = separators.find(
    (s) => !used.includes(s.placeholder) && s.of(first) !== s.of(job),
  );
  const placeholder = apart?.placeholder ?? 'index';
  const caseOnly = before.path !== path;
  return new IcarusError(
    `${where}: jobs ${first.index} (${describeJob(first)}) and ${job.index} ` +
      `(${describeJob(job)}) would both write ${path} (` +
      (before.what === what
        ? `the ${what} of each`
        : `the ${before.what} of one, the ${what} of the other`) +
      (caseOnly
        ? `; ${before.path} differs only in letter case, which macOS and Windows ignore)`
        : ')'),
    `add {${placeholder}} to the name template, such as '${withPlaceholder(template, placeholder)}'` +
      (apart ? '' : unseparated(first, job)),
  );
}

/** Why no placeholder but {index} separates two jobs: they are the same, or not. */
function unseparated(a: BatchJob, b: BatchJob): string {
  if (sameJob(a, b))
    return ' (the two jobs are the same: a preset or size listed twice?)';
  if (a.sceneName !== b.sceneName) {
    const how =
      a.sceneName.toLowerCase() === b.sceneName.toLowerCase()
        ? 'in more than letter case'
        : "in their letters and digits (the other characters become '-')";
    return `, or give the scene files ${a.scenePath} and ${b.scenePath} names that differ ${how}`;
  }
  if (a.scenePath !== b.scenePath) {
    return ` (the scene files ${a.scenePath} and ${b.scenePath} differ only in their folders, which {scene} leaves out)`;
  }
  return ' (the jobs differ only in their set or time, which no placeholder names)';
}

/** Two jobs that would render the same output from the same inputs. */
function sameJob(a: BatchJob, b: BatchJob): boolean {
  return (
    a.scenePath === b.scenePath &&
    a.format === b.format &&
    a.timeSeconds === b.timeSeconds &&
    a.sceneJson === b.sceneJson
  );
}

/** The template with `-{placeholder}` before its extension. */
function withPlaceholder(template: string, placeholder: Placeholder): string {
  const dot = template.lastIndexOf('.');
  const at = dot > 0 ? dot : template.length;
  return `${template.slice(0, at)}-{${placeholder}}${template.slice(at)}`;
}
