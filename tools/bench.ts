/**
 * How fast fleetform renders and validates a fleet, beside the peers a TypeScript user would pick
 * instead and the floor, all measured in the same run:
 *
 *   npm run bench [-- --sizes 50x10,200x30,500x50]
 *
 * Per size (apps × clusters, written by tools/synth-fleet.ts) each step runs in a fresh process, and
 * each fleetform step but the one-thread render, and the floor, --repeat times (default 3), its median
 * run reported:
 *   render        a full render into an empty repository (cold process), with worker threads
 *                 and in one thread
 *   check         `render --check` with nothing changed; and with no state, as CI runs it on a
 *                 fresh clone (`--no-cache`: the whole render in memory, every file read and compared)
 *   bump render   `render` after one app's tag changed
 *   bump          `fleetform bump APP TAG`: the edit of app.yaml, and the render and write with it
 *   watch         `render --watch` running: from saving one app's bumped tag to the files written
 *   validate      `validate` of every value and rendered object
 *   cdk8s         cdk8s synthesizing the same final objects, one Chart per cluster
 *   kustomize     `kubectl kustomize` on a sample of the overlays, extrapolated to all of them
 *                 (what each cluster's Argo CD repo-server pays)
 *   floor         the same objects serialised as fleetform writes them (its toYaml) and written, one
 *                 file per object; and the same with the yaml package's own stringify
 *   check floor   the least any check of the rendered tree can do from a cold Node process: read the
 *                 value files, list every folder and stat every file (what `render --check` and
 *                 an incremental render cannot do without)
 * and it prints wall time, peak memory, objects per second, the ratios, and the growth per size.
 * Everything is written to /dev/shm (in memory) unless --onDisk is given.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { renderFleet } from '@fleetform/render';
import { readInputs } from '@fleetform/values';
import { writeSynthFleet } from './synth-fleet.js';

const repoRoot = join(import.meta.dirname, '..');
const cli = join(repoRoot, 'packages/cli/bin/fleetform.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Measure {
  readonly seconds: number;
  readonly peakMiB: number;
  readonly stdout: string;
}

/** Runs a command, returning its wall time and (where GNU time exists) its peak resident memory. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Measure {
  const [file, argv] = TIME ? [TIME, ['-f', '%e %M', command, ...args]] : [command, args];
  // The previous step's files still being written back to disk would slow this one down.
  spawnSync('sync');
  const start = performance.now();
  const result = spawnSync(file, argv, { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  const wall = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [, kib] = last.split(' ');
  return { seconds: wall, peakMiB: TIME ? Number(kib) / 1024 : NaN, stdout: result.stdout };
}

const fleetform = (...args: string[]) => measure(process.execPath, [cli, ...args]);

/** Lists every folder under apps/ and clusters/ of the root given, stats every file and reads the value files (a folder's own YAML file). */
const LIST_AND_STAT = `
const { readdirSync, readFileSync, statSync } = require('node:fs');
const walk = (dir, depth) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = dir + '/' + entry.name;
    if (entry.isDirectory()) walk(path, depth + 1);
    else if (depth <= 1 && entry.name.endsWith('.yaml')) readFileSync(path, 'utf8');
    else statSync(path);
  }
};
for (const folder of ['apps', 'clusters']) walk(process.argv[1] + '/' + folder, 0);
`;
/** The same, in one thread: what the worker threads buy is the difference. */
const fleetformAlone = (...args: string[]) => measure(process.execPath, [cli, ...args], { FLEETFORM_WORKERS: '0' });
/** A peer's own time: the synthesis alone, not reading the objects it starts from. */
const peer = (name: string, dump: string) => {
  const m = measure(process.execPath, ['--import', 'tsx', join(repoRoot, 'tools/bench-peers.ts'), name, dump]);
  const { seconds, objects } = JSON.parse(m.stdout) as { seconds: number; objects: number };
  return { seconds, peakMiB: m.peakMiB, objects };
};

/** Bumps the image tag of one app's value file by one patch version. */
function bumpTag(appFile: string): void {
  const before = readFileSync(appFile, 'utf8');
  const after = before.replace(/tag: (v\d+\.\d+\.)(\d+)/, (_, minor: string, patch: string) => `tag: ${minor}${Number(patch) + 1}`);
  if (after === before) throw new Error(`${appFile} has no tag to bump`);
  writeFileSync(appFile, after);
}

