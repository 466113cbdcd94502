import type { Diagnostic } from '@fleetform/diagnostics';
import {
  applyChanges,
  planChanges,
  readRenderMemo,
  readRenderState,
  stampFiles,
  STATE_VERSION,
  untouchedFiles,
  writeRenderState,
  type ChangePlan,
  type FileStamp,
  type RenderState,
  type Wanted,
} from '@fleetform/emit';
import { GENERATED_MARKER, textKey } from '@fleetform/layout/marker';
import { appFile, folderName, isInputFile, type InputFiles } from '@fleetform/values/inputs';
import type { ParseMemo } from '@fleetform/yaml';
import { fleetformCodeKey, inputsKey, isVouched, packApps, packClusters, reusableApps, reusableClusters, StaleCacheError, unpackApps, vouched, warningsOf, type RenderMemo } from './render-cache.js';

/** Which files fleetform may write and remove: the one definition every writing command uses. */
export const OWNERSHIP = {
  folders: ['apps', 'clusters'],
  isGenerated: (head: string) => head.startsWith(GENERATED_MARKER),
  isInput: isInputFile,
} as const;

/** A render of some inputs, planned against the disk with what the last render left (see render-cache.ts); nothing written yet. */
export interface PlannedRender {
  /** Every generated file. */
  readonly wanted: ReadonlyMap<string, Wanted>;
  /** What writing them changes on disk. */
  readonly plan: ChangePlan;
  /** How the render went, for the command to say: `200 apps on 30 clusters (1 built, …)`. */
  readonly summary: string;
  /**
   * Writes the files, then the state for the next render, and returns that state (a watching render
   * keeps it in memory, and with `saveState` false saves it itself, later). A bump passes its own
   * `wanted` and `plan`: these, with the value files it edits, written in the same change.
   */
  write(wanted?: ReadonlyMap<string, Wanted>, plan?: ChangePlan, options?: { readonly saveState?: boolean }): Promise<EarlierRender>;
}

/** The render's diagnostics (an unchanged fleet's are those of the render that made it), and the render unless they have errors. */
export interface RenderOutcome {
  readonly diagnostics: readonly Diagnostic[];
  readonly planned?: PlannedRender;
}

/** The state of a render as it is kept in memory; the key of its memo is taken when it is saved. */
type KeptState = Omit<RenderState, 'memoKey'>;

/**
 * What the last render left in a root (see render-cache.ts): its state, and its memo, read once when
 * first asked for. Or what this process's last render wrote, kept in memory: a watching render saves
 * it to disk only once the tree has been quiet for a while (see save).
 */
export class EarlierRender {
  private memoRead: Promise<RenderMemo | undefined> | undefined;

  private constructor(
    private readonly root: string,
    readonly codeKey: string,
    readonly state: KeptState | undefined,
    private readonly readMemo: () => Promise<RenderMemo | undefined>,
    private unsaved: boolean,
  ) {}

  /** With `cache` false, as if there were no earlier render. */
  static async read(root: string, cache = true): Promise<EarlierRender> {
    const codeKey = await fleetformCodeKey();
    const state = cache ? await readRenderState(root, codeKey) : undefined;
    return new EarlierRender(root, codeKey, state, async () => state && (await readRenderMemo<RenderMemo>(root, state)), false);
  }

  /** A render just written, not yet saved. */
  static kept(root: string, codeKey: string, state: KeptState, memo: RenderMemo): EarlierRender {
    return new EarlierRender(root, codeKey, state, () => Promise.resolve(memo), true);
  }

  memo(): Promise<RenderMemo | undefined> {
    this.memoRead ??= this.readMemo();
    return this.memoRead;
  }

  /** Whether save has something to write. */
  get isUnsaved(): boolean {
    return this.unsaved;
  }

  /** Why the last save failed, if it did (`.fleetform` is a file, say); the commands warn of it. */
  saveFailure: string | undefined;

  /**
   * Writes the state and memo where the next fleetform process looks for them, unless they are there
   * already. Call it holding the write lock. Saving late is safe: a file changed since its stamp was
   * taken no longer matches it, and is read and compared as if there were no state. Failing to save
   * is safe too, so it is no error (see saveFailure): a state that is not the render's own is ignored
   * or, stamp by stamp, found out, and the next render does more.
   */
  async save(): Promise<void> {
    if (!this.unsaved || !this.state) return;
    this.unsaved = false;
    try {
      await writeRenderState(this.root, this.state, await this.memo());
      this.saveFailure = undefined;
    } catch (cause) {
      this.saveFailure = cause instanceof Error ? cause.message : String(cause);
    }
  }
}

