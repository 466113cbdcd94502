import { IN_CLUSTER, SECRET_TYPE_LABEL, type ClusterSecret } from '../cluster-source.js';
import type { Params } from '../params.js';
import { compileSelector } from '../selector.js';
import { normalize } from '../template/sprig.js';
import { checkFields, readSpec, readValues, withValues, type Generator } from './generator.js';

/**
 * The clusters generator over the fleet's clusters or the given cluster secrets. As in Argo CD, an
 * empty selector also yields the local cluster (`in-cluster`) unless a secret already names its
 * address, and any selector skips it, since it has no secret to carry labels.
 */
export const clusters: Generator = {
  async generate(raw, at, context) {
    const spec = readSpec(raw ?? {}, 'clusters', at, context);
    if (!spec) return [];
    checkFields(spec, ['selector', 'values', 'template', 'flatList'], at, context);
    const matches = compileSelector(spec.selector, [...at, 'selector'], context.report);
    const values = readValues(spec, at, context);
    const { clusters: secrets, diagnostics } = await context.clusters();
    context.forward(diagnostics);
    if (!matches || !values || !secrets) return [];
    const selector = (spec.selector ?? {}) as { matchLabels?: object; matchExpressions?: unknown[] };
    const hasSelector = Object.keys(selector.matchLabels ?? {}).length > 0 || (selector.matchExpressions ?? []).length > 0;
    const sets: Params[] = [];
    if (!hasSelector && !secrets.some((s) => s.server === IN_CLUSTER)) {
      sets.push({ name: 'in-cluster', nameNormalized: 'in-cluster', server: IN_CLUSTER, project: '' });
    }
    for (const secret of secrets) {
      if (secret.labels[SECRET_TYPE_LABEL] === 'cluster' && matches(secret.labels)) sets.push(clusterParams(secret, context.engine.goTemplate));
    }
    const withTemplatedValues = sets.map((params) => withValues(params, values, at, context)).filter((p): p is Params => p !== undefined);
    return spec.flatList === true ? [{ clusters: withTemplatedValues }] : withTemplatedValues;
  },
};

function clusterParams(secret: ClusterSecret, goTemplate: boolean): Params {
  const params: Params = { name: secret.name, nameNormalized: normalize(secret.name), server: secret.server, project: secret.project ?? '' };
  if (goTemplate) {
    const metadata: Params = {};
    if (Object.keys(secret.annotations).length > 0) metadata.annotations = { ...secret.annotations };
    if (Object.keys(secret.labels).length > 0) metadata.labels = { ...secret.labels };
    return { ...params, metadata };
  }
  for (const [key, value] of Object.entries(secret.annotations)) params[`metadata.annotations.${key}`] = value;
  for (const [key, value] of Object.entries(secret.labels)) params[`metadata.labels.${key}`] = value;
  return params;
}
