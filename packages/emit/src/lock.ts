import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = '.fleetform.lock';

export class LockedError extends Error {
  override readonly name = 'LockedError';
  constructor(readonly holder: number) {
    super(`another fleetform (pid ${holder}) is writing this repository`);
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs `work` holding the repository's write lock, so two renders never interleave. A second one waits
 * up to `waitMs` for the first to finish, then refuses with LockedError. A lock whose process is gone
 * (killed) is taken over.
 */
export async function withWriteLock<T>(root: string, work: () => Promise<T>, { waitMs = 10_000, pollMs = 100 } = {}): Promise<T> {
  const path = join(root, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')) || NaN);
      if (Number.isInteger(holder) && !alive(holder)) {
        await rm(path, { force: true });
        continue;
      }
      if (Date.now() >= deadline) throw new LockedError(holder);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
