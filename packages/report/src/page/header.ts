import { countDiffering, type FleetReport } from '../model.js';
import { html, plural, type Html } from './html.js';

/** The title and the fleet in numbers: what a reader takes in before scrolling. */
export function renderHeader(report: FleetReport): Html {
  const clusters = report.environments.reduce((n, e) => n + e.clusters.length, 0);
  const pending = countDiffering(report);
  const { validation } = report;
  const problems = validation.problems.filter((p) => p.severity === 'error').length;
  return html`<header class="masthead">
  <div class="masthead-title">
    <p class="eyebrow">fleetform report</p>
    <h1>${report.title}</h1>
    <p class="source"><code>${report.repository}</code> at <code>${report.revision}</code></p>
  </div>
  <ul class="stats" aria-label="The fleet in numbers">
    <li><span class="stat-number">${report.apps.length}</span> ${report.apps.length === 1 ? 'app' : 'apps'}</li>
    <li><span class="stat-number">${clusters}</span> ${clusters === 1 ? 'cluster' : 'clusters'}</li>
    <li><span class="stat-number">${report.environments.length}</span> ${report.environments.length === 1 ? 'environment' : 'environments'}</li>
    <li class="${pending > 0 ? 'stat-attention' : ''}"><span class="stat-number">${pending}</span> ${pending === 1 ? 'tag differs' : 'tags differ'} from the previous environment</li>
    <li class="${validation.passed ? 'stat-good' : 'stat-bad'}"><a href="#validation">${
      validation.passed
        ? html`<span class="stat-number">✓ valid</span> ${plural(validation.resources, 'object')} checked`
        : html`<span class="stat-number">✗ ${problems}</span> validation ${problems === 1 ? 'problem' : 'problems'}`
    }</a></li>
  </ul>
</header>`;
}
