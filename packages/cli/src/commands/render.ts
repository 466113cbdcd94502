import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { error, FleetformError } from '@fleetform/diagnostics';
import { applyChanges, findTornState, hasChanges, LockedError, planChanges, recoverInterruptedRender, withWriteLock, type ChangePlan, type Wanted } from '@fleetform/emit';
import { FLEET_FILE, readInputs } from '@fleetform/values/inputs';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { OWNERSHIP, planRender, type EarlierRender, type PlannedRender } from '../planned-render.js';
import { printDiagnostics } from '../report.js';

export interface RenderOptions {
  readonly root: string;
  readonly check: boolean;
  /** false: ignore what the last render left (see render-cache.ts) and render everything. */
  readonly cache?: boolean;
}

/**
 * Runs `work` the one safe way to write: holding the repository's write lock, after finishing (or
 * rolling back) any render that was interrupted. Whatever `work` plans, it plans on the tree as the
 * last writer left it, so a render or bump that wrote meanwhile is built on, not undone.
 */
export async function underWriteLock<T>(io: Io, root: string, work: () => Promise<T>): Promise<T> {
  assertFolder(root);
  return withWriteLock(root, async () => {
    const recovered = await recoverInterruptedRender(root, OWNERSHIP.folders);
    if (recovered) io.err(`fleetform: an interrupted render was ${recovered === 'rolled-forward' ? 'finished' : 'rolled back'}\n`);
    return work();
  });
}

/**
 * Refuses a root that is not a folder before anything is written into it (the write lock is the first
 * thing a writing command creates there). A missing clusters/fleet.yaml in a folder that exists is
 * reported where the inputs are read.
 */
export function assertFolder(root: string): void {
  if (statSync(root, { throwIfNoEntry: false })?.isDirectory()) return;
  throw new FleetformError([
    error('FF100', `no ${FLEET_FILE} here: ${root} is not a folder`, { hint: 'run fleetform from the fleet repository root or pass --root; `fleetform init DIR` starts a new fleet' }),
  ]);
}

/** Writes generated files atomically (see @fleetform/emit), under the write lock. Returns what changed. */
export async function writeGeneratedFiles(io: Io, root: string, files: ReadonlyMap<string, Wanted>): Promise<ChangePlan> {
  return underWriteLock(io, root, async () => {
    const plan = await planChanges(root, files, OWNERSHIP);
    await applyChanges(root, files, plan);
    return plan;
  });
}

/** `fleetform render`: write every generated file, or with --check list what is out of date. */
export async function runRender(io: Io, options: RenderOptions): Promise<ExitCode> {
  const root = resolve(options.root);
  if (options.check) return check(io, root, options);
  // A render holds the write lock from before it reads anything: what it finds untouched on disk
  // stays untouched until it has written, so nothing it plans on is checked twice.
  try {
    return await underWriteLock(io, root, async () => {
      const { diagnostics, planned } = await planRender(root, await readInputs(root), options);
      printDiagnostics(io, diagnostics);
      if (!planned) return EXIT.invalid;
      warnUnsaved(io, await planned.write());
      const { plan } = planned;
      warnForeign(io, plan);
      io.out(`fleetform: ${describeRender(planned)}\n`);
      return EXIT.ok;
    });
  } catch (cause) {
    if (!(cause instanceof LockedError)) throw cause;
    io.err(`fleetform: ${cause.message}; wait for it to finish (or remove ${root}/.fleetform.lock if no fleetform is running)\n`);
    return EXIT.usage;
  }
}

/** `fleetform render --check`: what a render would change, written nowhere. */
async function check(io: Io, root: string, options: RenderOptions): Promise<ExitCode> {
  const torn = await findTornState(root, OWNERSHIP.folders);
  if (torn) {
    io.err(`fleetform: an interrupted render left the generated files half written (${torn.journal ? 'a journal' : `${torn.staged.length} staged files`}); run \`fleetform render\` to finish it\n`);
    return EXIT.invalid;
  }
  const { diagnostics, planned } = await planRender(root, await readInputs(root), options);
  printDiagnostics(io, diagnostics);
  if (!planned) return EXIT.invalid;
  warnForeign(io, planned.plan);
  if (!hasChanges(planned.plan)) {
    io.out(`fleetform: ${planned.wanted.size} generated files are up to date\n`);
    return EXIT.ok;
  }
  io.err(describeDrift(planned.plan));
  io.err('run `fleetform render` and commit the result\n');
  return EXIT.invalid;
}

/** What a written render did, as `render` and each render of a watch say it: `rendered 200 apps on 30 clusters: 0 created, …`. */
export function describeRender({ summary, plan }: PlannedRender): string {
  return `rendered ${summary}: ${plan.create.length} created, ${plan.update.length} updated, ${plan.remove.length} removed, ${plan.unchanged} unchanged`;
}

/** Says that the state for the next render could not be saved; the files are written all the same. */
export function warnUnsaved(io: Io, earlier: EarlierRender): void {
  if (earlier.saveFailure === undefined) return;
  io.err(`fleetform: warning: the render state could not be saved in .fleetform/ (${earlier.saveFailure}); the files are written, and the next render renders every app\n`);
}

/** Names each file fleetform found, and left alone, in a folder it generates. */
export function warnForeign(io: Io, plan: ChangePlan): void {
  for (const path of plan.foreign ?? []) {
    io.err(`fleetform: warning: ${path} was not written by fleetform and is left alone; nothing reads it, since this folder is generated\n`);
  }
}

function describeDrift(plan: ChangePlan): string {
  const lines = [
    ...plan.create.map((p) => `missing   ${p}`),
    ...plan.update.map((p) => `changed   ${p}`),
    ...plan.remove.map((p) => `stale     ${p}`),
  ];
  return `fleetform: ${lines.length} generated file${lines.length === 1 ? ' is' : 's are'} out of date:\n${lines.map((l) => `  ${l}\n`).join('')}`;
}
