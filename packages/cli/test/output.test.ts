import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import pc from 'picocolors';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { NOT_A_TERMINAL, Output, paint, wantsColour, wantsProgress, type Terminal } from '../src/output.js';
import { run } from './fleet-copy.js';

const tty = (env: Terminal['env'] = {}): Terminal => ({ stdoutIsTTY: true, stderrIsTTY: true, env });

async function runOn(terminal: Terminal, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) }, terminal);
  return { code, out, err };
}

describe('when output is coloured', () => {
  it.each([
    ['a terminal', true, {}, true],
    ['a pipe', false, {}, false],
    ['a terminal with NO_COLOR', true, { NO_COLOR: '1' }, false],
    ['a terminal with NO_COLOR empty (unset, says no-color.org)', true, { NO_COLOR: '' }, true],
    ['a pipe with FORCE_COLOR', false, { FORCE_COLOR: '1' }, true],
    ['a terminal with FORCE_COLOR=0', true, { FORCE_COLOR: '0' }, false],
    ['a dumb terminal', true, { TERM: 'dumb' }, false],
  ])('GIVEN %s THEN colour is %s', (_, isTTY, env, expected) => {
    expect(wantsColour(isTTY, env)).toBe(expected);
  });

  it('GIVEN a progress line THEN only a person at a terminal sees it: never in CI, piped, or with --quiet', () => {
    expect(wantsProgress(tty(), 'normal')).toBe(true);
    expect(wantsProgress(tty({ CI: 'true' }), 'normal')).toBe(false);
    expect(wantsProgress({ ...tty(), stderrIsTTY: false }, 'normal')).toBe(false);
    expect(wantsProgress(tty(), 'quiet')).toBe(false);
  });

  it('GIVEN diagnostics and summaries THEN colour changes how they look and never what they say', () => {
    const text = [
      'clusters/a/cluster.yaml:3:9: error FF112 at /region: unknown region `eu-west1`',
      '  hint: did you mean `eu-west-1`?',
      'warning FF999: something to look at',
      '1 error, 1 warning',
      'Summary: 3 resources found in 2 files - Valid: 3, Invalid: 0, Errors: 0, Skipped: 0',
      "error: unknown option '--chek'",
      'fleetform: rendered 1 app on 1 cluster',
      '',
    ].join('\n');
    const painted = paint(text, pc.createColors(true));
    expect(painted).not.toBe(text);
    expect(painted).toContain(`${pc.createColors(true).red('error FF112')}`);
    expect(stripVTControlCharacters(painted)).toBe(text);
    expect(paint(text, pc.createColors(false))).toBe(text);
  });
});

describe('the command line on a terminal', () => {
  let broken = '';
  beforeAll(async () => {
    broken = join(await mkdtemp(join(tmpdir(), 'fleetform-output-')), 'fleet');
    await run('init', broken);
    await writeFile(join(broken, 'clusters/us-east-1-staging/cluster.yaml'), 'environment: staging\nregion: us-east1\n');
  });

  it('GIVEN errors on a terminal THEN they are coloured; without the colour, byte for byte what a pipe gets', async () => {
    const piped = await runOn(NOT_A_TERMINAL, 'render', '--root', broken);
    // A terminal in CI: coloured, with no progress line, whose frames would show if the render took
    // longer than a frame (the progress line has tests of its own below).
    const coloured = await runOn(tty({ CI: 'true' }), 'render', '--root', broken);
    expect(piped.err).toContain('error FF112');
    expect(piped.err).toBe(stripVTControlCharacters(piped.err));
    expect(coloured.err).not.toBe(piped.err);
    expect(stripVTControlCharacters(coloured.err)).toBe(piped.err);
    expect(coloured.code).toBe(piped.code);
  });

  it('GIVEN NO_COLOR on a terminal THEN not one escape code', async () => {
    const { err } = await runOn(tty({ NO_COLOR: '1', CI: 'true' }), 'render', '--root', broken);
    expect(err).toBe(stripVTControlCharacters(err));
  });
});

describe('--quiet and --verbose', () => {
  it('GIVEN --quiet THEN the status line goes and problems stay; GIVEN --verbose THEN each file created and the time taken', async () => {
    const root = join(await mkdtemp(join(tmpdir(), 'fleetform-output-')), 'fleet');
    const verbose = await run('init', root, '--verbose');
    expect(verbose.err).toContain('created clusters/fleet.yaml\n');
    expect(verbose.err).toMatch(/^fleetform: init took \d+ ms$/m);
    expect(await run('render', '--root', root, '--quiet')).toEqual({ code: 0, out: '', err: '' });
    expect((await run('render', '--root', root)).out).toMatch(/^fleetform: rendered/);
    const refused = await run('new', 'app', 'hello', '--root', root, '--quiet');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('error FF900');
  });

  it('GIVEN both THEN it is a usage error', async () => {
    expect((await run('render', '--quiet', '--verbose')).code).toBe(2);
  });
});

describe('the progress line', () => {
  const recorder = () => {
    const log: [string, string][] = [];
    return { log, io: { out: (t: string) => void log.push(['out', t]), err: (t: string) => void log.push(['err', t]) } };
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('GIVEN a person at a terminal WHEN a step runs a while THEN a spinner names it, and it is wiped before anything is printed', async () => {
    const { log, io } = recorder();
    const output = new Output(io, tty({ NO_COLOR: '1' }));
    output.begin('report', {});
    output.step('validating');
    await pause(120);
    output.io.out('done\n');
    output.stop();
    const progress = log.filter(([stream, text]) => stream === 'err' && text.includes('validating'));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]![1]).toMatch(/^\r\x1b\[2K[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] validating \d+\.\d s$/);
    const done = log.findIndex(([stream]) => stream === 'out');
    expect(log[done - 1]).toEqual(['err', '\r\x1b[2K']);
  });

  it('GIVEN CI, or a command that finishes at once THEN no progress line at all', async () => {
    for (const terminal of [tty({ CI: 'true' }), tty()]) {
      const { log, io } = recorder();
      const output = new Output(io, terminal);
      output.begin('render', {});
      if (terminal.env.CI) await pause(120);
      output.stop();
      expect(log).toEqual([]);
    }
  });
});
