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

/** Throws naming both jobs and a placeholder that separates them. */
export function checkNoCollisions(jobs: BatchJob[], context: CollisionContext): void {
  const claimed = new Map<string, { job?: BatchJob; what: string }>();
  for (const path of context.reserved) {
    claimed.set(path.toLowerCase(), { what: 'the batch' });
  }
  for (const job of jobs) {
    const paths = job.poster === job.output ? [job.output] : [job.output, job.poster];
    for (const [i, path] of paths.entries()) {
      const what = i === 0 ? 'output' : 'poster';
      const before = claimed.get(path.toLowerCase());
      if (before) throw collision(job, what, path, before, context);
      claimed.set(path.toLowerCase(), { job, what });
    }
  }
}

function collision(
  job: BatchJob,
  what: string,
  path: string,
  before: { job?: BatchJob; what: string },
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
  return new IcarusError(
    `${where}: jobs ${first.index} (${describeJob(first)}) and ${job.index} ` +
      `(${describeJob(job)}) would both write ${path} (` +
      (before.what === what
        ? `the ${what} of each)`
        : `the ${before.what} of one, the ${what} of the other)`),
    `add {${placeholder}} to the name template, such as '${withPlaceholder(template, placeholder)}'` +
      (apart ? '' : ' (the two jobs are the same: a preset or size listed twice?)'),
  );
}

/** The template with `-{placeholder}` before its extension. */
function withPlaceholder(template: string, placeholder: Placeholder): string {
  const dot = template.lastIndexOf('.');
  const at = dot > 0 ? dot : template.length;
  return `${template.slice(0, at)}-{${placeholder}}${template.slice(at)}`;
}
