import { once } from 'node:events';
import { relative, resolve, sep } from 'node:path';
import { watch } from 'chokidar';
import { isFleetformError } from '@fleetform/diagnostics';
import { listFiles, LockedError, matchesStamp, TEMP_SUFFIX, type FileStamp } from '@fleetform/emit';
import { readInputs, rereadInputs, type InputFiles } from '@fleetform/values/inputs';
import { describeInternalError, EXIT, type ExitCode, type Io } from '../io.js';
import { OWNERSHIP, planRender, type EarlierRender } from '../planned-render.js';
import { printDiagnostics } from '../report.js';
import { assertFolder, describeRender, underWriteLock, warnForeign, warnUnsaved } from './render.js';

/**
 * `fleetform render --watch`: render, then render again each time a file under apps/, clusters/ or
 * charts/ changes, until interrupted. A render from a cold process pays, whatever the edit, for
 * starting Node, loading fleetform, reading its state and a stat of every generated file; a watching
 * process pays those once. It keeps the state it wrote in memory and learns from the file system's
 * notifications which files were touched, so a render after an edit checks only those against their
 * stamps (the notifications only choose what to check: a file is reused only if its stamp matches).
 */
export interface WatchOptions {
  readonly root: string;
  /** false: every render ignores what the last one left, as `render --no-cache`. */
  readonly cache?: boolean;
}

export interface WatchControl {
  /** Stops watching; by default SIGINT or SIGTERM (Ctrl-C). A render under way finishes first. */
  readonly signal?: AbortSignal;
}

/** The folders whose files a render reads or writes; an edit anywhere else cannot change one. */
const WATCHED = new Set(['apps', 'clusters', 'charts']);
const GENERATED: ReadonlySet<string> = new Set(OWNERSHIP.folders);
const isInGeneratedFolder = (path: string): boolean => GENERATED.has(path.split('/')[0]!);

/**
 * How long the tree must be quiet before a render starts: a save is one event, a `git checkout` or a
 * bump many, and one render after the last of them is enough.
 */
const QUIET_MS = 25;
/** How long to wait before trying again when another fleetform holds the write lock. */
const LOCKED_RETRY_MS = 250;
/**
 * How long the tree must be quiet before the state is saved for the next fleetform process: saving
 * after every render would cost each render a fifth of its time at 200×30 (the memo is megabytes).
 */
const SAVE_AFTER_MS = 500;

export async function runRenderWatch(io: Io, options: WatchOptions, control: WatchControl = {}): Promise<ExitCode> {
  const root = resolve(options.root);
  // A root that is not there cannot become a fleet by waiting: say so now, as render does.
  assertFolder(root);
  const session = new WatchSession(io, root, options.cache !== false);
  // Watching starts before the first render, so no edit made while it runs goes unseen.
  const watcher = watch(root, { ignoreInitial: true, atomic: false, ignored: (path) => !isWatched(root, path) });
  watcher.on('all', (event, path) => session.changed(event, relative(root, path).split(sep).join('/')));
  watcher.on('error', (cause) => session.lostTrack(cause));
  try {
    await once(watcher, 'ready');
    await session.start();
    io.out(`fleetform: watching ${[...WATCHED].map((f) => `${f}/`).join(', ')} in ${root}; every change is rendered as it is saved (Ctrl-C to stop)\n`);
    await stopped(control.signal);
    await session.finish();
  } finally {
    await watcher.close();
  }
  return EXIT.ok;
}

/** Whether an event on `path` can matter to a render: inside a watched folder, and not a file a render is staging. */
function isWatched(root: string, path: string): boolean {
  const inside = relative(root, path);
  if (inside === '') return true;
  return WATCHED.has(inside.split(sep)[0]!) && !inside.endsWith(TEMP_SUFFIX);
}

