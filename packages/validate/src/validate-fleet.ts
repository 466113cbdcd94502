import { addonsForCluster, providedOnCluster } from '@fleetform/addons';
import type { Diagnostic } from '@fleetform/diagnostics';
import { ADDON_LABEL, addonFile, addonResourcesDir, objectFileName, type FleetLayout, type GeneratedFile } from '@fleetform/layout';
import type { KubeObject } from '@fleetform/objects';
import { resolveInstances, valuePositions, type AppInstance } from '@fleetform/resolve';
import type { FleetInputs } from '@fleetform/values';
import { parseYamlStream, type SourceDocument } from '@fleetform/yaml';
import { checkChartValues } from './chart-values/check-chart-values.js';
import { manifestsOf, type Manifest } from './manifest.js';
import { issuersIn, POLICIES } from './policies/index.js';
import type { PolicyObject } from './policies/policy.js';
import { runPolicies } from './policies/run-policies.js';
import type { ResourceResult, ValidationReport } from './result.js';
import type { ManifestValidator } from './validator.js';

/**
 * Finds the generated file (and its parsed document) an object of a cluster was written to. A file
 * is serialised only when a problem needs its text: most objects are valid, and serialising every
 * generated file was a twentieth of a validate.
 */
class GeneratedSources {
  private readonly parsed = new Map<string, SourceDocument | undefined>();

  constructor(private readonly files: ReadonlyMap<string, GeneratedFile>) {}

  manifest(object: KubeObject, candidates: readonly string[], cluster: string): Manifest {
    const file = candidates.find((c) => this.files.has(c)) ?? candidates[0]!;
    const parse = (): SourceDocument | undefined => {
      if (!this.parsed.has(file)) this.parsed.set(file, parseYamlStream(this.files.get(file)?.text() ?? '', file).documents[0]);
      return this.parsed.get(file);
    };
    // Parsed only when a problem needs a position: most objects are valid, and parsing every
    // generated file again costs more than validating it.
    return {
      file,
      at: [],
      object,
      cluster,
      get source() {
        return parse();
      },
    };
  }
}

/**
 * Validates a rendered fleet: every final object of every app on every cluster, and every generated
 * Argo CD object, against its schema; then the policies on each app's objects per cluster.
 * Problems point into the generated file the object was written to.
 */
export async function validateFleet(
  inputs: FleetInputs,
  layout: FleetLayout,
  validator: ManifestValidator,
  valueDiagnostics: readonly Diagnostic[] = [],
  /** The input files, for the chart schemas the fleet vendors (charts/CHART/VERSION/values.schema.json). */
  files: ReadonlyMap<string, string> = new Map(),
): Promise<ValidationReport> {
  const sources = new GeneratedSources(layout.generated);
  const resources: ResourceResult[] = [];
  const diagnostics: Diagnostic[] = [...valueDiagnostics, ...checkChartValues(inputs, files)];
  const waived: Diagnostic[] = [];
  const environments = new Map(inputs.fleet.value.environments.map((e) => [e.name, e]));
  // Each app's values per cluster, resolved once per app rather than once per app and cluster.
  const resolved = new Map<string, Map<string, AppInstance>>();
  const instancesOf = (app: string) => {
    let byCluster = resolved.get(app);
    if (!byCluster) {
      byCluster = new Map(resolveInstances(inputs, app).map((i) => [i.cluster, i]));
      resolved.set(app, byCluster);
    }
    return byCluster;
  };
  for (const [cluster, { apps, argocd }] of layout.clusters) {
    const clusterFile = inputs.clusters.get(cluster)!;
    const { environment: env, region, labels, addons } = clusterFile.value;
    const clusterAddons = addonsForCluster(inputs.fleet.value.addons, { name: cluster, environment: env, region, labels, addons });
    const providedGroups = providedOnCluster(clusterAddons);
    const issuers = new Set(issuersIn([...clusterAddons.flatMap((a) => a.objects as KubeObject[]), ...[...apps.values()].flat()]));
    for (const [app, objects] of apps) {
      const overlay = layout.overlays.get(app)?.get(cluster) ?? '';
      const raw = new Map(inputs.apps.get(app)!.resources.map((r) => [`${r.object.kind}/${r.object.metadata.name}`, r]));
      const policyObjects: PolicyObject[] = objects.map((object) => {
        // A raw resource is reported in the file its author wrote; an object built from values, in the generated file.
        const written = raw.get(`${object.kind}/${object.metadata.name}`);
        const manifest: Manifest = written
          ? { file: written.file, source: written.source, at: written.at, object, cluster }
          : sources.manifest(object, [`apps/${app}/base/${objectFileName(object)}`, `apps/${app}/overlays/${overlay}/${objectFileName(object)}`], cluster);
        return { object, manifest };
      });
      for (const { manifest } of policyObjects) resources.push(await validator.validate(manifest));
      const instance = instancesOf(app).get(cluster);
      const environment = environments.get(clusterFile.value.environment);
      const outcome = runPolicies(
        POLICIES,
        {
          objects: policyObjects,
          environment: environment && { name: environment.name, immutableTags: environment.immutableTags ?? false, requireDigests: environment.requireDigests ?? false },
          app,
          values: instance?.values,
          locate: instance && valuePositions(inputs, instance.layers),
          providedGroups,
          issuers,
        },
        instance?.values.waivers,
      );
      diagnostics.push(...outcome.findings);
      waived.push(...outcome.waived);
    }
    const argoObjects: PolicyObject[] = argocd.map((object) => ({
      object,
      manifest: sources.manifest(object, [argoFile(cluster, object)], cluster),
    }));
    for (const { manifest } of argoObjects) resources.push(await validator.validate(manifest));
    const outcome = runPolicies(POLICIES, { objects: argoObjects });
    diagnostics.push(...outcome.findings);
    // The objects add-ons bring beside their charts (cert-manager's ClusterIssuer) are in no app; validate them from their files.
    for (const [file, generated] of layout.generated) {
      if (!file.startsWith(`${addonResourcesPrefix(cluster)}/`)) continue;
      for (const manifest of manifestsOf(generated.text(), file).manifests) resources.push(await validator.validate({ ...manifest, cluster }));
    }
  }
  return { files: layout.generated.size + 1 + inputs.clusters.size + inputs.apps.size, resources, diagnostics: dedupe(diagnostics), waived: dedupe(waived) };
}

/** The folder of a cluster's add-on objects: `addonResourcesDir` without an add-on. */
const addonResourcesPrefix = (cluster: string): string => addonResourcesDir(cluster, '').replace(/\/$/, '');

/** Where layout writes each Argo CD object of a cluster. */
function argoFile(cluster: string, object: KubeObject): string {
  const name = object.metadata.name;
  if (object.metadata.labels?.[ADDON_LABEL] !== undefined) return addonFile(cluster, name);
  if (object.kind === 'AppProject') return `clusters/${cluster}/projects/${name}.yaml`;
  if (object.kind === 'ApplicationSet') return `clusters/${cluster}/appsets/${name}.yaml`;
  if (object.kind === 'Application') return layoutHasRoot(object) ? `clusters/${cluster}/root.yaml` : `clusters/${cluster}/apps/${name}.yaml`;
  return `clusters/${cluster}/bootstrap/${name}.yaml`;
}

const layoutHasRoot = (object: KubeObject): boolean => (object.spec as { source?: { path?: string } } | undefined)?.source?.path?.startsWith('clusters/') ?? false;

/** The same problem in the same generated file on several clusters is reported once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code} ${d.position?.file}:${d.position?.line}:${d.position?.col} ${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
