import { type Diagnostic, error, type SourcePosition } from '@fleetform/diagnostics';
import { ApplicationSetMismatchError, deliveryValues, DuplicatePathError, layoutApps, layoutClusters, OverlayNameClashError, type BuiltApp, type BuiltFleet, type FleetLayout, type GeneratedFile } from '@fleetform/layout';
import { buildAppObjects, objectId, type AppObjects, scopesFrom, SyncWaveTable, type KubeObject, type Scopes } from '@fleetform/objects';
import { resolveBase, resolveInstances, valuePositions, type Layer } from '@fleetform/resolve';
import { appOfPath, loadFleet, type FleetInputs, type InputFiles, type ParseYaml } from '@fleetform/values';
import type { PathSegment, SourceDocument } from '@fleetform/yaml';
import { appKeys, clusterKeys, type AppKeys } from './app-keys.js';
import { builtFromRecord, deliveryOf, recordOf, type AppDelivery, type AppRecord, type ClusterRecord, type ReusableApp } from './app-record.js';
import { checkChartApp } from './chart-checks.js';
import { imageOverrides } from './image-overrides.js';

export interface RenderResult {
  /** Present when the fleet rendered without errors. */
  readonly layout?: FleetLayout;
  readonly inputs?: FleetInputs;
  readonly diagnostics: readonly Diagnostic[];
  /** Present with the layout: every app's record, for a later render to reuse. */
  readonly records?: ReadonlyMap<string, AppRecord>;
  /** The apps this render built (the others it reused). */
  readonly built?: readonly string[];
  /** Present with the layout: every cluster's record (its key and its own files), for a later render to reuse. */
  readonly clusterRecords?: ReadonlyMap<string, ClusterRecord>;
  /** The clusters whose own files this render took from an earlier one (RenderOptions.reuseCluster). */
  readonly reusedClusters?: readonly string[];
}

export interface RenderOptions {
  /**
   * An app already built and laid out: by an earlier render whose files are still on disk as it
   * wrote them, with the key (see appKeys) it had then, or by a worker of this render. Such an app
   * is not built or laid out again.
   */
  readonly reuse?: (app: string, key: string) => ReusableApp | undefined;
  /**
   * A cluster's own files from an earlier render, still on disk as it wrote them, when they had the
   * key (see clusterKeys) they have now: taken as they are instead of laid out again.
   */
  readonly reuseCluster?: (cluster: string, key: string) => ClusterRecord | undefined;
  /** Build only these apps (a worker's share); the others are left out of the result. */
  readonly only?: ReadonlySet<string>;
  /** The inputs loaded already (see prepareRender), so they are not loaded twice. */
  readonly prepared?: PreparedRender;
}

/** The inputs loaded and checked, and every app's key: what deciding which apps to build needs. */
export interface PreparedRender {
  readonly loaded: ReturnType<typeof loadFleet>;
  readonly keys: ReadonlyMap<string, string>;
  readonly sharedKey: string;
}

export function prepareRender(files: InputFiles, parseYaml?: ParseYaml): PreparedRender {
  const loaded = loadFleet(files, parseYaml);
  const keys: AppKeys = loaded.inputs ? appKeys(files, loaded.inputs, crdsOf(loaded.inputs)) : { apps: new Map(), shared: '' };
  return { loaded, keys: keys.apps, sharedKey: keys.shared };
}

function crdsOf(inputs: FleetInputs): KubeObject[] {
  return [...inputs.apps.values()].flatMap((a) => a.resources.map((r) => r.object)).filter((o) => o.kind === 'CustomResourceDefinition');
}

/**
 * The whole render, pure: load and validate the inputs, resolve every app on every cluster, build
 * the objects, lay them out as files. Nothing touches the disk; the caller decides what to write.
 */
