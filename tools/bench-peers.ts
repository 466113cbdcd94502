/**
 * The peers and the floor of `npm run bench`, each run in a process of its own (so its time and peak
 * memory are its own) on the final objects of a rendered fleet:
 *
 *   tsx tools/bench-peers.ts cdk8s OBJECTS.json   cdk8s synthesizing the same objects, one Chart per cluster
 *   tsx tools/bench-peers.ts floor OBJECTS.json   the same objects serialised as fleetform writes them and written, one file per object
 *   tsx tools/bench-peers.ts yaml OBJECTS.json    the same, serialised by the yaml package's stringify
 *
 * OBJECTS.json holds `[cluster, objects[]][]`, the final objects of a rendered fleet, written by
 * tools/bench.ts. Prints one line of JSON: { seconds, objects }, seconds being the synthesis alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, ApiObject, Chart } from 'cdk8s';
import { readFile } from 'node:fs/promises';
import type { KubeObject } from '@fleetform/objects';
import { stringify } from 'yaml';
import { toYaml, YAML_OPTIONS } from '@fleetform/yaml';

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
  // The least a render can do: each object serialised to the bytes fleetform writes (its toYaml,
  // which writes what yaml's stringify writes, faster) and written with the fastest calls for many
  // small files, the synchronous ones.
  for (const [name, list] of clusters) {
    mkdirSync(join(out, name), { recursive: true });
    for (const [i, object] of list.entries()) writeFileSync(join(out, name, `${i}.yaml`), toYaml(object));
  }
} else if (peer === 'yaml') {
  // The same, each object serialised by the yaml package's own stringify (the same bytes): what
  // fleetform's toYaml saves.
  for (const [name, list] of clusters) {
    mkdirSync(join(out, name), { recursive: true });
    for (const [i, object] of list.entries()) writeFileSync(join(out, name, `${i}.yaml`), stringify(object, YAML_OPTIONS));
  }
} else {
  throw new Error(`unknown peer ${peer}`);
}
const seconds = (performance.now() - start) / 1000;
await rm(out, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ seconds, objects }));
