import type { FleetReport } from '../model.js';
import { html, plural, type Html } from './html.js';

const PROMOTION = { auto: 'tags bumped directly', pullRequest: 'tags arrive by pull request' } as const;

/** The environments as a path a tag travels, first to last, each with its clusters. */
export function renderEnvironments(report: FleetReport): Html {
  return html`<section id="environments" aria-labelledby="environments-title">
  <h2 id="environments-title">Promotion path</h2>
  <p class="lede">A tag runs in each environment before it may run in the next.</p>
  <ol class="promotion-path">
    ${report.environments.map(
      (env, i) => html`<li class="environment" data-environment="${env.name}">
      <div class="environment-head">
        <span class="step">${i + 1}</span>
        <h3>${env.name}</h3>
      </div>
      <ul class="badges">
        ${env.promotion && html`<li class="badge">${PROMOTION[env.promotion]}</li>`}
        ${env.immutableTags && html`<li class="badge badge-strict">immutable tags</li>`}
      </ul>
      <p class="cluster-count">${plural(env.clusters.length, 'cluster')}</p>
      <ul class="cluster-list">
        ${env.clusters.map((c) => html`<li><code>${c.name}</code> <span class="muted">${c.region}</span></li>`)}
      </ul>
    </li>`,
    )}
  </ol>
</section>`;
}
