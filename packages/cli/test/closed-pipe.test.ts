import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleFleet } from './fleet-copy.js';

const cli = join(import.meta.dirname, 'support/run-cli.ts');

describe('output into a closed pipe', () => {
  it('GIVEN a reader that stops before fleetform writes (`fleetform render --check | head -0`) THEN fleetform stops quietly: no stack trace', async () => {
    const root = await copyExampleFleet();
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, 'render', '--check', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  }, 60_000);
});
