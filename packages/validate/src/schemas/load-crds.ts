import { readFile, stat } from 'node:fs/promises';
import { error, type Diagnostic } from '@fleetform/diagnostics';
import { manifestsOf } from '../manifest.js';
import { listManifestFiles } from '../read-manifests.js';
import { isCrd } from './crds.js';

/** Every CustomResourceDefinition in the given folders (recursively). A folder that does not exist is an error. */
export async function loadCrdsFrom(dirs: readonly string[]): Promise<{ crds: unknown[]; diagnostics: Diagnostic[] }> {
  const crds: unknown[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const dir of dirs) {
    if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
      diagnostics.push(error('FF303', `schema folder ${dir} does not exist`, { hint: '--schema-dir takes a folder of CRD manifests' }));
      continue;
    }
    for (const file of await listManifestFiles(dir)) {
      const stream = manifestsOf(await readFile(file, 'utf8'), file);
      diagnostics.push(...stream.diagnostics);
      crds.push(...stream.manifests.map((m) => m.object).filter(isCrd));
    }
  }
  return { crds, diagnostics };
}
