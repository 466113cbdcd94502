import { join } from 'node:path';
import { bundledSchemas, crdSchemas, isCrd, kubernetesSchemas, ManifestValidator, readManifests, type ValidationReport } from '@fleetform/validate';

export const fixtures = join(import.meta.dirname, 'fixtures/manifests');

/** Validates fixture files the way `fleetform validate PATH…` does. */
export async function validateFixtures(files: string[], options: { ignoreMissingSchemas?: boolean } = {}): Promise<ValidationReport> {
  const { files: count, manifests, diagnostics } = await readManifests(files, fixtures, async () => '');
  const validator = new ManifestValidator([crdSchemas(manifests.map((m) => m.object).filter(isCrd)), kubernetesSchemas, bundledSchemas], options);
  const resources = [];
  for (const manifest of manifests) resources.push(await validator.validate(manifest));
  return { files: count, resources, diagnostics, waived: [] };
}
