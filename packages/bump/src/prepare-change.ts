import type { Diagnostic } from '@fleetform/diagnostics';
import { planChanges, type ChangePlan, type Ownership } from '@fleetform/emit';
import { objectsOfLayout, type FleetObjects } from '@fleetform/diff';
import { renderFleet } from '@fleetform/render';
import type { InputFiles } from '@fleetform/values';
import { planBump, type BumpOptions, type BumpPlan, type BumpRequest } from './plan-bump.js';

/**
 * Everything a bump writes: the edited value files and the re-rendered output, not yet on disk.
 * `wanted` goes to the one writer (the command line's, which holds the write lock) like any render.
 */
export interface PreparedChange {
  readonly bump: BumpPlan;
  /** Content of every file the change creates or updates. */
  readonly wanted: ReadonlyMap<string, string>;
  readonly plan: ChangePlan;
  /** Every cluster's objects before and after the change, for the pull request's rendered diff. */
  readonly objects?: { readonly before: FleetObjects; readonly after: FleetObjects };
}

export type FileChange = { readonly path: string; readonly change: 'created' | 'updated' | 'removed' };

/**
 * Plans the bumps on the inputs read from `root`, renders the fleet with them, and compares the
 * result with the disk. Writes nothing; a change that would not render comes back as diagnostics.
 */
export async function prepareChange(
  root: string,
  files: InputFiles,
  requests: readonly BumpRequest[],
  options: BumpOptions,
  ownership: Ownership,
): Promise<{ change?: PreparedChange; diagnostics: Diagnostic[] }> {
  const { plan: bump, diagnostics } = planBump(files, requests, options);
  if (!bump) return { diagnostics };
  if (bump.bumps.length === 0) return { change: { bump, wanted: new Map(), plan: { create: [], update: [], remove: [], unchanged: 0 } }, diagnostics };
  const rendered = renderFleet(bump.files);
  diagnostics.push(...rendered.diagnostics);
  if (!rendered.layout) return { diagnostics };
  const plan = await planChanges(root, rendered.layout.files, ownership);
  const wanted = new Map([...rendered.layout.files, ...bump.edited]);
  const before = renderFleet(files).layout;
  const objects = before ? { before: objectsOfLayout(before), after: objectsOfLayout(rendered.layout) } : undefined;
  return { change: { bump, wanted, plan: { ...plan, update: [...bump.edited.keys(), ...plan.update].sort() }, objects }, diagnostics };
}

/** Every file the change touches, in path order. */
export function changedFiles(change: PreparedChange): FileChange[] {
  const { create, update, remove } = change.plan;
  const all: FileChange[] = [
    ...create.map((path) => ({ path, change: 'created' as const })),
    ...update.map((path) => ({ path, change: 'updated' as const })),
    ...remove.map((path) => ({ path, change: 'removed' as const })),
  ];
  return all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
