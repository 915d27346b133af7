/**
 * The pool of landscape worker threads (piscina), one TensorFlow.js backend each, so
 * both cores work: the two endpoints train side by side and grid rows spread out.
 * The pool is destroyed when its run ends or is interrupted.
 */
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { IcarusError } from '../config/errors.js';
import { onCleanup } from '../util/cleanup.js';
import {
  type CurveTask,
  type CurveTaskResult,
  type EndpointResult,
  type EndpointTask,
  type EpochMessage,
  type PointsResult,
  type PointsTask,
} from './tasks.js';

type Without<T> = Omit<T, 'kind' | 'port'>;

export class LandscapePool {
  private readonly piscina: Piscina;
  private readonly forget: () => void;

  constructor(threads: number) {
    this.piscina = new Piscina({
      filename: new URL('./landscape-worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // Threads keep their data and cached products between tasks.
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    this.forget = onCleanup(() => this.piscina.destroy());
  }

  endpoint(
    task: Without<EndpointTask>,
    onEpoch: (m: EpochMessage) => void,
  ): Promise<EndpointResult> {
    return this.withPort({ ...task, kind: 'endpoint' }, onEpoch);
  }

  curve(
    task: Without<CurveTask>,
    onEpoch: (m: EpochMessage) => void,
  ): Promise<CurveTaskResult> {
    return this.withPort({ ...task, kind: 'curve' }, onEpoch);
  }

  points(task: Without<PointsTask>): Promise<PointsResult> {
    return this.piscina
      .run({ ...task, kind: 'points' })
      .catch(asUserError) as Promise<PointsResult>;
  }

  async destroy(): Promise<void> {
    this.forget();
    await this.piscina.destroy();
  }

  private async withPort<T>(
    task: EndpointTask | CurveTask,
    onEpoch: (m: EpochMessage) => void,
  ): Promise<T> {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', onEpoch);
    try {
      const run = this.piscina.run({ ...task, port: port2 }, { transferList: [port2] });
      return (await run.catch(asUserError)) as T;
    } finally {
      port1.close();
    }
  }
}

/**
 * An error crosses the thread boundary as a plain Error; one that was an IcarusError
 * in the worker (its stack says so) becomes one again, so it prints without a stack.
 */
function asUserError(error: unknown): never {
  if (error instanceof Error && error.stack?.startsWith('IcarusError')) {
    throw new IcarusError(error.message);
  }
  throw error;
}
