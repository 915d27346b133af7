/**
 * A batch worker process (workerpool, `workerType: 'process'`: headless-gl cannot
 * load in worker threads, "Module did not self-register"). It makes one GL context
 * on its first job, lends it to every job it runs and destroys it when the pool
 * ends it.
 */
import workerpool from 'workerpool';
import { createGlSurface, type GlSurface } from '../gl/headless-context.js';
import { type JobReply, type JobRequest, renderJob } from './render-job.js';

let surface: Promise<GlSurface> | undefined;

async function render(request: JobRequest): Promise<JobReply> {
  return renderJob(request, () => (surface ??= createGlSurface()));
}

workerpool.worker(
  { render },
  {
    onTerminate: async () => {
      // A context that never came up has nothing to destroy.
      const made = await surface?.catch(() => undefined);
      made?.destroy();
    },
  },
);
