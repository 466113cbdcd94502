import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '../../..');

describe('the generated Kubernetes field tables', () => {
  it('match @kubernetes/client-node as installed (run `npm run gen:fields -w packages/validate` after upgrading it)', async () => {
    const run = promisify(execFile);
    const result = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'tools/gen-kubernetes-fields.ts'), '--check'], { cwd: repoRoot }).catch((e: { code: number; stderr: string }) => e);
    expect('stderr' in result ? result.stderr : '').toBe('');
  });
});
