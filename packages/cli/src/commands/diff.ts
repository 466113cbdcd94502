import { execFile } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { error, isFleetformError } from '@fleetform/diagnostics';
import { diffClusters, formatMarkdown, formatText, objectsOfLayout, type FleetObjects } from '@fleetform/diff';
import { renderFleet, type RenderResult } from '@fleetform/render';
import { readInputs } from '@fleetform/values';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { printDiagnostics } from '../report.js';

import { DIFF_FORMATS } from './formats.js';

export { DIFF_FORMATS };

export interface DiffOptions {
  readonly root: string;
  readonly base: string;
  readonly format: (typeof DIFF_FORMATS)[number];
}

/** git failed for a reason that is not the user's input: not installed, not a repository, a broken checkout. */
class GitFailure extends Error {
  constructor(args: readonly string[], cwd: string, stderr: string) {
    super(`git ${args.join(' ')} failed in ${cwd}: ${stderr.trim() || 'no message'}`);
  }
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    return (await promisify(execFile)('git', [...args], { cwd, encoding: 'utf8' })).stdout.trim();
  } catch (cause) {
    const { code, stderr } = cause as { code?: unknown; stderr?: string };
    throw new GitFailure(args, cwd, code === 'ENOENT' ? 'git is not installed or not on PATH' : (stderr ?? String(cause)));
  }
}

/** The commit REF names, or undefined when it names none. `--end-of-options` keeps a REF such as `--output=x` a name. */
async function resolveCommit(cwd: string, ref: string): Promise<string | undefined> {
  try {
    return await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    return undefined;
  }
}

/** Runs `use` on a temporary checkout of `commit`, and removes the checkout afterwards, whatever happens. */
async function withWorktree<T>(cwd: string, commit: string, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'fleetform-diff-'));
  try {
    await git(cwd, ['worktree', 'add', '--detach', dir, commit]);
    return await use(dir);
  } finally {
    await git(cwd, ['worktree', 'remove', '--force', dir]).catch(async () => {
      // The checkout half exists or is gone already: delete what is left, then let git forget it.
      await rm(dir, { recursive: true, force: true });
      await git(cwd, ['worktree', 'prune']);
    });
  }
}

const exists = (path: string) => access(path).then(() => true, () => false);

/** The base side: empty when the revision has no fleet at this path yet, so everything counts as added. */
async function renderBase(root: string): Promise<{ objects: FleetObjects; fleetMissing?: true } | { diagnostics: RenderResult['diagnostics'] }> {
  if (!(await exists(join(root, 'clusters/fleet.yaml')))) return { objects: new Map(), fleetMissing: true };
  let inputs;
  try {
    inputs = await readInputs(root);
  } catch (cause) {
    // Files of the base that cannot be read (a folder named app.yaml, say) are the base's problem too.
    if (isFleetformError(cause)) return { diagnostics: cause.diagnostics };
    throw cause;
  }
  const result = renderFleet(inputs);
  return result.layout ? { objects: objectsOfLayout(result.layout) } : { diagnostics: result.diagnostics };
}

/** `fleetform diff`: render a git revision and the working tree, and print what changes per cluster and per object. */
export async function runDiff(io: Io, options: DiffOptions): Promise<ExitCode> {
  const root = resolve(options.root);
  const head = renderFleet(await readInputs(root));
  if (!head.layout) {
    printDiagnostics(io, head.diagnostics);
    return EXIT.invalid;
  }
  try {
    const prefix = await git(root, ['rev-parse', '--show-prefix']);
    const commit = await resolveCommit(root, options.base);
    if (commit === undefined) {
      printDiagnostics(io, [
        error('FF700', `unknown revision \`${options.base}\`: the repository has no branch, tag or commit of that name`, {
          hint: 'in CI, fetch the base branch too (actions/checkout with `fetch-depth: 0`), then pass it as `--base origin/BRANCH`',
        }),
      ]);
      return EXIT.invalid;
    }
    const short = await git(root, ['rev-parse', '--short', commit]);
    const base = await withWorktree(root, commit, (dir) => renderBase(join(dir, prefix)));
    if ('diagnostics' in base) {
      io.err(`fleetform: the base revision ${options.base} (${short}) does not render, so there is nothing to compare with:\n`);
      printDiagnostics(io, base.diagnostics);
      return EXIT.invalid;
    }
    if (base.fleetMissing) io.err(`fleetform: ${options.base} (${short}) has no clusters/fleet.yaml at ${prefix || 'the top'}; every object counts as added\n`);
    const diffs = diffClusters(base.objects, objectsOfLayout(head.layout));
    const sides = { base: options.base, baseCommit: short };
    io.out(options.format === 'markdown' ? formatMarkdown(diffs, sides) : formatText(diffs, sides));
    return EXIT.ok;
  } catch (cause) {
    if (!(cause instanceof GitFailure)) throw cause;
    io.err(`fleetform: ${cause.message}\n`);
    return EXIT.usage;
  }
}
