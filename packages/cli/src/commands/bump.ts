import { resolve } from 'node:path';
import {
  changedFiles,
  describeScope,
  formatImageRef,
  parseImageRef,
  prepareChange,
  renderInFull,
  type BumpRequest,
  type ImageRef,
  type PreparedChange,
  type Promotion,
  type RenderChange,
  type Scope,
} from '@fleetform/bump';
import { diffClusters, formatMarkdown } from '@fleetform/diff';
import { error, FleetformError, hasErrors, isFleetformError, type Diagnostic } from '@fleetform/diagnostics';
import { LockedError } from '@fleetform/emit';
import { branchName, compileTemplates, LocalRepository, openPullRequest, type ChangeContext, type RetryPolicy } from '@fleetform/pull-request';
import { readInputs, type InputFiles, type ParseYaml } from '@fleetform/values';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { printDiagnostics } from '../report.js';
import { EarlierRender, OWNERSHIP, planRender, type PlannedRender } from '../planned-render.js';
import { underWriteLock, warnUnsaved, writeGeneratedFiles } from './render.js';

/** What `--pr` needs from outside the program; tests pass their own. */
export interface CommandContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly retry?: Partial<Omit<RetryPolicy, 'notify'>>;
}

export const processContext: CommandContext = { env: process.env };

/** Options bump and promote share. */
export interface ChangeOptions {
  readonly root: string;
  readonly allowDowngrade: boolean;
  readonly dryRun: boolean;
  readonly pr: boolean;
  readonly remote?: string;
  readonly base?: string;
  readonly apiUrl?: string;
}

export interface BumpOptions extends ChangeOptions {
  readonly env?: string;
  readonly region?: string;
  readonly cluster?: string;
  /** The targets are add-ons and chart versions, not apps and image tags. */
  readonly addon?: boolean;
  /** The targets are apps from Helm charts and chart versions. */
  readonly chart?: boolean;
}

/** What a command changes, planned from the inputs of whichever checkout it runs on. */
export interface ChangeSource {
  readonly command: 'bump' | 'promote';
  /** The requests a change makes of the value files; `parseYaml` is how the render that follows parses them (see Renderer). */
  readonly plan: (files: InputFiles, parseYaml?: ParseYaml) => { requests?: readonly BumpRequest[]; promotion?: Promotion; diagnostics: Diagnostic[] };
}

/** `fleetform bump APP TAG` or `fleetform bump APP=TAG...`: set image tags or digests, re-render, and write or propose the change. */
export async function runBump(io: Io, targets: readonly string[], options: BumpOptions, context: CommandContext = processContext): Promise<ExitCode> {
  const scopes: Scope[] = [
    ...(options.env !== undefined ? [{ kind: 'environment', name: options.env } as const] : []),
    ...(options.region !== undefined ? [{ kind: 'region', name: options.region } as const] : []),
    ...(options.cluster !== undefined ? [{ kind: 'cluster', name: options.cluster } as const] : []),
  ];
  if (scopes.length > 1) return usage(io, 'give at most one of --env, --region and --cluster: each has its own place in app.yaml');
  const pairs = targetPairs(targets);
  if (options.addon && options.chart) return usage(io, 'give --addon or --chart, not both');
  if (typeof pairs === 'string') {
    const form = options.addon ? '`ADDON VERSION`, or one or more `ADDON=VERSION`' : options.chart ? '`APP VERSION`, or one or more `APP=VERSION`' : undefined;
    return usage(io, form ? pairs.replace('`APP TAG`, or one or more `APP=TAG` (a TAG may be @sha256:DIGEST)', form) : pairs);
  }
  const scope = scopes[0] ?? { kind: 'app' };
  if (options.addon || options.chart) {
    // A chart version is checked by the planner (FF518), so a range gets the same error everywhere.
    const subject = options.addon ? ('addon' as const) : ('chart' as const);
    const requests = pairs.map(([name, version]) => ({ app: name, ref: { kind: 'tag', tag: version } as const, scope, subject }));
    return runChange(io, { command: 'bump', plan: () => ({ requests, diagnostics: [] }) }, options, context);
  }
  const parsed = pairs.map(([app, text]) => ({ app, ref: parseImageRef(text) }));
  const invalid = parsed.flatMap((p) => ('code' in p.ref ? [p.ref] : []));
  if (invalid.length > 0) {
    printDiagnostics(io, invalid);
    return EXIT.invalid;
  }
  const requests = parsed.map(({ app, ref }) => ({ app, ref: ref as ImageRef, scope }));
  return runChange(io, { command: 'bump', plan: () => ({ requests, diagnostics: [] }) }, options, context);
}

