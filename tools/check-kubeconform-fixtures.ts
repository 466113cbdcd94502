/**
 * Runs `fleetform validate` on kubeconform v0.7.0's own fixtures and compares each verdict with the
 * one kubeconform's acceptance tests expect (strict mode, local schemas, no network).
 *
 *   npx tsx --conditions=source tools/check-kubeconform-fixtures.ts DIR    DIR is kubeconform's fixtures/
 *
 * The fixtures are reference data beside the repository, not part of it, so this is a check for CI
 * and for people. Exits 1 if any verdict differs.
 */
import { join } from 'node:path';
import { main } from 'fleetform/program';

const [dir] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: tsx tools/check-kubeconform-fixtures.ts DIR\n');
  process.exit(2);
}

/** Fixture, extra arguments, the exit code kubeconform -strict gives, and the summary it implies. */
const CASES: [fixture: string, args: string[], exit: number, summary?: string][] = [
  ['valid.yaml', [], 0, 'Valid: 1, Invalid: 0'],
  ['folder', [], 0, 'Valid: 7, Invalid: 0'],
  ['int_or_string.yaml', [], 0],
  ['generate_name.yaml', [], 0],
  ['quantity.yaml', [], 0],
  ['null_string.yaml', [], 0],
  ['multi_valid.yaml', [], 0, 'Valid: 6, Invalid: 0'],
  ['list_valid.yaml', [], 0, 'Valid: 6, Invalid: 0'],
  ['multi_with_list.yaml', [], 0, 'Valid: 2, Invalid: 0'],
  ['blank.yaml', [], 0, '0 resources'],
  ['comment.yaml', [], 0, '0 resources'],
  ['list_empty_valid.yaml', [], 0, '0 resources'],
  ['extra_property.yaml', [], 1],
  ['duplicate_property.yaml', [], 1],
  ['multi_invalid.yaml', [], 1],
  ['invalid.yaml', [], 1],
  ['list_invalid.yaml', [], 1, 'Valid: 1, Invalid: 1'],
  ['missing_kind.yaml', [], 1],
  ['missing_kind_value.yaml', [], 1],
  ['missing_apiversion.yaml', [], 1],
  ['test_crd.yaml', [], 1],
  ['test_crd.yaml', ['--ignore-missing-schemas'], 0],
  ['null_array.yaml', [], 0],
  ['unconventional_keys.yaml', [], 0],
  ['full_domain_group.yaml', ['--ignore-missing-schemas'], 0],
  ['valid_version.yaml', [], 0],
];

let failed = 0;
for (const [fixture, args, exit, summary] of CASES) {
  let out = '';
  const code = await main(['validate', ...args, join(dir, fixture)], { out: (t) => (out += t), err: (t) => (out += t) });
  const summaryOk = summary === undefined || out.includes(summary);
  const ok = code === exit && summaryOk;
  if (!ok) failed++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${fixture} ${args.join(' ')} → exit ${code} (kubeconform: ${exit})${summaryOk ? '' : ` summary lacks "${summary}"`}\n`);
  if (!ok) process.stdout.write(out.split('\n').map((l) => `       ${l}`).join('\n') + '\n');
}
process.stdout.write(`check-kubeconform-fixtures: ${CASES.length - failed} of ${CASES.length} verdicts agree\n`);
process.exitCode = failed === 0 ? 0 : 1;
