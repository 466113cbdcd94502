import { dirname } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { caseNames, fingerprintTree, prepareCase } from './support/bad-input-case.js';
import { run } from './fleet-copy.js';

// One case per folder of fixtures/bad-input: the base fleet (_base) with the case's files laid over
// it, and expected.txt with what `render` must print. Drop in a folder and it becomes a case.
// Bad input must exit 1 with each expected fragment in stderr, no stack trace, and no file changed,
// in the fleet or beside it (where a link out of the repository leads);
// an `ok-` case is input that must be accepted (CRLF line endings, an app on no cluster).
const cases = await caseNames();

describe('fleetform render on bad input', () => {
  it('has at least 40 cases', () => {
    expect(cases.filter((name) => !name.startsWith('ok-')).length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', { timeout: 30_000 }, async (name) => {
    const fixture = await prepareCase(name);
    onTestFinished(fixture.remove);
    // The fleet and the folder beside it, `outside/`, where the cases' links lead.
    const scratch = dirname(fixture.root);
    const before = await fingerprintTree(scratch);
    const { code, out, err } = await run('render', '--root', fixture.root);
    expect(err).not.toContain('\n    at ');
    expect(err).not.toContain('internal error');
    if (fixture.accepted) {
      expect({ code, err }).toMatchObject({ code: 0 });
      for (const fragment of fixture.expected) expect(out + err).toContain(fragment);
      return;
    }
    expect({ code, out }).toEqual({ code: 1, out: '' });
    for (const fragment of fixture.expected) expect(err).toContain(fragment);
    expect(await fingerprintTree(scratch)).toEqual(before);
  });
});