export function renderFleet(files: InputFiles, options: RenderOptions = {}): RenderResult {
  const { loaded, keys, sharedKey } = options.prepared ?? prepareRender(files);
  if (!loaded.inputs) return { diagnostics: loaded.diagnostics };
  const { inputs } = loaded;
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const scopes = scopesFrom(crdsOf(inputs));
  const reused = new Map<string, ReusableApp>();
  const appDiagnostics = new Map<string, readonly Diagnostic[]>();
  const names = [...inputs.apps.keys()].filter((name) => options.only?.has(name) ?? true);
  const apps = names.map((name) => {
    const key = keys.get(name)!;
    const earlier = options.reuse?.(name, key);
    if (earlier) {
      reused.set(name, earlier);
      diagnostics.push(...earlier.record.diagnostics);
      return builtFromRecord(earlier);
    }
    const own: Diagnostic[] = [];
    const built = buildApp(inputs, name, scopes, own);
    appDiagnostics.set(name, own);
    diagnostics.push(...own);
    return built;
  });
  diagnostics.push(...findClashesAcrossApps(apps, (app) => app.reused !== undefined && !reused.get(app.app.name)?.builtNow));
  const unique = dedupeAcrossTargets(diagnostics);
  if (unique.some((d) => d.severity === 'error')) return { inputs, diagnostics: unique };
  const built: BuiltFleet = {
    fleet: inputs.fleet.value,
    fleetFile: inputs.fleet.file,
    clusters: [...inputs.clusters.values()].map((c) => ({ name: c.name, environment: c.value.environment, region: c.value.region, file: c.file, server: c.value.server, labels: c.value.labels, addons: c.value.addons })),
    apps,
  };
  try {
    // The apps first: their overlays are part of what the cluster-level files read of them.
    const appsLayout = layoutApps(built);
    const deliveries = new Map<string, AppDelivery>(apps.map((app) => [app.app.name, reused.get(app.app.name)?.record ?? deliveryOf(app, appsLayout.overlays.get(app.app.name)!)]));
    const ownKeys = clusterKeys(
      sharedKey,
      built.clusters.map((c) => c.name),
      [...deliveries].map(([name, delivery]) => ({ name, clusters: delivery.instances.map((i) => i.cluster), deliveryKey: delivery.deliveryKey })),
    );
    const reusedClusters = new Map<string, ClusterRecord>();
    for (const [cluster, key] of ownKeys) {
      const earlier = options.reuseCluster?.(cluster, key);
      if (earlier) reusedClusters.set(cluster, earlier);
    }
    const layout = layoutClusters(built, appsLayout, new Map([...reusedClusters].map(([cluster, record]) => [cluster, record.files])));
    const filesOf = filesBy(layout.generated, appOfPath);
    const records = new Map(
      apps.map((app) => {
        const { name } = app.app;
        const record = reused.get(name)?.record ?? recordOf(keys.get(name)!, deliveries.get(name)!, filesOf.get(name) ?? [], appDiagnostics.get(name)!);
        return [name, record] as const;
      }),
    );
    const builtNow = apps.filter((a) => !a.reused || reused.get(a.app.name)?.builtNow).map((a) => a.app.name);
    const clusterFiles = filesBy(layout.generated, clusterOfPath);
    const clusterRecords = new Map(
      [...ownKeys].map(([cluster, key]) => [cluster, reusedClusters.get(cluster) ?? { key, files: new Map(clusterFiles.get(cluster) ?? []) }] as const),
    );
    return { inputs, layout, diagnostics: unique, records, built: builtNow, clusterRecords, reusedClusters: [...reusedClusters.keys()] };
  } catch (cause) {
    if (cause instanceof OverlayNameClashError) {
      // The cluster's folder is its name, so its cluster.yaml is where to look.
      const file = inputs.clusters.get(cause.cluster)?.file;
      const position = file === undefined ? undefined : { file, line: 1, col: 1 };
      return { inputs, diagnostics: [...unique, error('FF215', cause.message, { position, hint: 'cluster names must not look like another `<region>-<environment>`' })] };
    }
    // Both come from how fleet.yaml's Argo CD settings group apps and clusters: point there.
    const argocd = inputs.fleet.source.positionOf(['argocd']);
    if (cause instanceof ApplicationSetMismatchError) {
      return { inputs, diagnostics: [...unique, error('FF216', cause.message, { position: argocd, hint: 'the apps of one ApplicationSet share one template, so they must sync alike' })] };
    }
    if (cause instanceof DuplicatePathError) {
      return {
        inputs,
        diagnostics: [
          ...unique,
          error('FF220', `two generated files would both be ${cause.path}${cause.sources.length === 2 ? `: one is made from ${cause.sources[0]}; the other from ${cause.sources[1]}` : ''}`, {
            position: argocd,
            hint: 'an ApplicationSet (argocd.applicationSet, or a hub ApplicationSet named after an app or team) has the name of another one on the same cluster; rename one',
          }),
        ],
      };
    }
    throw cause;
  }
}

