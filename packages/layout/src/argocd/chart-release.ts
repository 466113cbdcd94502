import type { AppIdentity } from '@fleetform/resolve';
import type { Chart, Values } from '@fleetform/values';
import type { DeliveryValues } from '../delivery-values.js';

type HelmValues = { [key: string]: unknown };

/** One app's chart on one cluster, as its Application installs it. */
export interface ChartRelease {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  readonly releaseName: string;
  /** The chart values merged across the app's layers, with the cluster's image filled in. */
  readonly values: HelmValues;
  /** The kinds the chart renders, for the team's AppProject. */
  readonly kinds: readonly { readonly group: string; readonly kind: string }[];
}

/** What a chart renders when the app does not say: the usual shape of a service's chart. */
export const DEFAULT_CHART_KINDS: readonly string[] = ['apps/Deployment', 'Service', 'ServiceAccount', 'ConfigMap'];

const DEFAULT_IMAGE_VALUES = { repository: 'image.repository', tag: 'image.tag' } as const;

/**
 * The chart an app on a cluster installs, from its merged values: undefined for an app without a
 * chart, or whose chart is incomplete (the value checks report that, FF135). The app's `image`, with
 * the cluster's registry, goes into the chart's values at the paths `imageValues` names, over
 * whatever `values` says there, so an image bump reaches a chart app as any other.
 */
export function chartRelease(app: AppIdentity, values: DeliveryValues, registry: string): ChartRelease | undefined {
  const chart = values.chart;
  if (!chart?.repoURL || !chart.chart || !chart.version) return undefined;
  return {
    repoURL: chart.repoURL,
    chart: chart.chart,
    version: chart.version,
    releaseName: chart.releaseName ?? app.name,
    values: withImage(structuredClone(chart.values ?? {}), chart, values.image, registry),
    kinds: (chart.kinds ?? DEFAULT_CHART_KINDS).map(parseKind),
  };
}

function withImage(helm: HelmValues, chart: Chart, image: Values['image'], registry: string): HelmValues {
  if (!image?.repository) return helm;
  const paths = { ...DEFAULT_IMAGE_VALUES, ...chart.imageValues };
  const host = image.registry ?? registry;
  if (paths.registry) {
    setPath(helm, paths.registry, host);
    setPath(helm, paths.repository, image.repository);
  } else {
    setPath(helm, paths.repository, `${host}/${image.repository}`);
  }
  if (image.digest && paths.digest) {
    setPath(helm, paths.digest, image.digest);
    if (image.tag) setPath(helm, paths.tag, image.tag);
  } else if (image.digest && image.tag) {
    // `REPOSITORY:TAG@DIGEST` pins the digest for a chart that only joins repository and tag; a
    // digest without a tag has no such form, and the value checks refuse it (FF137).
    setPath(helm, paths.tag, `${image.tag}@${image.digest}`);
  } else if (image.tag && !image.digest) {
    setPath(helm, paths.tag, image.tag);
  }
  return helm;
}

/** Sets a dotted path, making maps on the way (and replacing anything else there). */
function setPath(values: HelmValues, path: string, value: string): void {
  const keys = path.split('.');
  let node = values;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as HelmValues;
  }
  node[keys[keys.length - 1]!] = value;
}

const parseKind = (text: string): { group: string; kind: string } => {
  const slash = text.lastIndexOf('/');
  return slash === -1 ? { group: '', kind: text } : { group: text.slice(0, slash), kind: text.slice(slash + 1) };
};