/**
 * `render --watch` on a rendered fleet: for each of `repeat` tag bumps, the time from saving the value
 * file to the watch's line saying the render is written, the median reported; and the watch's peak
 * memory over all of them (VmHWM, where /proc has it).
 */
async function watchedBump(dir: string, appFile: string): Promise<{ seconds: number; peakMiB: number }> {
  const watch = spawn(process.execPath, [cli, 'render', '--watch', '--root', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: watch.stdout });
  const next = (pattern: RegExp) =>
    new Promise<string>((found, failed) => {
      const onLine = (line: string) => {
        if (!pattern.test(line)) return;
        lines.off('line', onLine);
        found(line);
      };
      lines.on('line', onLine);
      watch.once('exit', () => failed(new Error('render --watch exited')));
    });
  await next(/fleetform: watching/);
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    // Past the quiet time after which the watch saves its state, so each bump finds it idle.
    await new Promise((done) => setTimeout(done, 1500));
    const rendered = next(/changed: rendered/);
    const start = performance.now();
    bumpTag(appFile);
    const line = await rendered;
    times.push((performance.now() - start) / 1000);
    if (!/\(1 built, /.test(line)) throw new Error(`render --watch did not build the one bumped app: ${line}`);
  }
  const status = existsSync(`/proc/${watch.pid}/status`) ? readFileSync(`/proc/${watch.pid}/status`, 'utf8') : '';
  const peakKiB = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  watch.kill('SIGINT');
  await once(watch, 'exit');
  return { seconds: times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!, peakMiB: peakKiB / 1024 };
}

/** The final objects of every cluster, for the peers to start from. */
async function dumpObjects(dir: string): Promise<string> {
  const { layout } = renderFleet(await readInputs(dir));
  if (!layout) throw new Error(`${dir} does not render`);
  const file = join(dir, '..', `${dir.split('/').pop()}-objects.json`);
  writeFileSync(file, JSON.stringify([...layout.clusters].map(([name, c]) => [name, [...[...c.apps.values()].flat(), ...c.argocd]])));
  return file;
}

function kustomizeSample(dir: string, sample: number): { perOverlay: number; overlays: number } {
  const overlays = readdirSync(join(dir, 'apps')).flatMap((app) => {
    const path = join(dir, 'apps', app, 'overlays');
    return existsSync(path) ? readdirSync(path).map((o) => join(path, o)) : [];
  });
  const chosen = overlays.filter((_, i) => i % Math.max(1, Math.floor(overlays.length / sample)) === 0).slice(0, sample);
  const start = performance.now();
  for (const overlay of chosen) execFileSync('kubectl', ['kustomize', overlay], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { perOverlay: (performance.now() - start) / 1000 / chosen.length, overlays: overlays.length };
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50x10,200x30,500x50' },
    kustomizeSample: { type: 'string', default: '20' },
    repeat: { type: 'string', default: '3' },
    onDisk: { type: 'boolean', default: false },
  },
});
// The fleets and every peer's output live in memory (/dev/shm, where there is one), unless --onDisk:
// on a virtual disk the same run of thousands of small writes varies by 2× from one try to the next,
// which drowns what the tools themselves cost. Child processes inherit TMPDIR.
if (!values.onDisk && existsSync('/dev/shm')) process.env.TMPDIR = '/dev/shm';
const repeat = Math.max(1, Number(values.repeat));

