/**
 * Checks every Argo CD object the example fleet renders strictly against Argo CD's own CRDs.
 *
 *   npx tsx tools/check-argocd-crds.ts DIR [FLEET]   DIR holds application-crd.yaml, appproject-crd.yaml, …;
 *                                                   FLEET another fleet's root (a test fixture's), not the example
 *
 * The CRDs are reference data beside the repository, not part of it, so this is a check for CI and
 * for people, not a unit test. Exits 1 naming each object and field that the CRDs reject.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileCrdValidators } from '@fleetform/crd-schema';
import { renderFleet } from '@fleetform/render';
import { readInputs } from '@fleetform/values';
import { parseYamlStream } from '@fleetform/yaml';

const [crdDir, fleetRoot] = process.argv.slice(2);
if (!crdDir) {
  process.stderr.write('usage: tsx tools/check-argocd-crds.ts DIR [FLEET]\n');
  process.exit(2);
}
const crds = [];
for (const file of (await readdir(crdDir)).filter((f) => f.endsWith('.yaml')).sort()) {
  crds.push(...parseYamlStream(await readFile(join(crdDir, file), 'utf8'), file).documents.map((d) => d.value as Parameters<typeof compileCrdValidators>[0][number]));
}
const validators = compileCrdValidators(crds);
const repoRoot = fleetRoot ?? join(import.meta.dirname, '..');
const { layout, diagnostics } = renderFleet(await readInputs(repoRoot));
if (!layout) {
  process.stderr.write(`the example fleet does not render (${diagnostics.length} problems)\n`);
  process.exit(1);
}
let checked = 0;
let failed = 0;
for (const [cluster, { argocd }] of layout.clusters) {
  for (const object of argocd.filter((o) => o.apiVersion.startsWith('argoproj.io/'))) {
    const validate = validators.get(`${object.apiVersion} ${object.kind}`);
    if (!validate) throw new Error(`no CRD for ${object.apiVersion} ${object.kind} in ${crdDir}`);
    checked++;
    const errors = validate(object);
    if (errors.length > 0) {
      failed++;
      for (const e of errors) {
        process.stderr.write(`${cluster} ${object.kind}/${object.metadata.name} at ${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}\n`);
      }
    }
  }
}
process.stdout.write(`check-argocd-crds: ${checked} Argo CD objects checked against ${validators.size} CRD versions, ${failed} invalid\n`);
process.exitCode = failed === 0 && checked > 0 ? 0 : 1;
