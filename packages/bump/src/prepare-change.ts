import type { Diagnostic } from '@fleetform/diagnostics';
import { planChanges, type ChangePlan, type Ownership, type Wanted } from '@fleetform/emit';
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
  /** Content of every file the change creates or updates (a generated file may be known by its key, see Wanted). */
  readonly wanted: ReadonlyMap<string, Wanted>;
  readonly plan: ChangePlan;
  /** Every cluster's objects before and after the change, for the pull request's rendered diff. */
  readonly objects?: { readonly before: FleetObjects; readonly after: FleetObjects };
}

export type FileChange = { readonly path: string; readonly change: 'created' | 'updated' | 'removed' };

/** The fleet rendered from the edited inputs and planned against the disk, or the diagnostics that stopped it. */
export interface RenderedChange {
  readonly diagnostics: readonly Diagnostic[];
  readonly generated?: { readonly wanted: ReadonlyMap<string, Wanted>; readonly plan: ChangePlan; readonly objects?: PreparedChange['objects'] };
}

/** Renders the fleet from the edited inputs (`after`; `before` are the inputs as they were) and plans the generated files against the disk. */
export type RenderChange = (after: InputFiles, before: InputFiles) => Promise<RenderedChange>;

/**
 * The render a change is planned with where there is no earlier render to build on (a fresh checkout
 * for a pull request): every app, and with `objects` the fleet before the change too, for the diff.
 */
export function renderInFull(root: string, ownership: Ownership, options: { readonly objects?: boolean } = {}): RenderChange {
  return async (after, before) => {
    const rendered = renderFleet(after);
    if (!rendered.layout) return { diagnostics: rendered.diagnostics };
    const plan = await planChanges(root, rendered.layout.generated, ownership);
    const earlier = options.objects ? renderFleet(before).layout : undefined;
    const objects = earlier ? { before: objectsOfLayout(earlier), after: objectsOfLayout(rendered.layout) } : undefined;
    return { diagnostics: rendered.diagnostics, generated: { wanted: rendered.layout.generated, plan, objects } };
  };
}

/**
 * Plans the bumps on the inputs read from `root`, renders the fleet with them, and compares the
 * result with the disk. Writes nothing; a change that would not render comes back as diagnostics.
 */
export async function prepareChange(files: InputFiles, requests: readonly BumpRequest[], options: BumpOptions, render: RenderChange): Promise<{ change?: PreparedChange; diagnostics: Diagnostic[] }> {
  const { plan: bump, diagnostics } = planBump(files, requests, options);
  if (!bump) return { diagnostics };
  if (bump.bumps.length === 0) return { change: { bump, wanted: new Map(), plan: { create: [], update: [], remove: [], unchanged: 0 } }, diagnostics };
  const rendered = await render(bump.files, files);
  diagnostics.push(...rendered.diagnostics);
  if (!rendered.generated) return { diagnostics };
  const { wanted, plan, objects } = rendered.generated;
  // The edited value files are written in the same change as the files rendered from them.
  return { change: { bump, wanted: new Map([...wanted, ...bump.edited]), plan: { ...plan, update: [...bump.edited.keys(), ...plan.update].sort() }, objects }, diagnostics };
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