function buildApp(inputs: FleetInputs, name: string, scopes: Scopes, diagnostics: Diagnostic[]): BuiltApp {
  const files = inputs.apps.get(name)!;
  const common = { resources: files.resources, scopes };
  const waves = (values: { syncWaves?: Record<string, number> }) => SyncWaveTable.from(inputs.fleet.value.syncWaves, values.syncWaves);
  const base = resolveBase(inputs, name);
  const builtBase = buildAppObjects({
    ...common,
    app: base.app,
    values: base.values,
    imageMode: { kind: 'base' },
    target: 'base',
    syncWaves: waves(base.values),
    locate: locator(inputs, base.layers, files.source),
  });
  diagnostics.push(...builtBase.diagnostics);
  // Clusters of one region and environment mostly resolve an app to the same values, and the objects
  // are a function of the values and the registry alone (the cluster's name only reaches messages),
  // so a build without problems is shared by every cluster that resolves alike. Problems are built
  // per cluster, so each message names its own.
  const clean = new Map<string, AppObjects>();
  // Clusters that resolve alike mostly share one values object (see resolveInstances): its text is taken once.
  const texts = new Map<object, string>();
  const instances = resolveInstances(inputs, name).map((instance) => {
    let text = texts.get(instance.values);
    if (text === undefined) texts.set(instance.values, (text = JSON.stringify(instance.values)));
    const sameAs = `${instance.registry}\u0000${text}`;
    const built =
      clean.get(sameAs) ??
      buildAppObjects({
        ...common,
        app: instance.app,
        values: instance.values,
        imageMode: { kind: 'cluster', registry: instance.registry },
        target: instance.cluster,
        syncWaves: waves(instance.values),
        locate: locator(inputs, instance.layers, files.source),
      });
    if (built.diagnostics.length === 0) clean.set(sameAs, built);
    diagnostics.push(...built.diagnostics, ...checkChartApp(inputs.fleet.value, instance.cluster, instance.values, locator(inputs, instance.layers, files.source)));
    return {
      cluster: instance.cluster,
      environment: instance.environment,
      region: instance.region,
      // Only what the cluster-level files read, so that a reused app's record gives them the same.
      values: deliveryValues(instance.values),
      objects: built.objects,
      images: imageOverrides(base.values, instance.values, instance.registry),
    };
  });
  return { app: base.app, base: builtBase.objects, instances };
}

/**
 * The files grouped by the app or cluster each belongs to (`ownerOf`, undefined for none): an app's
 * own files are under apps/NAME/, a cluster's under clusters/NAME/.
 */
function filesBy(files: ReadonlyMap<string, GeneratedFile>, ownerOf: (path: string) => string | undefined): Map<string, [string, GeneratedFile][]> {
  const byOwner = new Map<string, [string, GeneratedFile][]>();
  for (const [path, file] of files) {
    const owner = ownerOf(path);
    if (owner === undefined) continue;
    const owned = byOwner.get(owner) ?? [];
    owned.push([path, file]);
    byOwner.set(owner, owned);
  }
  return byOwner;
}

const clusterOfPath = (path: string): string | undefined => /^clusters\/([^/]+)\//.exec(path)?.[1];

/**
 * Where a merged value was written: in the file of the last layer that sets it (a profile in
 * fleet.yaml, a cluster.yaml, an override), or for a value no layer sets (one that is missing), at
 * the deepest part of its path in app.yaml.
 */
function locator(inputs: FleetInputs, layers: readonly Layer[], app: SourceDocument): (path: readonly PathSegment[]) => SourcePosition {
  const positionOf = valuePositions(inputs, layers);
  return (path) => positionOf(path) ?? app.positionOf(path);
}

/**
 * Two apps deploying the same object to one cluster would fight over it in Argo CD. Apps an earlier
 * render checked (`checkedBefore`: it succeeded, so they had no clash among them) can only clash
 * with an app built now, so of their objects only those named like one of its objects are looked at.
 */
function findClashesAcrossApps(apps: readonly BuiltApp[], checkedBefore: (app: BuiltApp) => boolean): Diagnostic[] {
  /** Per cluster, which app deploys each object (by objectId). */
  const owners = new Map<string, Map<string, string>>();
  const diagnostics: Diagnostic[] = [];
  const fresh = apps.filter((app) => !checkedBefore(app));
  const namesNow = new Set(fresh.flatMap((app) => app.instances.flatMap((i) => i.objects.map((o) => o.metadata.name))));
  // Clusters that resolve an app alike share one array of objects: which of them to look at, and
  // their ids, are found once per array.
  const looked = new Map<readonly KubeObject[], readonly (readonly [KubeObject, string])[]>();
  const lookedAt = (objects: readonly KubeObject[], checked: boolean) => {
    let found = looked.get(objects);
    if (found === undefined) {
      found = objects.filter((object) => !checked || namesNow.has(object.metadata.name)).map((object) => [object, objectId(object)] as const);
      looked.set(objects, found);
    }
    return found;
  };
  for (const app of apps) {
    const checked = checkedBefore(app);
    for (const instance of app.instances) {
      let owner = owners.get(instance.cluster);
      if (!owner) owners.set(instance.cluster, (owner = new Map()));
      for (const [object, id] of lookedAt(instance.objects as readonly KubeObject[], checked)) {
        const before = owner.get(id);
        if (before !== undefined && before !== app.app.name) {
          diagnostics.push(
            error('FF214', `apps \`${before}\` and \`${app.app.name}\` both deploy ${object.kind} \`${object.metadata.name}\` to cluster ${instance.cluster}`, {
              position: { file: app.app.file, line: 1, col: 1 },
              hint: object.kind === 'Namespace' ? 'set `namespace.create: false` in all but one of the apps' : 'let one app own the object',
            }),
          );
        }
        owner.set(id, app.app.name);
      }
    }
  }
  return diagnostics;
}

/** A mistake in app.yaml shows up in its base and on every cluster; report it once. */
function dedupeAcrossTargets(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code} ${d.position?.file} ${d.path} ${d.message.replace(/ \((in the app as written|on cluster [^)]+)\)$/, '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
