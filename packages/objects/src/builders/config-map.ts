import type { BuildContext } from '../context.js';
import type { KubeObject } from '../kube.js';

export const configMapName = (app: string): string => `${app}-config`;

/** The app's ConfigMap `<app>-config`, from the `config` values. */
export function buildConfigMap(ctx: BuildContext): KubeObject[] {
  const data = ctx.values.config;
  if (!data || Object.keys(data).length === 0) return [];
  return [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: ctx.metadata(configMapName(ctx.app.name)), data: { ...data } }];
}
