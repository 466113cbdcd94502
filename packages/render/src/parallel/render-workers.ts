import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { InputFiles } from '@fleetform/values';
import type { ReusableApp } from '../app-record.js';
import { renderFleet, type PreparedRender } from '../render-fleet.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

/**
 * Apps are independent until the cluster-level files, so their building and laying out (most of a
 * full render) can be shared among threads, one per core: worker threads build their share while
 * the main thread builds its own; the main thread then takes the workers' apps as built
 * (RenderOptions.reuse) and makes the cluster-level files. A worker costs its start-up and a load of
 * the inputs, so workers are used only for enough apps.
 */
export const MIN_APPS_PER_WORKER = 20;

/** Below this many cores workers are not used unless asked for: on 2 cores the benchmark found them slower (README, "Worker threads"). */
export const MIN_CORES_FOR_WORKERS = 4;

/**
 * How many worker threads to use for `apps` apps, besides the main thread, which builds a share too:
 * FLEETFORM_WORKERS if set (0: none), else one per further core, given enough cores and apps.
 */
export function renderWorkerCount(apps: number, env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const forced = env.FLEETFORM_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), Math.max(apps - 1, 0));
  if (cores < MIN_CORES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(cores - 1, 3, Math.floor(apps / MIN_APPS_PER_WORKER) - 1));
}

/**
 * Builds and lays out only the named apps, as a worker does, for the caller to pass on as built
 * (RenderOptions.reuse); undefined if that found any problem (a full render then reports it).
 */
export function buildShare(files: InputFiles, names: readonly string[], prepared: PreparedRender): Map<string, ReusableApp> | undefined {
  const { records, layout } = renderFleet(files, { only: new Set(names), prepared });
  if (!records || !layout) return undefined;
  return new Map(
    names.map((name) => {
      const record = records.get(name)!;
      return [name, { record, builtNow: true, files: new Map(record.files.map(([path]) => [path, layout.generated.get(path)!])) }];
    }),
  );
}

/** The apps the workers build: all but every (workers + 1)th, which the main thread builds meanwhile. */
export function workersShare(names: readonly string[], workers: number): string[] {
  return names.filter((_, i) => i % (workers + 1) !== workers);
}

/** Render workers started with the inputs, waiting for their share of the apps. */
export class RenderWorkers {
  private readonly workers: Worker[];

  /** Workers, or undefined where none can start (then the caller renders alone). */
  static start(files: InputFiles, count: number): RenderWorkers | undefined {
    try {
      return new RenderWorkers(files, count);
    } catch {
      return undefined;
    }
  }

  private constructor(files: InputFiles, count: number) {
    const entry = import.meta.url.endsWith('.ts') ? fromSources() : new URL('./render-worker.js', import.meta.url);
    this.workers = Array.from({ length: count }, () => new Worker(entry, { workerData: { files: [...files] } }));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Builds the apps across the workers; undefined if any worker failed (the caller then builds them itself). Call it before building the main thread's own share, so both run at once. */
  async build(names: readonly string[]): Promise<Map<string, ReusableApp> | undefined> {
    const shares = this.workers.map((_, i) => names.filter((_, j) => j % this.workers.length === i));
    try {
      const replies = await Promise.all(this.workers.map((worker, i) => ask(worker, { names: shares[i]! })));
      if (replies.some((r) => !r.ok)) return undefined;
      const built = new Map<string, ReusableApp>();
      for (const reply of replies) {
        if (!reply.ok) continue;
        for (const { record, files } of reply.apps) {
          built.set(record.app.name, { record, builtNow: true, files: new Map(files.map(([path, key, text]) => [path, { key, text: () => text }])) });
        }
      }
      return built;
    } catch {
      return undefined;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Run from the TypeScript sources (tests, tsx), the worker is the .ts file, and it needs tsx's loader
 * registered in its own thread first: a worker does not inherit the loader hooks of `--import tsx`.
 */
function fromSources(): URL {
  const code = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(new URL('./render-worker.ts', import.meta.url).href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function ask(worker: Worker, request: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`render worker exited with ${code}`)));
    worker.postMessage(request);
  });
}
