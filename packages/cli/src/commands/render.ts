import { resolve } from 'node:path';
import type { Diagnostic } from '@fleetform/diagnostics';
import {
  applyChanges,
  findTornState,
  hasChanges,
  LockedError,
  planChanges,
  readRenderMemo,
  readRenderState,
  recoverInterruptedRender,
  stampFiles,
  STATE_VERSION,
  untouchedFiles,
  withWriteLock,
  writeRenderState,
  type ChangePlan,
  type FileStamp,
  type RenderState,
  type Wanted,
} from '@fleetform/emit';
import { GENERATED_MARKER, textKey } from '@fleetform/layout/marker';
import { appFile, folderName, isInputFile, readInputs, type InputFiles } from '@fleetform/values/inputs';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { fleetformCodeKey, inputsKey, packApps, packClusters, reusableApps, reusableClusters, StaleCacheError, unpackApps, vouched, warningsOf, type RenderMemo } from '../render-cache.js';
import { printDiagnostics } from '../report.js';

export interface RenderOptions {
  readonly root: string;
  readonly check: boolean;
  /** false: ignore what the last render left (see render-cache.ts) and render everything. */
  readonly cache?: boolean;
}

export const OWNERSHIP = {
  folders: ['apps', 'clusters'],
  isGenerated: (head: string) => head.startsWith(GENERATED_MARKER),
  isInput: isInputFile,
} as const;

/**
 * Runs `work` the one safe way to write: holding the repository's write lock, after finishing (or
 * rolling back) any render that was interrupted. Whatever `work` plans, it plans on the tree as the
 * last writer left it, so a render or bump that wrote meanwhile is built on, not undone.
 */
export async function underWriteLock<T>(io: Io, root: string, work: () => Promise<T>): Promise<T> {
  return withWriteLock(root, async () => {
    const recovered = await recoverInterruptedRender(root, OWNERSHIP.folders);
    if (recovered) io.err(`fleetform: an interrupted render was ${recovered === 'rolled-forward' ? 'finished' : 'rolled back'}\n`);
    return work();
  });
}

/** Writes generated files atomically (see @fleetform/emit), under the write lock. Returns what changed. */
export async function writeGeneratedFiles(io: Io, root: string, files: ReadonlyMap<string, Wanted>): Promise<ChangePlan> {
  return underWriteLock(io, root, async () => {
    const plan = await planChanges(root, files, OWNERSHIP);
    await applyChanges(root, files, plan);
    return plan;
  });
}

/** Every wanted file's stamp now: kept where the plan found the file untouched, taken afresh otherwise. */
function stampsAfter(root: string, files: ReadonlyMap<string, Wanted>, plan: ChangePlan, before: RenderState['files']): Record<string, FileStamp> {
  const fresh = new Map<string, string>();
  const stamps: Record<string, FileStamp> = {};
  for (const [path, file] of files) {
    const key = typeof file === 'string' ? textKey(file) : file.key;
    if (plan.untouched?.has(path) && before[path]) stamps[path] = before[path];
    else fresh.set(path, key);
  }
  return { ...stamps, ...stampFiles(root, fresh) };
}

/** `fleetform render`: write every generated file, or with --check list what is out of date. */
export async function runRender(io: Io, options: RenderOptions): Promise<ExitCode> {
  const root = resolve(options.root);
  if (options.check) return renderOnce(io, root, options);
  // A render holds the write lock from before it reads anything: what it finds untouched on disk
  // stays untouched until it has written, so nothing it plans on is checked twice.
  try {
    return await underWriteLock(io, root, () => renderOnce(io, root, options));
  } catch (cause) {
    if (!(cause instanceof LockedError)) throw cause;
    io.err(`fleetform: ${cause.message}; wait for it to finish (or remove ${root}/.fleetform.lock if no fleetform is running)\n`);
    return EXIT.usage;
  }
}

async function renderOnce(io: Io, root: string, options: RenderOptions): Promise<ExitCode> {
  const inputs = await readInputs(root);
  const codeKey = await fleetformCodeKey();
  const state = options.cache === false ? undefined : await readRenderState(root, codeKey);
  try {
    return await renderWith(io, root, options, inputs, codeKey, state);
  } catch (cause) {
    // A file the state vouched for changed under us: render again, trusting nothing.
    if (cause instanceof StaleCacheError && state) return renderWith(io, root, options, inputs, codeKey, undefined);
    throw cause;
  }
}

