import { didYouMean, error, hasErrors, type Diagnostic } from '@fleetform/diagnostics';
import { resolveInstances, type AppInstance } from '@fleetform/resolve';
import { loadFleet, type FleetInputs, type InputFiles, type ParseYaml } from '@fleetform/values';
import { editValueFile, type ValueEdit } from './edit-value-file.js';
import { formatImageRef, imageRefOf, isMutable, sameRef, type ImageRef } from './image-ref.js';
import { describeScope, imagePath, inScope, type Scope } from './scope.js';
import { checkAddonRequest, planAddonBump } from './plan-addon-bump.js';
import { checkChartRequest, planChartBump } from './plan-chart-bump.js';
import { isDowngrade } from './versions.js';
import { whereImageIsSet } from './where-set.js';

export interface BumpRequest {
  /** The app whose image changes, or with `subject: 'addon'` the add-on whose chart version does. */
  readonly app: string;
  /** The new image tag or digest; for an add-on, a tag holding the chart version. */
  readonly ref: ImageRef;
  readonly scope: Scope;
  /** What is bumped: an app's image (the default), an add-on's chart version, or a chart app's. */
  readonly subject?: 'image' | 'addon' | 'chart';
}

export interface BumpOptions {
  /** Allow a lower semantic version than a cluster runs now (a deliberate roll-back). */
  readonly allowDowngrade?: boolean;
  /** How value files are parsed: by default afresh; a render's memo of its parses (ParseMemo) makes it cheaper. */
  readonly parseYaml?: ParseYaml;
}

/** A cluster whose image the bump changes. */
export interface ClusterChange {
  readonly cluster: string;
  readonly environment: string;
  readonly region: string;
  readonly before: ImageRef | undefined;
  readonly after: ImageRef | undefined;
}

/** A cluster in scope that keeps its image: it runs the wanted one already, or a higher layer pins another. */
export interface UnchangedCluster {
  readonly cluster: string;
  readonly ref: ImageRef | undefined;
  readonly pinnedBy?: string;
}

export interface AppBump {
  readonly request: BumpRequest;
  /** The value file edited: the app's app.yaml; for an add-on, clusters/fleet.yaml or a cluster.yaml. */
  readonly file: string;
  readonly edits: readonly ValueEdit[];
  readonly changes: readonly ClusterChange[];
  readonly unchanged: readonly UnchangedCluster[];
}

export interface BumpPlan {
  /** The inputs with every edit applied, ready to render. */
  readonly files: InputFiles;
  /** The value files that change, with their new text. */
  readonly edited: ReadonlyMap<string, string>;
  /** Requests that change at least one cluster, in the order given. */
  readonly bumps: readonly AppBump[];
  /** Requests every cluster in scope already runs: nothing to do for them. */
  readonly noOps: readonly AppBump[];
  /** The inputs as they were, validated. */
  readonly inputs: FleetInputs;
}

/**
 * Plans image bumps, in memory: edits the value file where each scope's image lives, checks the
 * new tags against the clusters they reach, and says what every cluster in scope runs before and
 * after. Requests apply one after another, so several apps give one combined change.
 */
