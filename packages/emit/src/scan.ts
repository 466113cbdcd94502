import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** All files under the given top-level folders of `root`, as sorted repository-relative paths. */
export async function listFiles(root: string, folders: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  for (const folder of folders) await walk(folder);
  return found.sort();
}

/** The first bytes of a file: enough to see whether it starts with fleetform's generated header. */
export async function readHead(path: string, bytes = 128): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