/** `APP TAG`, or one or more `APP=TAG`; a usage message otherwise. */
function targetPairs(targets: readonly string[]): [string, string][] | string {
  if (targets.every((t) => t.includes('='))) return targets.map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)]);
  if (targets.length === 2 && !targets.some((t) => t.includes('='))) return [[targets[0]!, targets[1]!]];
  return 'give `APP TAG`, or one or more `APP=TAG` (a TAG may be @sha256:DIGEST)';
}

/** Plans a change, prints it, and writes it or proposes it as a pull request. Bump and promote both end here. */
export async function runChange(io: Io, source: ChangeSource, options: ChangeOptions, context: CommandContext): Promise<ExitCode> {
  if (!options.pr && (options.remote !== undefined || options.base !== undefined || options.apiUrl !== undefined)) {
    return usage(io, '--remote, --base and --api-url only apply with --pr');
  }
  const token = context.env.GITHUB_TOKEN || context.env.GH_TOKEN || '';
  if (options.pr && !options.dryRun && token === '') {
    printDiagnostics(io, [error('FF600', 'no GitHub token to open the pull request with', { hint: 'set GITHUB_TOKEN or GH_TOKEN (it is read from the environment only, never from a file)' })]);
    return EXIT.invalid;
  }
  const safe = redacting(io, token);
  const root = resolve(options.root);
  try {
    if (options.pr || options.dryRun) {
      // A dry run of a pull request shows its body, with the diff of every cluster's objects.
      const renderer = options.pr && options.dryRun ? { render: renderInFull(root, OWNERSHIP, { objects: true }) } : await incrementalRender(root);
      const planned = await planAndPrint(safe, root, source, options, renderer);
      if (typeof planned === 'number') return planned;
      if (!options.pr) {
        safe.out('fleetform: dry run: nothing written\n');
        return EXIT.ok;
      }
      return await propose(safe, root, source, options, context, token, planned.change, planned.promotion);
    }
    // Planned under the write lock, so a bump or render that wrote meanwhile is built on, not undone.
    return await underWriteLock(safe, root, async () => {
      // Rendered as `fleetform render` does, from what the last render left, and written with its state.
      const incremental = await incrementalRender(root);
      const planned = await planAndPrint(safe, root, source, options, incremental);
      if (typeof planned === 'number') return planned;
      warnUnsaved(safe, await incremental.write(planned.change));
      safe.out(`fleetform: wrote ${changedFiles(planned.change).length} files\n`);
      return EXIT.ok;
    });
  } catch (cause) {
    if (cause instanceof LockedError) {
      // As `render` says it: another fleetform is writing, which is no fault of the input.
      safe.err(`fleetform: ${cause.message}; wait for it to finish (or remove ${root}/.fleetform.lock if no fleetform is running)\n`);
      return EXIT.usage;
    }
    if (!isFleetformError(cause)) throw cause;
    printDiagnostics(safe, cause.diagnostics);
    return EXIT.invalid;
  }
}

/** Plans the change from the inputs on disk and prints it; an exit code when there is nothing more to do. */
async function planAndPrint(io: Io, root: string, source: ChangeSource, options: ChangeOptions, renderer: Renderer): Promise<{ change: PreparedChange; promotion?: Promotion } | ExitCode> {
  const prepared = await prepare(await readInputs(root), source, options, renderer);
  printDiagnostics(io, prepared.diagnostics);
  if (!prepared.change) return EXIT.invalid;
  printPlan(io, prepared.change, options, prepared.promotion);
  return prepared.change.bump.bumps.length === 0 ? EXIT.ok : { change: prepared.change, promotion: prepared.promotion };
}

/** How a change is rendered, and how its planning parses the value files. */
interface Renderer {
  readonly render: RenderChange;
  readonly parseYaml?: ParseYaml;
}

async function prepare(files: InputFiles, source: ChangeSource, options: ChangeOptions, { render, parseYaml }: Renderer): Promise<{ change?: PreparedChange; promotion?: Promotion; diagnostics: Diagnostic[] }> {
  const { requests, promotion, diagnostics } = source.plan(files, parseYaml);
  if (!requests || hasErrors(diagnostics)) return { diagnostics };
  const prepared = await prepareChange(files, requests, { allowDowngrade: options.allowDowngrade, parseYaml }, render);
  return { ...prepared, promotion, diagnostics: [...diagnostics, ...prepared.diagnostics] };
}

