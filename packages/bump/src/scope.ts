/** Which clusters a bump is for; each kind has its own place in app.yaml. */
export type Scope = { readonly kind: 'app' } | { readonly kind: 'environment' | 'region' | 'cluster'; readonly name: string };

const OVERRIDE_KEY = { environment: 'environments', region: 'regions', cluster: 'clusters' } as const;

/** Where the image of a scope lives in app.yaml: `image`, or `overrides.environments.prod.image` and so on. */
export function imagePath(scope: Scope): string[] {
  return scope.kind === 'app' ? ['image'] : ['overrides', OVERRIDE_KEY[scope.kind], scope.name, 'image'];
}

export function describeScope(scope: Scope): string {
  return scope.kind === 'app' ? 'every cluster' : `${scope.kind} ${scope.name}`;
}

export function inScope(scope: Scope, instance: { readonly cluster: string; readonly environment: string; readonly region: string }): boolean {
  switch (scope.kind) {
    case 'app':
      return true;
    case 'environment':
      return instance.environment === scope.name;
    case 'region':
      return instance.region === scope.name;
    case 'cluster':
      return instance.cluster === scope.name;
  }
}
