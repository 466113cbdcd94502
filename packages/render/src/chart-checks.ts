import { error, type Diagnostic, type SourcePosition } from '@fleetform/diagnostics';
import type { Fleet, Values } from '@fleetform/values';
import type { PathSegment } from '@fleetform/yaml';

/**
 * What an app from a Helm chart must get right on a cluster, once its layers are merged (an override
 * may set the chart's version, or a profile its repository): a complete chart, an Application of its
 * own, and an image the chart can take.
 */
export function checkChartApp(fleet: Fleet, cluster: string, values: Values, locate: (path: readonly PathSegment[]) => SourcePosition): Diagnostic[] {
  const chart = values.chart;
  if (!chart) return [];
  const on = ` (on cluster ${cluster})`;
  const diagnostics: Diagnostic[] = [];
  const missing = (['repoURL', 'chart', 'version'] as const).filter((key) => !chart[key]);
  if (missing.length > 0) {
    diagnostics.push(
      error('FF135', `the app's chart lacks ${missing.map((k) => `\`${k}\``).join(', ')}${on}`, {
        position: locate(['chart']),
        path: '/chart',
        expected: '`chart` with `repoURL`, `chart` and an exact `version`, in app.yaml or a layer below the cluster',
        hint: 'give the chart in full, pinned to an exact version',
      }),
    );
  }
  // As layout reads them: `delivery: applications` on the app wins over an ApplicationSet it names.
  const delivery = values.argocd?.delivery ?? fleet.argocd?.delivery;
  const namedSet = values.argocd?.applicationSet !== undefined && values.argocd.delivery !== 'applications';
  if (namedSet || delivery === 'hub') {
    const key = namedSet ? 'applicationSet' : 'delivery';
    diagnostics.push(
      error('FF136', `an app from a Helm chart is delivered by an Application of its own, not ${key === 'applicationSet' ? `ApplicationSet ${values.argocd!.applicationSet}` : 'the hub'}${on}`, {
        position: locate(['argocd', key]),
        path: `/argocd/${key}`,
        hint: "an ApplicationSet's template has one source for all its apps, and the chart's source and values are the app's own; set `argocd.delivery: applications` for this app",
      }),
    );
  }
  const image = values.image;
  if (image?.repository && image.digest && !image.tag && !chart.imageValues?.digest) {
    diagnostics.push(
      error('FF137', `the image is pinned by digest without a tag, and the chart takes no digest${on}`, {
        position: locate(['image', 'digest']),
        path: '/image/digest',
        expected: 'a tag beside the digest (the chart gets `TAG@DIGEST`), or `chart.imageValues.digest`',
        hint: 'set `chart.imageValues.digest` to the value that takes it (often `image.digest`), or keep the tag with the digest',
      }),
    );
  }
  return diagnostics;
}
