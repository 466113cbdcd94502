import { formatDiagnostic } from '@fleetform/diagnostics';
import { resourceName, type ResourceResult, type ValidationReport } from '../result.js';

const escape = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 does not allow at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

function testcase(resource: ResourceResult): string {
  const name = escape(`${resourceName(resource)}${resource.cluster ? ` (${resource.cluster})` : ''}`);
  const open = `    <testcase name="${name}" classname="${escape(resource.file)}">`;
  if (resource.status === 'skipped') return `${open}<skipped message="no schema"/></testcase>`;
  if (resource.diagnostics.length === 0) return `${open}</testcase>`;
  const body = escape(resource.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
  const tag = resource.status === 'error' ? 'error' : 'failure';
  return `${open}\n      <${tag} message="${escape(resource.diagnostics[0]!.message)}" type="${resource.status}">${body}</${tag}>\n    </testcase>`;
}

/** JUnit XML for CI test reports: a test suite per file, a test case per resource. */
export function formatJunit(report: ValidationReport): string {
  const byFile = new Map<string, ResourceResult[]>();
  for (const r of report.resources) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  for (const d of report.diagnostics) {
    const file = d.position?.file ?? 'fleetform';
    byFile.set(file, [...(byFile.get(file) ?? []), { file, kind: 'File', name: file, status: 'error', diagnostics: [d] }]);
  }
  const count = (rs: ResourceResult[], s: ResourceResult['status']) => rs.filter((r) => r.status === s).length;
  const suites = [...byFile].map(
    ([file, rs]) =>
      `  <testsuite name="${escape(file)}" tests="${rs.length}" failures="${count(rs, 'invalid')}" errors="${count(rs, 'error')}" skipped="${count(rs, 'skipped')}">\n${rs.map(testcase).join('\n')}\n  </testsuite>`,
  );
  const all = [...byFile.values()].flat();
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="fleetform validate" tests="${all.length}" failures="${count(all, 'invalid')}" errors="${count(all, 'error')}">\n${suites.join('\n')}\n</testsuites>\n`;
}