function stopped(signal: AbortSignal | undefined): Promise<void> {
  if (signal) return signal.aborted ? Promise.resolve() : once(signal, 'abort').then(() => undefined);
  return new Promise((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}

/** The renders of one watch: what changed since the last one, and what that one left. */
class WatchSession {
  /** What the last render of this session wrote (undefined until one has): its state and memo, kept in memory. */
  private earlier: EarlierRender | undefined;
  private inputs: InputFiles | undefined;
  /** Paths that changed since the last render began, and folders added or removed. */
  private changedPaths = new Set<string>();
  private changedFolders = new Set<string>();
  /**
   * Every file under the generated folders, kept up to date from the events and what each render
   * writes, so a render need not walk the folders. Undefined once the watcher lost events: from then
   * on every render walks them, and checks every file's stamp.
   */
  private listing: Set<string> | undefined;
  private renderTimer: NodeJS.Timeout | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  /** The render or save under way: one at a time. */
  private running: Promise<void> | undefined;

  constructor(
    private readonly io: Io,
    private readonly root: string,
    private readonly cache: boolean,
  ) {}

  /** The first render, once the watcher has seen the tree: events from now on tell what changed. */
  async start(): Promise<void> {
    this.listing = new Set(await listFiles(this.root, OWNERSHIP.folders));
    await this.exclusive(() => this.render());
    // A first render that found nothing changed loaded neither the render pipeline nor the memo; the
    // first edit should not wait for them.
    await import('./render-apps.js');
    await this.earlier?.memo();
  }

  changed(event: string, path: string): void {
    const isFolder = event === 'addDir' || event === 'unlinkDir';
    (isFolder ? this.changedFolders : this.changedPaths).add(path);
    if (this.listing && isInGeneratedFolder(path)) {
      if (event === 'add') this.listing.add(path);
      else if (event === 'unlink') this.listing.delete(path);
      else if (event === 'unlinkDir') for (const listed of this.listing) if (listed.startsWith(`${path}/`)) this.listing.delete(listed);
      // A folder moved in may bring files no event names: the render lists it again.
    }
    this.scheduleRender(QUIET_MS);
  }

  lostTrack(cause: unknown): void {
    this.listing = undefined;
    this.io.err(`fleetform: warning: the file watcher failed (${cause instanceof Error ? cause.message : String(cause)}); each render now checks every generated file\n`);
    this.scheduleRender(QUIET_MS);
  }

  /** Waits for the render under way, renders nothing more, and saves the state of the last render. */
  async finish(): Promise<void> {
    clearTimeout(this.renderTimer);
    clearTimeout(this.saveTimer);
    this.renderTimer = this.saveTimer = undefined;
    await this.exclusive(() => this.save(false));
  }

  /** Runs `task` once the render or save under way is done. */
  private async exclusive(task: () => Promise<void>): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = task().finally(() => (this.running = undefined));
    await this.running;
  }

  private scheduleRender(delay: number): void {
    clearTimeout(this.renderTimer);
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      this.inBackground(() => this.render());
    }, delay);
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.inBackground(() => this.save(true));
    }, SAVE_AFTER_MS);
  }

  /** A bug in one render is reported like any command's, and the watch goes on: the next edit may render. */
  private inBackground(task: () => Promise<void>): void {
    this.exclusive(task).catch((cause: unknown) => this.io.err(`fleetform: internal error: ${describeInternalError(cause)}; please report it\n`));
  }

  /** Saves the last render's state, unless it is saved; if another fleetform is writing, later (or, with `retry` false, not at all). */
  private async save(retry: boolean): Promise<void> {
    const earlier = this.earlier;
    if (!earlier?.isUnsaved) return;
    try {
      await underWriteLock(this.io, this.root, () => earlier.save());
      warnUnsaved(this.io, earlier);
    } catch (cause) {
      if (!(cause instanceof LockedError)) throw cause;
      // Unsaved, the next fleetform process renders from an older state: slower, never different.
      if (retry) this.scheduleSave();
    }
  }

  private async render(): Promise<void> {
    const started = performance.now();
    const paths = [...this.changedPaths].sort();
    const folders = [...this.changedFolders];
    this.changedPaths.clear();
    this.changedFolders.clear();
    const state = this.earlier?.state;
    // The echo of the last render's own writes: only generated files, each as that render left it.
    if (state && folders.length === 0 && paths.length > 0 && paths.every((path) => matchesStamp(this.root, path, state.files[path]))) return;
    const trigger = paths.length === 0 ? '' : `${paths[0]}${paths.length > 1 ? ` and ${paths.length - 1} more` : ''} changed: `;
    let written = false;
    try {
      // The inputs the events name are read again; a folder added or removed may hold any, so all are.
      this.inputs = !this.inputs || folders.length > 0 ? await readInputs(this.root) : rereadInputs(this.root, this.inputs, paths);
      const inputs = this.inputs;
      await underWriteLock(this.io, this.root, async () => {
        const listing = this.listing;
        if (listing) for (const folder of folders.filter(isInGeneratedFolder)) for (const path of await listFiles(this.root, [folder])) listing.add(path);
        const { diagnostics, planned } = await planRender(this.root, inputs, {
          cache: this.cache,
          ...(this.cache && this.earlier ? { earlier: this.earlier } : {}),
          // With every event since the last render seen, only the files they name can have been touched.
          ...(this.earlier && listing ? { untouchedFiles: untouchedSinceEvents(paths, folders) } : {}),
          ...(listing ? { onDisk: listing } : {}),
        });
        printDiagnostics(this.io, diagnostics);
        if (!planned) {
          this.io.err(`fleetform: ${trigger}nothing written; waiting for the next change\n`);
          return;
        }
        this.earlier = await planned.write(undefined, undefined, { saveState: false });
        written = true;
        if (this.earlier.isUnsaved) this.scheduleSave();
        const { plan } = planned;
        if (listing) {
          for (const path of plan.create) listing.add(path);
          for (const path of plan.remove) listing.delete(path);
        }
        warnForeign(this.io, plan);
        const took = Math.round(performance.now() - started);
        this.io.out(`fleetform: ${trigger}${describeRender(planned)} (${took} ms)\n`);
      });
    } catch (cause) {
      if (cause instanceof LockedError) {
        // Another fleetform (a bump, say) is writing: its writes are events too; try again after it.
        this.scheduleRender(LOCKED_RETRY_MS);
        return;
      }
      if (!isFleetformError(cause)) throw cause;
      // The inputs read may be half the edit (a file refused, say): the next render reads them all.
      this.inputs = undefined;
      printDiagnostics(this.io, cause.diagnostics);
      this.io.err(`fleetform: ${trigger}nothing written; waiting for the next change\n`);
    } finally {
      // Until a render is written, what these events name is still to be checked against the stamps
      // of the last one written (a generated file edited by hand while a value file was broken, say).
      if (!written) {
        for (const path of paths) this.changedPaths.add(path);
        for (const folder of folders) this.changedFolders.add(folder);
      }
    }
  }
}

/** The stamped files untouched since the last render: all but those the events name that no longer match their stamp. */
function untouchedSinceEvents(paths: readonly string[], folders: readonly string[]) {
  const named = new Set(paths);
  const inFolder = (path: string): boolean => folders.some((folder) => path.startsWith(`${folder}/`));
  return (root: string, stamps: Readonly<Record<string, FileStamp>>): Set<string> =>
    new Set(Object.keys(stamps).filter((path) => !(named.has(path) || inFolder(path)) || matchesStamp(root, path, stamps[path])));
}
