/**
 * A render worker: builds and lays out a share of the apps, for renderAppsInWorkers. It loads the
 * inputs as soon as it starts, so that its start-up overlaps the main thread's own loading, then
 * waits for the names of the apps to build. It answers with each app's record and its files as
 * text, or `ok: false` when anything goes wrong: the main thread then renders those apps itself,
 * and reports any problem the way a render without workers would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareRender } from '../render-fleet.js';
import { buildShare } from './render-workers.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

const files = new Map((workerData as { files: [string, string][] }).files);
const prepared = prepareRender(files);

parentPort!.once('message', ({ names }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const built = buildShare(files, names, prepared);
    reply = built
      ? { ok: true, apps: [...built.values()].map(({ record, files }) => ({ record, files: [...files].map(([path, file]) => [path, file.key, file.text()] as const) })) }
      : { ok: false };
  } catch {
    reply = { ok: false };
  }
  parentPort!.postMessage(reply);
});