async function propose(io: Io, root: string, source: ChangeSource, options: ChangeOptions, context: CommandContext, token: string, change: PreparedChange, promotion: Promotion | undefined): Promise<ExitCode> {
  const fleet = change.bump.inputs.fleet;
  const settings = fleet.value.pullRequests ?? {};
  const render = compileTemplates(settings, (key) => fleet.source.positionOf(['pullRequests', key]));
  const remote = options.remote ?? 'origin';
  const branch = branchName(branchWords(source.command, change, promotion));
  const labels = settings.labels ?? [];

  if (options.dryRun) {
    const base = options.base ?? (await defaultBranch(root, remote)) ?? `the default branch of ${remote}`;
    const text = render({ ...changeContext(source.command, change, promotion), branch, base });
    io.out(`branch: ${branch}, pushed to ${remote}, into ${base}\n`);
    io.out(`commit message:\n${indent(text.commitMessage)}`);
    io.out(`pull request: ${text.title}${labels.length > 0 ? `\nlabels: ${labels.join(', ')}` : ''}\n${indent(`${text.body}\n`)}`);
    io.out('fleetform: dry run: nothing written, committed or pushed\n');
    return EXIT.ok;
  }

  const result = await openPullRequest({
    root,
    remote,
    base: options.base,
    branch,
    labels,
    token,
    apiUrls: [options.apiUrl, context.env.GITHUB_API_URL, settings.apiUrl],
    render,
    notify: (line) => io.err(`fleetform: ${line}\n`),
    retry: context.retry,
    apply: async (checkout) => {
      // A fresh checkout has no earlier render to build on; the pull request shows the objects' diff.
      const prepared = await prepare(await readInputs(checkout), source, options, { render: renderInFull(checkout, OWNERSHIP, { objects: true }) });
      if (!prepared.change) throw new FleetformError(prepared.diagnostics.filter((d) => d.severity === 'error'));
      if (prepared.change.bump.bumps.length === 0) return undefined;
      await writeGeneratedFiles(io, checkout, prepared.change.wanted);
      return { files: changedFiles(prepared.change).map((f) => f.path), context: changeContext(source.command, prepared.change, prepared.promotion) };
    },
  });
  if (result.outcome === 'unchanged') {
    io.out(`fleetform: ${result.base} on ${remote} has this change already; no pull request needed\n`);
  } else {
    const pushed = result.pushed ? `pushed ${branch} (${result.commit!.slice(0, 12)}) and ` : `${branch} has the change already; `;
    io.out(`fleetform: ${pushed}${result.outcome === 'created' ? 'opened' : 'updated'} pull request #${result.pullRequest!.number}: ${result.pullRequest!.url}\n`);
  }
  return EXIT.ok;
}

/**
 * The render a change in the repository itself is planned with: `fleetform render`'s, which builds
 * only what the edit touches and parses only the value files the last render did not, kept so that
 * `write` puts the change on disk with the state for the next render.
 */
async function incrementalRender(root: string): Promise<Renderer & { write(change: PreparedChange): Promise<EarlierRender> }> {
  const earlier = await EarlierRender.read(root);
  const { ParseMemo } = await import('./render-apps.js');
  const parses = new ParseMemo((await earlier.memo())?.parsed);
  let planned: PlannedRender | undefined;
  return {
    parseYaml: parses.parse,
    render: async (after) => {
      const outcome = await planRender(root, after, { earlier, parses });
      planned = outcome.planned;
      return { diagnostics: outcome.diagnostics, generated: planned && { wanted: planned.wanted, plan: planned.plan } };
    },
    write: async (change) => {
      if (!planned) throw new Error('nothing was rendered to write');
      return planned.write(change.wanted, change.plan);
    },
  };
}

/** The remote's default branch, for a dry run to show; asking changes nothing, and failing is fine. */
async function defaultBranch(root: string, remote: string): Promise<string | undefined> {
  try {
    return await (await LocalRepository.open(root)).defaultBranch(remote);
  } catch {
    return undefined;
  }
}

/** The change as the terminal and the pull request templates describe it. */
export function changeContext(command: 'bump' | 'promote', change: PreparedChange, promotion: Promotion | undefined): ChangeContext {
  const { bumps } = change.bump;
  const apps = bumps.map((b) => ({
    app: subjectOf(b.request),
    scope: describeScope(b.request.scope),
    before: [...new Set(b.changes.map((c) => formatImageRef(c.before)))].join(', '),
    after: formatImageRef(b.request.ref),
    clusters: b.changes.map((c) => c.cluster),
  }));
  const changes = bumps.flatMap((b) => b.changes.map((c) => ({ app: subjectOf(b.request), cluster: c.cluster, environment: c.environment, region: c.region, before: formatImageRef(c.before), after: formatImageRef(c.after) })));
  const files = changedFiles(change);
  const summary = promotion
    ? `Promote ${promotion.app} ${formatImageRef(promotion.ref)} from ${promotion.from} to ${promotion.to}`
    : `Bump ${apps.map((a) => `${a.app} to ${a.after}`).join(', ')} ${placeOf(bumps[0]!.request.scope)}`;
  return {
    command,
    summary,
    scope: [...new Set(apps.map((a) => a.scope))].join(', '),
    apps,
    changes,
    clusters: [...new Set(changes.map((c) => c.cluster))].sort(),
    files,
    promotion: promotion ? { app: promotion.app, image: formatImageRef(promotion.ref), from: promotion.from, to: promotion.to, skipped: promotion.skipped } : null,
    diff: change.objects
      ? formatMarkdown(diffClusters(change.objects.before, change.objects.after), { base: 'the base branch', head: 'this change' })
      : [`${files.length} file${files.length === 1 ? '' : 's'} change:`, '', ...files.map((f) => `- ${f.change} \`${f.path}\``)].join('\n'),
  };
}

