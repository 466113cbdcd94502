import type { FleetReport, ImageCell, ReportApp } from '../model.js';
import { html, type Html } from './html.js';

function cell(app: ReportApp, cluster: string, first: boolean): Html {
  const image = app.cells[cluster];
  const edge = first ? ' env-start' : '';
  if (!image) return html`<td class="cell absent${edge}" data-app="${app.name}" data-cluster="${cluster}"><span class="sr-only">not deployed</span></td>`;
  return html`<td class="cell${image.differs ? ' differs' : ''}${edge}" data-app="${app.name}" data-cluster="${cluster}" title="${image.reference}">
        <code class="tag">${image.version}</code>${image.differs && differsNote(image.differs)}
      </td>`;
}

function differsNote(differs: NonNullable<ImageCell['differs']>): Html {
  return html`<span class="differs-note">≠ ${differs.environment}: ${differs.versions.join(', ')}</span>`;
}

/** Apps × clusters, the clusters grouped by environment in promotion order; a cell that differs from the environment before stands out. */
export function renderMatrix(report: FleetReport): Html {
  const environments = report.environments.filter((e) => e.clusters.length > 0);
  return html`<section id="images" aria-labelledby="images-title">
  <h2 id="images-title">Image tags</h2>
  <p class="lede">The tag of each app's image on each cluster. <span class="legend differs">Highlighted</span> tags differ from what the previous environment runs: a promotion is pending there, or the environment went ahead.</p>
  <div class="controls">
    <label><span>Find an app</span> <input id="app-filter" type="search" placeholder="name or team" autocomplete="off"></label>
    <label class="check"><input id="only-differs" type="checkbox"> only apps whose tags differ</label>
  </div>
  <div class="table-scroll">
  <table class="matrix" aria-labelledby="images-title">
    <thead>
      <tr>
        <th scope="col" rowspan="2" class="corner">app</th>
        ${environments.map((e) => html`<th scope="colgroup" colspan="${e.clusters.length}" class="env-head env-start">${e.name}</th>`)}
      </tr>
      <tr>
        ${environments.map((e) => e.clusters.map((c, i) => html`<th scope="col" class="cluster-head${i === 0 ? ' env-start' : ''}">${c.name}<span class="region">${c.region}</span></th>`))}
      </tr>
    </thead>
    <tbody>
      ${report.apps.map(
        (app) => html`<tr data-app="${app.name}" data-team="${app.team}" data-differs="${Object.values(app.cells).some((c) => c.differs) ? 'yes' : 'no'}">
      <th scope="row"><a href="#app-${app.name}">${app.name}</a><span class="team">${app.team}</span></th>
      ${environments.map((e) => e.clusters.map((c, i) => cell(app, c.name, i === 0)))}
    </tr>`,
      )}
    </tbody>
  </table>
  </div>
</section>`;
}
