import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './fleet-copy.js';

describe('README.md', () => {
  it('has the command and value-file references that the program and the schemas give (run `npx tsx tools/gen-readme.ts`)', async () => {
    const run = promisify(execFile);
    const args = ['--conditions=source', '--import', 'tsx', join(repoRoot, 'tools/gen-readme.ts'), '--check'];
    const result = await run(process.execPath, args, { cwd: repoRoot }).catch((e: { stderr: string }) => e);
    expect(result.stderr).toBe('');
  });

  it('starts with the two set-up commands: render and validate the example fleet, run every test', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
    expect(firstBlock.map((line) => line.split('#')[0]!.trim())).toEqual(['npm ci && npx fleetform render && npx fleetform validate', 'npm test']);
  });
});