/** What a bump changes, as people read it: `dbupgrade`, `add-on cert-manager`, or `podinfo chart` for a chart version. */
const subjectOf = (request: BumpRequest): string => (request.subject === 'addon' ? `add-on ${request.app}` : request.subject === 'chart' ? `${request.app} chart` : request.app);

const placeOf = (scope: Scope): string => (scope.kind === 'app' ? 'on every cluster' : scope.kind === 'cluster' ? `on cluster ${scope.name}` : `in ${describeScope(scope)}`);

function branchWords(command: 'bump' | 'promote', change: PreparedChange, promotion: Promotion | undefined): string[] {
  const word = (ref: ImageRef) => formatImageRef(ref).replace(/^@/, '');
  if (promotion) return ['promote', promotion.app, word(promotion.ref), 'to', promotion.to];
  const { bumps } = change.bump;
  const scope = bumps[0]!.request.scope;
  return [command, ...bumps.flatMap((b) => [...(b.request.subject === 'addon' || b.request.subject === 'chart' ? [b.request.subject] : []), b.request.app, word(b.request.ref)]), ...(scope.kind === 'app' ? [] : [scope.name])];
}

function printPlan(io: Io, change: PreparedChange, options: ChangeOptions, promotion: Promotion | undefined): void {
  const { bumps, noOps, inputs } = change.bump;
  if (promotion) {
    const skipping = promotion.skipped.length > 0 ? `, skipping ${promotion.skipped.join(', ')}` : '';
    io.out(`fleetform: promote ${promotion.app} ${formatImageRef(promotion.ref)} from ${promotion.from} (${promotion.clusters.join(', ')}) to ${promotion.to}${skipping}\n`);
  }
  for (const noOp of noOps) {
    const { ref, scope } = noOp.request;
    io.out(`fleetform: ${subjectOf(noOp.request)} already runs ${formatImageRef(ref)} ${placeOf(scope)} (${noOp.unchanged.map((u) => u.cluster).join(', ')}); nothing to do\n`);
  }
  for (const bump of bumps) {
    const { ref, scope } = bump.request;
    io.out(`fleetform: bump ${subjectOf(bump.request)} to ${formatImageRef(ref)} ${placeOf(scope)}\n`);
    const width = Math.max(...[...bump.changes, ...bump.unchanged].map((c) => c.cluster.length));
    for (const c of bump.changes) io.out(`  ${c.cluster.padEnd(width)}  ${formatImageRef(c.before)} → ${formatImageRef(c.after)}\n`);
    for (const u of bump.unchanged) io.out(`  ${u.cluster.padEnd(width)}  keeps ${formatImageRef(u.ref)}${u.pinnedBy ? `, set by ${u.pinnedBy}` : ', already'}\n`);
  }
  const files = changedFiles(change);
  if (files.length > 0) io.out(`files:\n${files.map((f) => `  ${f.change.padEnd(8)} ${f.path}\n`).join('')}`);
  const byPullRequest = inputs.fleet.value.environments.filter((e) => e.promotion === 'pullRequest').map((e) => e.name);
  const reached = [...new Set(bumps.flatMap((b) => b.changes.map((c) => c.environment)))].filter((e) => byPullRequest.includes(e));
  const what = bumps.every((b) => b.request.subject === 'addon' || b.request.subject === 'chart') ? 'new chart versions' : 'new images';
  if (!options.pr && reached.length > 0) io.out(`note: ${reached.join(', ')} takes ${what} by pull request (promotion: pullRequest in clusters/fleet.yaml); add --pr\n`);
}

const indent = (text: string): string => text.replace(/^(?=.)/gm, '  ');

function usage(io: Io, message: string): ExitCode {
  io.err(`error: ${message}\n(run \`fleetform --help\` for usage)\n`);
  return EXIT.usage;
}

/** Output with the token blanked out, whatever a remote or a server put into a message. */
function redacting(io: Io, token: string): Io {
  if (token === '') return io;
  const clean = (text: string) => text.split(token).join('***');
  return { ...io, out: (text) => io.out(clean(text)), err: (text) => io.err(clean(text)) };
}