/** The run of median wall time among `repeat` runs of a step: one run varies from the next. */
async function median<T extends { readonly seconds: number }>(run: (i: number) => T | Promise<T>): Promise<T> {
  const runs: T[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await run(i));
  return runs.sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
}
const sizes = values.sizes.split(',').map((s) => s.split('x').map(Number) as [number, number]);
const rows: string[] = [];
const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
rows.push(line(['size', 'step', 'wall s', 'peak MiB', 'objects/s', 'cdk8s time ÷ this', 'this ÷ floor time']));
rows.push(line(['---', '---', '---:', '---:', '---:', '---:', '---:']));
let previous: { apps: number; render: number } | undefined;
const growth: string[] = [];
/** Per size, how the incremental steps compare with the least any of them must do. */
const bounds: string[] = [];
for (const [apps, clusters] of sizes) {
  const dir = join(tmpdir(), `fleetform-bench-${apps}x${clusters}`);
  await writeSynthFleet(dir, { apps, clusters, regions: 3 }, join(repoRoot, 'schemas'));
  // The same full render in one thread, on a copy of its own: what the worker threads buy.
  const aloneDir = `${dir}-one-thread`;
  await writeSynthFleet(aloneDir, { apps, clusters, regions: 3 }, join(repoRoot, 'schemas'));
  const alone = fleetformAlone('render', '--root', aloneDir);
  await rm(aloneDir, { recursive: true, force: true });
  // Each full render starts from a fleet with nothing rendered; the last one leaves its files for the steps after it.
  const render = await median(async (i) => {
    if (i > 0) {
      await rm(dir, { recursive: true, force: true });
      await writeSynthFleet(dir, { apps, clusters, regions: 3 }, join(repoRoot, 'schemas'));
    }
    return fleetform('render', '--root', dir);
  });
  const check = await median(() => fleetform('render', '--check', '--root', dir));
  const freshCheck = await median(() => fleetform('render', '--check', '--no-cache', '--root', dir));
  const checkFloor = await median(() => measure(process.execPath, ['-e', LIST_AND_STAT, dir]));
  const app = join(dir, 'apps/app-1/app.yaml');
  const bump = await median(() => {
    bumpTag(app);
    return fleetform('render', '--root', dir);
  });
  const watched = await watchedBump(dir, join(dir, 'apps/app-3/app.yaml'));
  const bumpCommand = await median((i) => fleetform('bump', 'app-2', `v9.0.${i}`, '--root', dir));
  const validate = await median(() => fleetform('validate', '--root', dir));
  const dump = await dumpObjects(dir);
  const cdk8s = peer('cdk8s', dump);
  // The floor is what every ratio is taken against, so it is a median too.
  const floor = await median(() => peer('floor', dump));
  const yamlFloor = peer('yaml', dump);
  const kustomize = kustomizeSample(dir, Number(values.kustomizeSample));
  const objects = floor.objects;
  const size = `${apps}×${clusters}`;
  const row = (step: string, m: { seconds: number; peakMiB: number }, ratios = true) =>
    rows.push(
      line([
        size,
        step,
        m.seconds.toFixed(2),
        Number.isNaN(m.peakMiB) ? '–' : m.peakMiB.toFixed(0),
        Math.round(objects / m.seconds).toLocaleString('en'),
        ratios ? `${(cdk8s.seconds / m.seconds).toFixed(1)}×` : '',
        ratios ? `${(m.seconds / floor.seconds).toFixed(2)}×` : '',
      ]),
    );
  row('fleetform render (full, cold)', render);
  row('fleetform render (full, cold, one thread)', alone);
  row('fleetform render --check (unchanged)', check);
  row('fleetform render --check (no state: CI on a fresh clone)', freshCheck);
  row('check floor: cold node, read values, list + stat every file', checkFloor);
  row('fleetform render (one tag bumped)', bump);
  row('fleetform render --watch (one tag bumped: save to files written)', watched);
  row('fleetform bump (one app, one tag)', bumpCommand);
  row('fleetform validate', validate);
  row('cdk8s synth (one Chart per cluster)', cdk8s, false);
  rows.push(line([size, `kubectl kustomize (${kustomize.overlays} overlays × ${kustomize.perOverlay.toFixed(3)} s, sampled)`, (kustomize.overlays * kustomize.perOverlay).toFixed(2), '–', '', '', '']));
  row('floor: toYaml + write, one file per object', floor, false);
  row('the same with yaml.stringify', yamlFloor, false);
  bounds.push(
    `${size}: a tenth of the full render is ${(render.seconds / 10).toFixed(2)} s; the check floor alone is ${checkFloor.seconds.toFixed(2)} s, ` +
      `and render --check is ${(check.seconds / checkFloor.seconds).toFixed(1)}× it, the render after one bump ${(bump.seconds / checkFloor.seconds).toFixed(1)}× it; ` +
      `a watching render after one bump is ${(render.seconds / watched.seconds).toFixed(1)}× faster than the full render`,
  );
  if (previous) growth.push(`${previous.apps}→${apps * clusters} instances: ${((apps * clusters) / previous.apps).toFixed(1)}× the instances, render ${(render.seconds / previous.render).toFixed(1)}× the time`);
  previous = { apps: apps * clusters, render: render.seconds };
  process.stderr.write(`measured ${size} (${objects.toLocaleString('en')} objects)\n`);
  await rm(dir, { recursive: true, force: true });
  await rm(dump, { force: true });
}
process.stdout.write(`${rows.join('\n')}\n\nGrowth: ${growth.join('; ')}\n\nIncremental steps beside the check floor:\n${bounds.map((b) => `- ${b}`).join('\n')}\n`);