async function renderWith(io: Io, root: string, options: RenderOptions, inputs: InputFiles, codeKey: string, state: RenderState | undefined): Promise<ExitCode> {
  const key = inputsKey(inputs);
  const unchanged = state?.inputsKey === key;
  let wanted: ReadonlyMap<string, Wanted>;
  /** What this render keeps for the next one; nothing new when nothing changed. */
  let next: { readonly state: Omit<RenderState, 'files' | 'memoKey'>; readonly memo: RenderMemo } | undefined;
  let summary: string;
  const untouched = state ? untouchedFiles(root, state.files) : undefined;
  if (state && unchanged && untouched?.size === Object.keys(state.files).length) {
    // The same inputs and the same fleetform make the same files: those the state lists, all of
    // them still as the last render left them. (A file that is not sends the render the long way.)
    printDiagnostics(io, state.warnings as Diagnostic[]);
    wanted = new Map(Object.entries(state.files).map(([path, stamp]) => [path, vouched(path, stamp.key)]));
    const apps = [...inputs.keys()].filter((path) => path === appFile(folderName(path))).length;
    summary = `${apps} app${apps === 1 ? '' : 's'}, nothing changed since the last render`;
  } else {
    // The render pipeline and the memo are loaded only now: a check of an unchanged fleet never needs them.
    const { ParseMemo, renderApps } = await import('./render-apps.js');
    const earlier = state && (await readRenderMemo<RenderMemo>(root, state));
    const parses = new ParseMemo(earlier?.parsed);
    const reuse = earlier && untouched ? { apps: reusableApps(unpackApps(earlier.apps), untouched), clusters: reusableClusters(earlier.clusters, untouched) } : undefined;
    const { result, workers } = await renderApps(inputs, reuse, parses);
    printDiagnostics(io, result.diagnostics);
    if (!result.layout || !result.records) return EXIT.invalid;
    wanted = result.layout.generated;
    next = {
      state: { version: STATE_VERSION, codeKey, inputsKey: key, warnings: warningsOf(result.diagnostics) },
      memo: { apps: packApps(result.records), clusters: packClusters(result.clusterRecords ?? new Map()), parsed: parses.entries() },
    };
    const apps = result.records.size;
    const clusters = result.layout.clusters.size;
    const built = result.built?.length ?? apps;
    const keptClusters = result.reusedClusters?.length ?? 0;
    summary =
      `${apps} app${apps === 1 ? '' : 's'} on ${clusters} cluster${clusters === 1 ? '' : 's'}` +
      `${built === apps ? '' : ` (${built} built, ${apps - built} unchanged since the last render, ${keptClusters} of ${clusters} clusters unchanged)`}${workers > 0 ? ` with ${workers} worker thread${workers === 1 ? '' : 's'}` : ''}`;
  }
  if (options.check) {
    const torn = await findTornState(root, OWNERSHIP.folders);
    if (torn) {
      io.err(`fleetform: an interrupted render left the generated files half written (${torn.journal ? 'a journal' : `${torn.staged.length} staged files`}); run \`fleetform render\` to finish it\n`);
      return EXIT.invalid;
    }
    const plan = await planChanges(root, wanted, OWNERSHIP, state?.files, untouched);
    warnForeign(io, plan);
    if (!hasChanges(plan)) {
      io.out(`fleetform: ${wanted.size} generated files are up to date\n`);
      return EXIT.ok;
    }
    io.err(describeDrift(plan));
    io.err('run `fleetform render` and commit the result\n');
    return EXIT.invalid;
  }
  // Under the write lock (runRender): the stamps checked above still hold.
  const plan = await planChanges(root, wanted, OWNERSHIP, state?.files, untouched);
  await applyChanges(root, wanted, plan);
  // With nothing changed the state found still holds: every file it stamps is untouched.
  if (next) await writeRenderState(root, { ...next.state, files: stampsAfter(root, wanted, plan, state?.files ?? {}) }, next.memo);
  warnForeign(io, plan);
  io.out(`fleetform: rendered ${summary}: ${plan.create.length} created, ${plan.update.length} updated, ${plan.remove.length} removed, ${plan.unchanged} unchanged\n`);
  return EXIT.ok;
}

/** Names each file fleetform found, and left alone, in a folder it generates. */
function warnForeign(io: Io, plan: ChangePlan): void {
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
