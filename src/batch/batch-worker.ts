/**
 * A batch worker process (workerpool, `workerType: 'process'`: headless-gl cannot
 * load in worker threads, "Module did not self-register"). It makes one GL context
 * on its first job, lends it to every job it runs and destroys it when the pool
 * ends it.
 */
import workerpool from 'workerpool';
import { createGlSurface, type GlSurface } from '../gl/headless-context.js';
import { logger } from '../log/logger.js';
import { plural } from './plural.js';
import { type JobReply, type JobRequest, renderJob } from './render-job.js';

const log = logger('batch');

let surface: Promise<GlSurface> | undefined;
let jobs = 0;

function lentSurface(): Promise<GlSurface> {
  surface ??= createGlSurface().then((made) => {
    log.debug(`worker ${process.pid}: GL context made`);
    return made;
  });
  return surface;
}

async function render(request: JobRequest): Promise<JobReply> {
  jobs += 1;
  return renderJob(request, lentSurface);
}

workerpool.worker(
  { render },
  {
    onTerminate: async () => {
      // A context that never came up has nothing to destroy.
      const made = await surface?.catch(() => undefined);
      made?.destroy();
      if (made)
        log.debug(
          `worker ${process.pid}: GL context destroyed after ${plural(jobs, 'job')}`,
        );
    },
  },
);
