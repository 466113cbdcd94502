import type { FleetReport, ReportApp } from '../model.js';
import { Html, html, plural } from './html.js';

/** Past this many apps the timelines start folded, so the page stays a page. */
const OPEN_UP_TO = 6;

function timeline(app: ReportApp, open: boolean): Html {
  const count = app.waves.reduce((n, w) => n + w.objects.length, 0);
  return html`<details class="app-timeline" id="app-${app.name}" data-app="${app.name}" data-team="${app.team}"${open && new Html(' open')}>
    <summary><span class="app-name">${app.name}</span> <span class="muted">${app.team} · ${plural(count, 'object')} in ${plural(app.waves.length, 'wave')}</span>${app.description && html`<span class="description">${app.description}</span>`}</summary>
    <ol class="waves" aria-label="Sync waves of ${app.name}">
      ${app.waves.map(
        (w) => html`<li class="wave" data-wave="${w.wave}">
        <p class="wave-number">wave ${w.wave}</p>
        <ul class="objects">
          ${w.objects.map(
            (o) => html`<li class="object"><span class="kind">${o.kind}</span><span class="object-name">${o.namespace ? `${o.namespace}/` : ''}${o.name}</span>${o.onlyOn && html`<span class="only-on">only on ${o.onlyOn.join(', ')}</span>`}</li>`,
          )}
        </ul>
      </li>`,
      )}
    </ol>
  </details>`;
}

/** Each app's objects as Argo CD syncs them: wave by wave, left to right. */
export function renderTimelines(report: FleetReport): Html {
  const open = report.apps.length <= OPEN_UP_TO;
  return html`<section id="waves" aria-labelledby="waves-title">
  <h2 id="waves-title">Sync waves</h2>
  <p class="lede">Argo CD applies each app's objects wave by wave and waits for each wave to be healthy before the next: CRDs before the resources that use them, RBAC before workloads, webhooks last.</p>
  ${report.apps.map((app) => timeline(app, open))}
</section>`;
}
