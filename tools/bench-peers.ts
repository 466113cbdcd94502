/**
 * The peers and the floor of `npm run bench`, each run in a process of its own (so its time and peak
 * memory are its own) on the final objects of a rendered fleet:
 *
 *   tsx tools/bench-peers.ts cdk8s OBJECTS.json   cdk8s synthesizing the same objects, one Chart per cluster
 *   tsx tools/bench-peers.ts floor OBJECTS.json   the same objects serialised with yaml and written, one file per object
 *
 * OBJECTS.json holds `[cluster, objects[]][]`, the final objects of a rendered fleet, written by
 * tools/bench.ts. Prints one line of JSON: { seconds, objects }, seconds being the synthesis alone.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, ApiObject, Chart } from 'cdk8s';
import { readFile } from 'node:fs/promises';
import type { KubeObject } from '@fleetform/objects';
import { toYaml } from '@fleetform/yaml';

const [peer, dump] = process.argv.slice(2);
const clusters = JSON.parse(await readFile(dump!, 'utf8')) as [string, KubeObject[]][];
const objects = clusters.reduce((n, [, list]) => n + list.length, 0);
const out = await mkdtemp(join(tmpdir(), `fleetform-bench-${peer}-`));

const start = performance.now();
if (peer === 'cdk8s') {
  const app = new App({ outdir: out });
  for (const [name, list] of clusters) {
    const chart = new Chart(app, name);
    list.forEach((object: KubeObject, i) => new ApiObject(chart, `o${i}`, object as never));
  }
  app.synth();
} else if (peer === 'floor') {
  for (const [name, list] of clusters) {
    await mkdir(join(out, name), { recursive: true });
    for (const [i, object] of list.entries()) await writeFile(join(out, name, `${i}.yaml`), toYaml(object));
  }
} else {
  throw new Error(`unknown peer ${peer}`);
}
const seconds = (performance.now() - start) / 1000;
await rm(out, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ seconds, objects }));
