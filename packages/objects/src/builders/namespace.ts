import type { BuildContext } from '../context.js';
import type { KubeObject } from '../kube.js';
import { standardLabels } from '../labels.js';

/** The app's Namespace, enforcing a Pod Security Standard (restricted unless the values say otherwise). */
export function buildNamespace(ctx: BuildContext): KubeObject[] {
  const { namespace } = ctx.app;
  if (namespace.create === false) return [];
  const level = namespace.podSecurity ?? 'restricted';
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace.name,
        labels: {
          ...namespace.labels,
          ...standardLabels(ctx.app),
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': level,
          'pod-security.kubernetes.io/warn': level,
        },
      },
    },
  ];
}
