import type { Values } from '@fleetform/values';

/**
 * All that the Argo CD objects of a cluster (Applications, ApplicationSets, AppProjects, the hub's
 * sets) read of an app's values on it: how it is delivered (`argocd`), its chart if it has one, and
 * its image, which reaches them only through a chart's values. Layout is given no more than this, so
 * the cluster-level files cannot come to depend on anything else unnoticed: an incremental render
 * keys them on exactly this (see the delivery key in @fleetform/render).
 */
export type DeliveryValues = Pick<Values, 'argocd' | 'chart' | 'image'>;

/** The delivery values of an instance: an app without a chart leaves its image out, since nothing at cluster level reads it. */
export function deliveryValues({ argocd, chart, image }: DeliveryValues): DeliveryValues {
  return {
    ...(argocd !== undefined && { argocd }),
    ...(chart !== undefined && { chart, ...(image !== undefined && { image }) }),
  };
}