export function planBump(files: InputFiles, requests: readonly BumpRequest[], options: BumpOptions = {}): { plan?: BumpPlan; diagnostics: Diagnostic[] } {
  const loaded = loadFleet(files, options.parseYaml);
  if (!loaded.inputs) return { diagnostics: [...loaded.diagnostics] };
  const diagnostics = checkRequests(loaded.inputs, requests);
  if (hasErrors(diagnostics)) return { diagnostics };

  let current: InputFiles = files;
  let inputs = loaded.inputs;
  const bumps: AppBump[] = [];
  const noOps: AppBump[] = [];
  for (const request of requests) {
    const plan = request.subject === 'addon' ? planAddonBump : request.subject === 'chart' ? planChartBump : planOne;
    const outcome = plan(inputs, current, request, options);
    diagnostics.push(...outcome.diagnostics);
    if (!outcome.bump) continue;
    if (outcome.bump.changes.length === 0) {
      noOps.push(outcome.bump);
      continue;
    }
    bumps.push(outcome.bump);
    [current, inputs] = [outcome.files!, outcome.inputs!];
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  const edited = new Map([...current].filter(([path, text]) => files.get(path) !== text));
  return { plan: { files: current, edited, bumps, noOps, inputs: loaded.inputs }, diagnostics };
}

/** Requests that name things that do not exist, or one app twice, fail before anything is planned. */
function checkRequests(inputs: FleetInputs, requests: readonly BumpRequest[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = {
    environment: inputs.fleet.value.environments.map((e) => e.name),
    region: Object.keys(inputs.fleet.value.regions),
    cluster: [...inputs.clusters.keys()],
  };
  const seen = new Set<string>();
  for (const request of requests) {
    const { app, scope } = request;
    const key = `${request.subject ?? 'image'} ${app}`;
    if (seen.has(key)) diagnostics.push(error('FF508', `\`${app}\` is bumped twice in one change`, { hint: 'give each app once' }));
    seen.add(key);
    if (request.subject === 'addon') diagnostics.push(...checkAddonRequest(inputs, request));
    else if (request.subject === 'chart' && inputs.apps.has(app)) diagnostics.push(...checkChartRequest(request));
    else if (!inputs.apps.has(app)) {
      const apps = [...inputs.apps.keys()];
      diagnostics.push(
        error('FF500', `unknown app \`${app}\``, {
          expected: apps.length > 0 ? `one of ${apps.map((a) => `\`${a}\``).join(', ')}` : 'an app in apps/',
          found: `\`${app}\``,
          hint: didYouMean(app, apps),
        }),
      );
    }
    if (scope.kind !== 'app' && !known[scope.kind].includes(scope.name)) {
      diagnostics.push(
        error('FF501', `unknown ${scope.kind} \`${scope.name}\``, {
          expected: `one of ${known[scope.kind].map((n) => `\`${n}\``).join(', ')}`,
          found: `\`${scope.name}\``,
          hint: didYouMean(scope.name, known[scope.kind]),
        }),
      );
    }
  }
  return diagnostics;
}

export interface Outcome {
  readonly bump?: AppBump;
  readonly files?: InputFiles;
  readonly inputs?: FleetInputs;
  readonly diagnostics: Diagnostic[];
}

function planOne(inputs: FleetInputs, files: InputFiles, request: BumpRequest, options: BumpOptions): Outcome {
  const { app, ref, scope } = request;
  const file = inputs.apps.get(app)!.file;
  const before = resolveInstances(inputs, app).filter((i) => inScope(scope, i));
  if (before.length === 0) {
    return { diagnostics: [error('FF505', `${app} runs on no cluster in ${describeScope(scope)}`, { position: { file, line: 1, col: 1 }, path: '/targets', hint: 'check `targets` in its app.yaml' })] };
  }

  const edits = imageEdits(inputs, request);
  let edited = applyEdits(inputs, files, file, edits, options.parseYaml);
  // A tag does nothing where a digest still pins the image, so an inherited digest is unset too.
  if (ref.kind === 'tag' && 'after' in edited && edited.after.some((i) => inScope(scope, i) && i.values.image?.digest)) {
    const path = [...imagePath(scope), 'digest'];
    edited = applyEdits(inputs, files, file, [...edits.filter((e) => e.path.join('.') !== path.join('.')), { path, value: null }], options.parseYaml);
  }
  if ('diagnostics' in edited) return { diagnostics: edited.diagnostics };

  const after = new Map(edited.after.map((i) => [i.cluster, i]));
  const changes: ClusterChange[] = [];
  const unchanged: UnchangedCluster[] = [];
  for (const instance of before) {
    const [was, will] = [imageRefOf(instance.values.image), imageRefOf(after.get(instance.cluster)?.values.image)];
    if (!sameRef(was, will)) changes.push({ cluster: instance.cluster, environment: instance.environment, region: instance.region, before: was, after: will });
    else if (sameRef(was, ref)) unchanged.push({ cluster: instance.cluster, ref: was });
    else unchanged.push({ cluster: instance.cluster, ref: was, pinnedBy: whereImageIsSet(edited.inputs, after.get(instance.cluster)!)?.layer.name });
  }
  const bump: AppBump = { request, file, edits: edited.edits, changes, unchanged };

  const diagnostics = [...checkImmutable(inputs, bump), ...(options.allowDowngrade ? [] : checkDowngrade(inputs, bump, before))];
  if (changes.length === 0 && unchanged.some((u) => u.pinnedBy)) diagnostics.push(pinnedEverywhere(inputs, bump, before));
  return { bump, files: edited.files, inputs: edited.inputs, diagnostics };
}

