import { buildShare, prepareRender, renderFleet, RenderWorkers, renderWorkerCount, workersShare, type ClusterRecord, type ReusableApp } from '@fleetform/render';
import { appFile, folderName, type InputFiles } from '@fleetform/values';
import { ParseMemo } from '@fleetform/yaml';

// Re-exported so that render.ts loads the whole render pipeline through this one lazy import.
export { ParseMemo };

/** What an earlier render left that a render may reuse (see render-cache.ts). */
export interface Reuse {
  readonly apps: (app: string, key: string) => ReusableApp | undefined;
  readonly clusters: (cluster: string, key: string) => ClusterRecord | undefined;
}

/**
 * The render, reusing what it may and sharing the apps it must build among worker threads when
 * there are enough of them. With no earlier render to reuse, the workers start before the inputs
 * are loaded here, so their start-up overlaps it. Without `reuse` the render is a full one.
 */
export async function renderApps(inputs: InputFiles, reuse: Reuse | undefined, parses: ParseMemo) {
  const earlier = reuse?.apps;
  const full = reuse === undefined;
  const apps = [...inputs.keys()].filter((path) => path === appFile(folderName(path))).length;
  let workers = full && renderWorkerCount(apps) > 0 ? RenderWorkers.start(inputs, renderWorkerCount(apps)) : undefined;
  const prepared = prepareRender(inputs, parses.parse);
  const pending = [...prepared.keys].filter(([name, key]) => !earlier?.(name, key)).map(([name]) => name);
  if (!workers && renderWorkerCount(pending.length) > 0) workers = RenderWorkers.start(inputs, renderWorkerCount(pending.length));
  const problems = prepared.loaded.diagnostics.some((d) => d.severity === 'error');
  let built: Map<string, ReusableApp> | undefined;
  if (workers && !problems) {
    const theirs = workersShare(pending, workers.size);
    const working = workers.build(theirs);
    // The main thread's own share, built while the workers build theirs.
    const taken = new Set(theirs);
    const ours = buildShare(inputs, pending.filter((name) => !taken.has(name)), prepared);
    const fromWorkers = await working;
    if (ours && fromWorkers) built = new Map([...ours, ...fromWorkers]);
  } else await workers?.close();
  const result = renderFleet(inputs, { prepared, reuse: (name, key) => built?.get(name) ?? earlier?.(name, key), reuseCluster: reuse?.clusters });
  return { result, workers: built ? workers!.size : 0 };
}
