import type { FleetReport, ReportProblem } from '../model.js';
import { html, plural, type Html } from './html.js';

function problemRow(p: ReportProblem): Html {
  return html`<li class="problem ${p.severity}">
      <p class="problem-head"><span class="severity">${p.severity} ${p.code}</span>${p.subject && html` <span class="subject">${p.subject}</span>`}</p>
      <p class="problem-message">${p.message}</p>
      ${p.where && html`<p class="where"><code>${p.where}</code></p>`}
      ${p.hint && html`<p class="hint"><span class="hint-label">hint:</span> ${p.hint}</p>`}
    </li>`;
}

/** The verdict of `fleetform validate`, its counts in kubeconform's words, and every problem. */
export function renderValidation(report: FleetReport): Html {
  const v = report.validation;
  const counts = `${plural(v.resources, 'resource')} checked: ${v.valid} valid, ${v.invalid} invalid, ${plural(v.errors, 'error')}, ${v.skipped} skipped`;
  return html`<section id="validation" aria-labelledby="validation-title">
  <h2 id="validation-title">Validation</h2>
  <div class="verdict ${v.passed ? 'passed' : 'failed'}" role="status">
    <span class="verdict-mark" aria-hidden="true">${v.passed ? '✓' : '✗'}</span>
    <div>
      <p class="verdict-title">${v.passed ? 'Every value file and every rendered object is valid' : `Validation failed: ${plural(v.problems.filter((p) => p.severity === 'error').length, 'error')}`}</p>
      <p class="verdict-counts">${counts}</p>
    </div>
  </div>
  ${v.problems.length > 0 && html`<ol class="problems">${v.problems.map(problemRow)}</ol>`}
  ${v.waived.length > 0 && html`<h3>Waived</h3><p class="lede">Findings the fleet waives, each with its reason.</p><ol class="problems waived">${v.waived.map(problemRow)}</ol>`}
</section>`;
}
