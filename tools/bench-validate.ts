/**
 * Validation speed on a synthetic fleet, beside the floor measured in the same run.
 *
 *   npx tsx tools/bench-validate.ts [OBJECTS]      default 50,000 objects
 *
 * The synthetic fleet is the example fleet's final objects, copied under new names until there are
 * OBJECTS of them. Each measurement runs in a child process of its own, so its peak memory is its own:
 *   fleetform  `ManifestValidator` as `fleetform validate` uses it: strict Kubernetes schemas (types,
 *              required fields and unknown fields), CRD schemas, bundled third-party schemas
 *   floor      the same objects through the fastest bare compiled validator there is for them:
 *              kubernetes-models' ajv-compiled functions alone, which skip unknown fields
 * Reported: objects per second, the ratio to the floor, and peak resident memory.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { KubeObject } from '@fleetform/objects';
import { renderFleet } from '@fleetform/render';
import { bundledSchemas, crdSchemas, isCrd, kubernetesSchemas, ManifestValidator } from '@fleetform/validate';
import { readInputs } from '@fleetform/values';

const repoRoot = join(import.meta.dirname, '..');
const [mode, countArg] = process.argv.slice(2);

async function syntheticFleet(count: number) {
  const { layout, inputs } = renderFleet(await readInputs(repoRoot));
  if (!layout || !inputs) throw new Error('the example fleet does not render');
  const seed = [...layout.clusters.values()].flatMap((c) => [...[...c.apps.values()].flat(), ...c.argocd]);
  const objects = Array.from({ length: count }, (_, i) => {
    const copy = structuredClone(seed[i % seed.length]!);
    copy.metadata.name = `${copy.metadata.name}-${i}`;
    return copy;
  });
  const crds = ([...inputs.apps.values()].flatMap((a) => a.resources.map((r) => r.object)) as unknown[]).filter(isCrd);
  return { objects, crds };
}

async function measure(which: string, count: number): Promise<void> {
  const { objects, crds } = await syntheticFleet(count);
  let seconds: number;
  let failures = 0;
  if (which === 'fleetform') {
    const validator = new ManifestValidator([crdSchemas(crds), kubernetesSchemas, bundledSchemas]);
    const manifests = objects.map((object) => ({ file: 'bench.yaml', at: [], object }));
    await validator.validate(manifests[0]!);
    const start = performance.now();
    for (const manifest of manifests) if ((await validator.validate(manifest)).status !== 'valid') failures++;
    seconds = (performance.now() - start) / 1000;
  } else {
    const require = createRequire(import.meta.url);
    const validators = new Map<string, ((o: unknown) => void) | undefined>();
    const lookup = (o: KubeObject) => {
      const key = `${o.apiVersion} ${o.kind}`;
      if (!validators.has(key)) {
        const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
        const pkg = group === 'argoproj.io' ? '@kubernetes-models/argo-cd/argoproj.io' : group === 'cert-manager.io' ? '@kubernetes-models/cert-manager/cert-manager.io' : `kubernetes-models${group ? `/${group}` : ''}`;
        let Model: (new (d: unknown) => { validate(): void }) | undefined;
        try {
          Model = require(`${pkg}/${version}/${o.kind}`)[o.kind];
        } catch {
          Model = undefined;
        }
        validators.set(key, Model ? (d) => new Model!(d).validate() : undefined);
      }
      return validators.get(key);
    };
    const start = performance.now();
    for (const object of objects) {
      try {
        lookup(object)?.(object);
      } catch {
        failures++;
      }
    }
    seconds = (performance.now() - start) / 1000;
  }
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ which, count, seconds, perSecond: count / seconds, peakMiB, failures }));
}

if (mode === '--child') {
  const [which, count] = (countArg ?? '').split(':');
  await measure(which!, Number(count));
} else {
  const count = Number(mode ?? 50_000);
  const run = (which: string) =>
    JSON.parse(execFileSync(process.execPath, [...process.execArgv, import.meta.filename, '--child', `${which}:${count}`], { encoding: 'utf8', maxBuffer: 1 << 20 })) as {
      perSecond: number;
      peakMiB: number;
      seconds: number;
      failures: number;
    };
  const floor = run('floor');
  const ours = run('fleetform');
  const row = (name: string, r: typeof ours) => `${name.padEnd(10)} ${Math.round(r.perSecond).toLocaleString('en').padStart(10)} objects/s  ${r.seconds.toFixed(2).padStart(6)} s  peak ${r.peakMiB.toFixed(0).padStart(5)} MiB  invalid ${r.failures}`;
  process.stdout.write(`validate ${count.toLocaleString('en')} objects of a synthetic fleet, one core\n`);
  process.stdout.write(`${row('floor', floor)}\n${row('fleetform', ours)}\n`);
  process.stdout.write(`fleetform runs at ${(ours.perSecond / floor.perSecond).toFixed(2)}× the floor; target 20,000 objects/s: ${ours.perSecond >= 20_000 ? 'met' : 'NOT met'}\n`);
}
