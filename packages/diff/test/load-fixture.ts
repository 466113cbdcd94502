import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '@fleetform/objects';
import { parseYamlStream } from '@fleetform/yaml';
import type { FleetObjects } from '../src/index.js';

/** A fixture folder holds `before/` and `after/`, each with one multi-document YAML file per cluster (`CLUSTER.yaml`). */
export async function loadFixture(name: string): Promise<{ before: FleetObjects; after: FleetObjects }> {
  const side = async (which: string): Promise<FleetObjects> => {
    const dir = join(import.meta.dirname, 'fixtures', name, which);
    const clusters = new Map<string, KubeObject[]>();
    for (const file of (await readdir(dir)).sort()) {
      const parsed = parseYamlStream(await readFile(join(dir, file), 'utf8'), file);
      clusters.set(file.replace(/\.yaml$/, ''), parsed.documents.map((d) => d.value as KubeObject));
    }
    return clusters;
  };
  return { before: await side('before'), after: await side('after') };
}