function imageEdits(inputs: FleetInputs, { app, ref, scope }: BumpRequest): ValueEdit[] {
  const path = imagePath(scope);
  if (ref.kind === 'digest') return [{ path: [...path, 'digest'], value: ref.digest }];
  const own = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], inputs.apps.get(app)!.value) as { digest?: unknown } | undefined;
  const edits: ValueEdit[] = [{ path: [...path, 'tag'], value: ref.tag }];
  if (own?.digest !== undefined) edits.push({ path: [...path, 'digest'], delete: true });
  return edits;
}

function applyEdits(
  inputs: FleetInputs,
  files: InputFiles,
  file: string,
  edits: ValueEdit[],
  parseYaml?: ParseYaml,
): { files: InputFiles; inputs: FleetInputs; after: AppInstance[]; edits: ValueEdit[] } | { diagnostics: Diagnostic[] } {
  const result = editValueFile(file, files.get(file)!, edits);
  if ('diagnostic' in result) return { diagnostics: [result.diagnostic] };
  const patched = new Map(files).set(file, result.text);
  const loaded = loadFleet(patched, parseYaml);
  if (!loaded.inputs) return { diagnostics: [...loaded.diagnostics] };
  const app = [...inputs.apps.values()].find((a) => a.file === file)!.name;
  return { files: patched, inputs: loaded.inputs, after: resolveInstances(loaded.inputs, app), edits };
}

function checkImmutable(inputs: FleetInputs, bump: AppBump): Diagnostic[] {
  const { ref } = bump.request;
  if (!isMutable(ref)) return [];
  const immutable = new Set(inputs.fleet.value.environments.filter((e) => e.immutableTags).map((e) => e.name));
  const refused = [...new Set(bump.changes.filter((c) => immutable.has(c.environment)).map((c) => c.environment))];
  return refused.map((environment) =>
    error('FF503', `environment ${environment} refuses the mutable tag \`${formatImageRef(ref)}\``, {
      position: inputs.fleet.source.positionOf(['environments', inputs.fleet.value.environments.findIndex((e) => e.name === environment), 'immutableTags']),
      expected: 'a tag that always names the same image, such as a version, or a digest',
      found: `\`${formatImageRef(ref)}\``,
      hint: 'bump to the version tag or the digest that `latest` points to now',
    }),
  );
}

function checkDowngrade(inputs: FleetInputs, bump: AppBump, before: readonly AppInstance[]): Diagnostic[] {
  const { ref } = bump.request;
  if (ref.kind !== 'tag') return [];
  const lower = bump.changes.filter((c) => c.before?.kind === 'tag' && isDowngrade(c.before.tag, ref.tag));
  if (lower.length === 0) return [];
  const first = before.find((i) => i.cluster === lower[0]!.cluster)!;
  const current = [...new Set(lower.map((c) => formatImageRef(c.before)))].join(', ');
  return [
    error('FF504', `${ref.tag} is lower than ${current}, which ${lower.map((c) => c.cluster).join(', ')} ${lower.length === 1 ? 'runs' : 'run'}`, {
      position: whereImageIsSet(inputs, first)?.position,
      expected: `a version not lower than ${current}`,
      found: ref.tag,
      hint: 'pass --allow-downgrade to roll back on purpose',
    }),
  ];
}

/** Positions point into the files as they are, since the edit is not written. */
function pinnedEverywhere(inputs: FleetInputs, bump: AppBump, before: readonly AppInstance[]): Diagnostic {
  const pinned = bump.unchanged.filter((u) => u.pinnedBy);
  const first = before.find((i) => i.cluster === pinned[0]!.cluster)!;
  const where = whereImageIsSet(inputs, first);
  return error('FF506', `the bump changes no cluster: ${pinned.map((u) => `${u.cluster} takes its image from ${u.pinnedBy}`).join('; ')}`, {
    position: where?.position,
    hint: `bump that layer instead (for one cluster: --cluster ${pinned[0]!.cluster}), or remove the pin`,
  });
}
