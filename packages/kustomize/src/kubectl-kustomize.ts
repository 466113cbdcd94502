import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseYamlStream } from '@fleetform/yaml';
import type { Manifest } from './build-overlay.js';

const run = promisify(execFile);

/** Whether the real kustomize (as `kubectl kustomize`) can run on this machine. */
export async function hasKubectlKustomize(): Promise<boolean> {
  try {
    await run('kubectl', ['kustomize', '--help'], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** Runs the real `kubectl kustomize DIR` and returns the objects it prints. */
export async function kubectlKustomize(dir: string): Promise<Manifest[]> {
  const { stdout } = await run('kubectl', ['kustomize', dir], { maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  return parseYamlStream(stdout, dir).documents.map((d) => d.value as Manifest);
}
