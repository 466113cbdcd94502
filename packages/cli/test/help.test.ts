import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { program } from '../src/main.js';
import { run } from './fleet-copy.js';

function paths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [[...prefix, sub.name()], ...paths(sub, [...prefix, sub.name()])]);
}

const commands = paths(program({ out: () => undefined, err: () => undefined }, () => undefined));

describe('--help', () => {
  it.each(commands.map((p) => [p.join(' ')]))('GIVEN fleetform %s --help THEN it ends with examples to copy', async (path) => {
    const { code, out } = await run(...path.split(' '), '--help');
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`\\nExamples:\\n {2}\\$ (.* \\| )?fleetform ${path}\\b`));
  });

  it('GIVEN fleetform --help THEN the options every command takes include --quiet and --verbose', async () => {
    const { out } = await run('--help');
    expect(out).toMatch(/--quiet +print only problems/);
    expect(out).toMatch(/--verbose +print more/);
  });
});

describe('--version', () => {
  it('prints the version of the fleetform package and exits 0', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await run('--version')).toMatchObject({ code: 0, out: `${version}\n` });
  });
});
