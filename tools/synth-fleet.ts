/**
 * Writes a synthetic fleet of a given size in fleetform's own value files, for benchmarks and tests.
 *
 *   npm run fleet:synth -- --apps 200 --clusters 30 --regions 3 --out DIR
 *
 * Apps come in three shapes, in turn: a web service (Deployment with HPA, PDB, NetworkPolicy,
 * ServiceMonitor, ConfigMap and Ingress), a StatefulSet with volume claims, and an operator that
 * ships its CRD as a raw resource. Clusters are spread over the regions and over dev, staging and
 * prod. Every app runs on every cluster, so the fleet has apps × clusters app instances.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface SynthOptions {
  readonly apps: number;
  readonly clusters: number;
  readonly regions: number;
}

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2', 'eu-central-1', 'ap-northeast-1', 'sa-east-1', 'ca-central-1'];

const fleetYaml = (regions: string[]) => `# yaml-language-server: $schema=../schemas/fleet.schema.json
git:
  repoURL: https://github.com/example-org/synthetic-fleet.git
regions:
${regions.map((r) => `  ${r}:\n    registry: 123456789012.dkr.ecr.${r}.amazonaws.com`).join('\n')}
environments:
  - name: dev
  - name: staging
  - name: prod
    immutableTags: true
# The web services' ServiceMonitors need the Prometheus operator on every cluster.
addons:
  kube-prometheus-stack:
    catalogue: kube-prometheus-stack
defaults:
  workloadDefaults:
    resources:
      requests: {cpu: 50m, memory: 64Mi}
      limits: {cpu: 500m, memory: 256Mi}
    probes:
      liveness: {http: {path: /healthz, port: http}}
      readiness: {http: {path: /ready, port: http}}
`;

const clusterYaml = (env: string, region: string) => `# yaml-language-server: $schema=../../schemas/cluster.schema.json
environment: ${env}
region: ${region}
`;

function appYaml(index: number): string {
  const name = `app-${index}`;
  const head = `# yaml-language-server: $schema=../../schemas/app.schema.json
team: team-${index % 10}
namespace: {name: ${name}}
image: {repository: ${name}, tag: v1.${index}.0}
`;
  const overrides = `overrides:
  environments:
    prod:
      workloads:
        main: {replicas: 3}
`;
  switch (index % 3) {
    case 0:
      return `${head}config:
  LOG_LEVEL: info
  FEATURE_X: "on"
workloads:
  main:
    replicas: 2
    ports: {http: {port: 8080}, metrics: {port: 9090}}
    autoscaling: {minReplicas: 2, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80}
    disruptionBudget: {minAvailable: 1}
    services:
      http: {ports: {http: {port: 80, targetPort: http}, metrics: {port: 9090}}}
    ingress: {host: ${name}.example.com, tls: {secretName: ${name}-tls}}
    serviceMonitor: {port: metrics}
    networkPolicy:
      ingress: [{ports: [8080, 9090]}]
${overrides.replace('{replicas: 3}', '{autoscaling: {minReplicas: 3}}')}`;
    case 1:
      return `${head}workloads:
  main:
    kind: StatefulSet
    replicas: 1
    ports: {http: {port: 8080}}
    volumeClaimTemplates: {data: {mountPath: /data, storage: 10Gi}}
    services:
      client: {ports: {http: {port: 80, targetPort: http}}}
${overrides}`;
    default:
      return `${head}workloads:
  main:
    replicas: 1
    ports: {http: {port: 8080}}
${overrides}`;
  }
}

const crdYaml = (index: number) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets${index}.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget${index}, plural: widgets${index}, singular: widget${index}}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
`;

/** The files of a synthetic fleet, by repository-relative path. */
export function synthFleet({ apps, clusters, regions }: SynthOptions): Map<string, string> {
  const regionNames = REGIONS.slice(0, Math.max(1, Math.min(regions, REGIONS.length)));
  const files = new Map<string, string>([['clusters/fleet.yaml', fleetYaml(regionNames)]]);
  for (let c = 0; c < clusters; c++) {
    const env = ENVIRONMENTS[c % ENVIRONMENTS.length]!;
    const region = regionNames[Math.floor(c / ENVIRONMENTS.length) % regionNames.length]!;
    files.set(`clusters/cluster-${c}/cluster.yaml`, clusterYaml(env, region));
  }
  for (let a = 0; a < apps; a++) {
    files.set(`apps/app-${a}/app.yaml`, appYaml(a));
    if (a % 3 === 2) files.set(`apps/app-${a}/resources/customresourcedefinition-widgets${a}.example.com.yaml`, crdYaml(a));
  }
  return files;
}

export async function writeSynthFleet(out: string, options: SynthOptions, schemasFrom: string): Promise<void> {
  await rm(out, { recursive: true, force: true });
  for (const [path, content] of synthFleet(options)) {
    await mkdir(join(out, path, '..'), { recursive: true });
    await writeFile(join(out, path), content);
  }
  const { cp } = await import('node:fs/promises');
  await cp(schemasFrom, join(out, 'schemas'), { recursive: true });
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({ options: { apps: { type: 'string', default: '50' }, clusters: { type: 'string', default: '10' }, regions: { type: 'string', default: '3' }, out: { type: 'string' } } });
  if (!values.out) {
    process.stderr.write('usage: npm run fleet:synth -- --apps A --clusters C --regions R --out DIR\n');
    process.exit(2);
  }
  const options = { apps: Number(values.apps), clusters: Number(values.clusters), regions: Number(values.regions) };
  await writeSynthFleet(values.out, options, join(import.meta.dirname, '../schemas'));
  process.stdout.write(`wrote a fleet of ${options.apps} apps on ${options.clusters} clusters in ${options.regions} regions to ${values.out}\n`);
}
