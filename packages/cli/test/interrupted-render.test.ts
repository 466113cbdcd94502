import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderFleet } from '@fleetform/render';
import { readInputs } from '@fleetform/values';
import { copyExampleFleet, run, snapshotTree } from './fleet-copy.js';

const cli = join(import.meta.dirname, 'support/run-cli.ts');

/** Starts the command line in a process of its own; resolves with its exit code or signal. */
function start(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<number | string> } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], { stdio: 'ignore' });
  const done = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code ?? -1)));
  return { child, done };
}

/** Adds apps to the example fleet so that a render writes hundreds of files. */
async function growFleet(root: string, apps: number): Promise<void> {
  for (let i = 0; i < apps; i++) {
    const dir = join(root, `apps/web-${i}`);
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'app.yaml'),
      `team: web\nnamespace: {name: web-${i}}\nimage: {repository: web, tag: v1.0.${i}}\nworkloads:\n  api:\n    replicas: 2\n    ports: {http: {port: 8080}}\n    probes:\n      liveness: {http: {path: /healthz, port: http}}\n      readiness: {http: {path: /ready, port: http}}\n    services:\n      http: {ports: {http: {port: 80}}}\n    disruptionBudget: {minAvailable: 1}\n`,
    );
  }
}

const isInput = (path: string) => path.startsWith('schemas/') || /\/(app|cluster|fleet)\.yaml$|\/resources\//.test(path);
// The render state (.fleetform/) is a cache beside the tree, not part of it.
const generated = (tree: Map<string, string>) => new Map([...tree].filter(([path]) => !isInput(path) && !path.startsWith('.fleetform/')));

describe('a render killed at any moment', () => {
  it('GIVEN SIGKILL at many points THEN no file is torn, --check reports the torn state, and the next render ends entirely new', async () => {
    // dbupgrade and small apps of its own: enough files to kill the render among them, few enough to stay quick.
    const root = await copyExampleFleet();
    for (const app of await readdir(join(root, 'apps'))) if (app !== 'dbupgrade') await rm(join(root, 'apps', app), { recursive: true });
    await growFleet(root, 20);
    expect((await run('render', '--root', root)).code).toBe(0);
    const old = generated(await snapshotTree(root));
    // A fleet-wide change touches every Application of every cluster and every object's labels.
    const fleetFile = join(root, 'clusters/fleet.yaml');
    const oldFleet = await readFile(fleetFile, 'utf8');
    const newFleet = oldFleet.replace('revision: main', 'revision: release-2').replace('workloadDefaults:', 'labels:\n    owner: platform\n  workloadDefaults:');
    await writeFile(fleetFile, newFleet);
    const wanted = renderFleet(await readInputs(root)).layout!.files;
    expect(wanted.size).toBeGreaterThan(300);

    const restore = async () => {
      for (const path of [...(await snapshotTree(root)).keys()].filter((p) => !old.has(p) && !isInput(p))) await rm(join(root, path));
      for (const [path, content] of old) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), content);
      }
      await rm(join(root, '.fleetform-journal.json'), { force: true });
      await rm(join(root, '.fleetform-staging'), { force: true });
      await rm(join(root, '.fleetform.lock'), { force: true });
    };

    let torn = 0;
    // Kills land at growing delays after the render starts writing (its first staged file appears),
    // so they hit both phases: staging the new files, and moving them into place.
    const delays = [0, 5, 20, 60, 150];
    for (const [i, delay] of delays.entries()) {
      await restore();
      const render = start(['render', '--root', root]);
      const writing = new Promise<void>((resolve) => {
        const watcher = watch(root, { recursive: true }, (_, name) => {
          if (name?.endsWith('.fleetform-tmp')) {
            watcher.close();
            resolve();
          }
        });
        void render.done.then(() => {
          watcher.close();
          resolve();
        });
      });
      await writing;
      await new Promise((resolve) => setTimeout(resolve, delay));
      render.child.kill('SIGKILL');
      await render.done;

      const after = await snapshotTree(root);
      for (const path of new Set([...old.keys(), ...wanted.keys()])) {
        const content = after.get(path);
        const acceptable = [old.get(path), wanted.get(path)];
        expect(acceptable, `${path} after a kill ${delays[i]} ms into writing`).toContain(content);
      }
      const check = await run('render', '--check', '--root', root);
      const halfWritten = [...after.keys()].some((p) => p.endsWith('.fleetform-tmp') || p === '.fleetform-journal.json');
      if (halfWritten) {
        torn++;
        expect(check.code, `--check after a kill ${delays[i]} ms into writing`).toBe(1);
        expect(check.err).toContain('interrupted render');
      }

      expect((await run('render', '--root', root)).code).toBe(0);
      const final = await snapshotTree(root);
      expect([...generated(final).keys()].filter((p) => !wanted.has(p))).toEqual([]);
      expect(generated(final)).toEqual(wanted);
      expect([...final.keys()].filter((p) => p.includes('fleetform-tmp') || (p.startsWith('.fleetform') && !p.startsWith('.fleetform/')))).toEqual([]);
    }
    // The kills must have landed inside renders, not only before or after them.
    expect(torn).toBeGreaterThan(0);
  }, 240_000);
});

describe('two renders at once', () => {
  it('GIVEN a render holding the lock THEN a second one waits for it and never interleaves', async () => {
    const root = await copyExampleFleet();
    await growFleet(root, 10);
    const first = start(['render', '--root', root]);
    const second = start(['render', '--root', root]);
    expect([await first.done, await second.done]).toEqual([0, 0]);
    expect((await run('render', '--check', '--root', root)).code).toBe(0);
  }, 60_000);

  it('GIVEN a lock left by a process that is gone THEN render takes it over', async () => {
    const root = await copyExampleFleet();
    await writeFile(join(root, '.fleetform.lock'), '999999');
    expect((await run('render', '--root', root)).code).toBe(0);
  });
});