export interface PlanRenderOptions {
  /** false: ignore what the last render left, and render everything. */
  readonly cache?: boolean;
  /** What the last render left, if the caller has read it already. */
  readonly earlier?: EarlierRender;
  /** The parses of value files to use and remember (a bump passes those it planned with); by default those the memo holds. */
  readonly parses?: ParseMemo;
  /**
   * Which of the stamped files are untouched since (see untouchedFiles); a watching render passes
   * those its notifications name, tests their own to stage a race.
   */
  readonly untouchedFiles?: typeof untouchedFiles;
  /** Every file under the generated folders, if the caller keeps a listing (see KnownDisk). */
  readonly onDisk?: Iterable<string>;
}

/**
 * Renders `inputs` as `fleetform render` does, reusing what the last render left in `root` unless
 * `cache` is false, and plans the result against the disk. Call it holding the write lock when the
 * plan is to be written.
 */
export async function planRender(root: string, inputs: InputFiles, options: PlanRenderOptions = {}): Promise<RenderOutcome> {
  const earlier = options.earlier ?? (await EarlierRender.read(root, options.cache !== false));
  try {
    return await planWith(root, inputs, earlier, earlier.state, options);
  } catch (cause) {
    // A file the state vouched for changed under us: render again, trusting nothing.
    if (cause instanceof StaleCacheError && earlier.state) return planWith(root, inputs, earlier, undefined, options);
    throw cause;
  }
}

async function planWith(root: string, inputs: InputFiles, earlier: EarlierRender, state: EarlierRender['state'], options: PlanRenderOptions): Promise<RenderOutcome> {
  const givenParses = options.parses;
  const { codeKey } = earlier;
  const key = inputsKey(inputs);
  let wanted: ReadonlyMap<string, Wanted>;
  /** What this render keeps for the next one; nothing new when nothing changed. */
  let next: { readonly state: Omit<RenderState, 'files' | 'memoKey'>; readonly memo: RenderMemo } | undefined;
  let summary: string;
  let diagnostics: readonly Diagnostic[];
  const untouched = state ? (options.untouchedFiles ?? untouchedFiles)(root, state.files) : undefined;
  if (state && state.inputsKey === key && untouched?.size === Object.keys(state.files).length) {
    // The same inputs and the same fleetform make the same files: those the state lists, all of
    // them still as the last render left them. (A file that is not sends the render the long way.)
    diagnostics = state.warnings as Diagnostic[];
    wanted = new Map(Object.entries(state.files).map(([path, stamp]) => [path, vouched(path, stamp.key)]));
    const apps = [...inputs.keys()].filter((path) => path === appFile(folderName(path))).length;
    summary = `${apps} app${apps === 1 ? '' : 's'}, nothing changed since the last render`;
  } else {
    // The render pipeline and the memo are loaded only now: a check of an unchanged fleet never needs them.
    const { ParseMemo, renderApps } = await import('./commands/render-apps.js');
    const memo = state && (await earlier.memo());
    const parses = givenParses ?? new ParseMemo(memo?.parsed);
    const reuse = memo && untouched ? { apps: reusableApps(unpackApps(memo.apps), untouched), clusters: reusableClusters(memo.clusters, untouched) } : undefined;
    const { result, workers } = await renderApps(inputs, reuse, parses);
    diagnostics = result.diagnostics;
    if (!result.layout || !result.records) return { diagnostics };
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
  const plan = await planChanges(root, wanted, OWNERSHIP, { stamps: state?.files, untouched, onDisk: options.onDisk });
  // A vouched file to write again was touched after it was found untouched (deleted, say, by
  // someone else in between): its text is not known here, so fail now, and be rendered again.
  const stale = [...plan.create, ...plan.update].find((path) => isVouched(wanted.get(path)));
  if (stale !== undefined) throw new StaleCacheError(stale);
  return {
    diagnostics,
    planned: {
      wanted,
      plan,
      summary,
      write: async (files = wanted, changes = plan, { saveState = true } = {}) => {
        await applyChanges(root, files, changes);
        // With nothing changed the state found still holds: every file it stamps is untouched.
        if (!next) return earlier;
        const kept = EarlierRender.kept(root, codeKey, { ...next.state, files: stampsAfter(root, wanted, changes, state?.files ?? {}) }, next.memo);
        if (saveState) await kept.save();
        return kept;
      },
    },
  };
}

/** Every generated file's stamp now: kept where the plan found the file untouched, taken afresh otherwise. */
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
