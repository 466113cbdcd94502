import { didYouMean, error, type Diagnostic } from '@fleetform/diagnostics';
import { resolveInstances } from '@fleetform/resolve';
import { loadFleet, type InputFiles, type ParseYaml } from '@fleetform/values';
import { formatImageRef, imageRefOf, sameRef, type ImageRef } from './image-ref.js';
import type { BumpRequest } from './plan-bump.js';

export interface PromotionRequest {
  readonly app: string;
  readonly from: string;
  readonly to: string;
  /** Allow skipping environments between `from` and `to`. */
  readonly force?: boolean;
}

export interface Promotion {
  readonly app: string;
  readonly from: string;
  readonly to: string;
  /** The image every cluster of `from` runs. */
  readonly ref: ImageRef;
  /** The clusters of `from` it was read from. */
  readonly clusters: readonly string[];
  /** Environments between `from` and `to` that the promotion skips (only with force). */
  readonly skipped: readonly string[];
}

/**
 * Reads the image an app runs in one environment, as resolved for its clusters there, and turns it
 * into a bump of the next environment in fleet.yaml's promotion order.
 */
export function planPromotion(files: InputFiles, request: PromotionRequest, { parseYaml }: { readonly parseYaml?: ParseYaml } = {}): { promotion?: Promotion; bump?: BumpRequest; diagnostics: Diagnostic[] } {
  const loaded = loadFleet(files, parseYaml);
  if (!loaded.inputs) return { diagnostics: [...loaded.diagnostics] };
  const { inputs } = loaded;
  const { app, from, to } = request;
  const order = inputs.fleet.value.environments.map((e) => e.name);
  const diagnostics: Diagnostic[] = [];
  if (!inputs.apps.has(app)) {
    diagnostics.push(error('FF500', `unknown app \`${app}\``, { found: `\`${app}\``, hint: didYouMean(app, inputs.apps.keys()) }));
  }
  for (const name of [from, to]) {
    if (!order.includes(name)) {
      diagnostics.push(error('FF510', `unknown environment \`${name}\``, { expected: `one of ${order.map((e) => `\`${e}\``).join(', ')}`, found: `\`${name}\``, hint: didYouMean(name, order) }));
    }
  }
  if (diagnostics.length > 0) return { diagnostics };

  const [i, j] = [order.indexOf(from), order.indexOf(to)];
  const orderText = order.join(' → ');
  const position = inputs.fleet.source.positionOf(['environments']);
  if (j <= i) {
    return {
      diagnostics: [
        error('FF510', `a promotion goes forward in the promotion order (${orderText}); ${to} is not after ${from}`, {
          position,
          hint: j < i ? `to roll ${to} back, bump it: fleetform bump ${app} TAG --env ${to} --allow-downgrade` : undefined,
        }),
      ],
    };
  }
  const skipped = order.slice(i + 1, j);
  if (skipped.length > 0 && !request.force) {
    return {
      diagnostics: [
        error('FF511', `promoting ${app} from ${from} to ${to} skips ${skipped.join(', ')} (promotion order ${orderText})`, {
          position,
          hint: `promote to ${skipped[0]} first, or pass --force`,
        }),
      ],
    };
  }

  const running = resolveInstances(inputs, app).filter((instance) => instance.environment === from);
  if (running.length === 0) {
    return { diagnostics: [error('FF513', `${app} runs on no cluster in environment ${from}, so there is nothing to promote`, { position: { file: inputs.apps.get(app)!.file, line: 1, col: 1 }, path: '/targets' })] };
  }
  const refs = running.map((instance) => ({ cluster: instance.cluster, ref: imageRefOf(instance.values.image) }));
  const ref = refs[0]!.ref;
  if (!ref || refs.some((r) => !sameRef(r.ref, ref))) {
    return {
      diagnostics: [
        error('FF512', `the clusters of ${from} do not agree on the image of ${app}: ${refs.map((r) => `${r.cluster} runs ${formatImageRef(r.ref)}`).join(', ')}`, {
          hint: `bring ${from} to one image first (fleetform bump ${app} TAG --env ${from}), or bump ${to} directly`,
        }),
      ],
    };
  }
  return {
    promotion: { app, from, to, ref, clusters: running.map((r) => r.cluster), skipped },
    bump: { app, ref, scope: { kind: 'environment', name: to } },
    diagnostics: [],
  };
}
