import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '../../..');

describe('generated types', () => {
  it('match the schemas (run `npm run gen:types` after changing schemas/)', async () => {
    const run = promisify(execFile);
    const result = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'tools/gen-types.ts'), '--check'], { cwd: repoRoot }).catch((e: { code: number; stderr: string }) => e);
    expect('stderr' in result ? result.stderr : '').toBe('');
  });
});
