import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@fleetform/diagnostics';
import type { KubeObject } from '@fleetform/objects';
import type { Values } from '@fleetform/values';
import { isPinnedByDigest, manifestsOf, POLICIES, runPolicies, type PolicyObject } from '@fleetform/validate';
import type { PathSegment } from '@fleetform/yaml';

const DIGEST = `sha256:${'ab12'.repeat(16)}`;
const pod = (...images: string[]) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    spec:
      containers:
${images.map((image, i) => `        - {name: c${i}, image: "${image}"}`).join('\n')}
`;

function objects(text: string): PolicyObject[] {
  return manifestsOf(text, 'apps/web/resources/deployment.yaml').manifests.map((manifest) => ({ manifest, object: manifest.object as KubeObject }));
}
/** Where each value was set, as render's layers would say: the main tag in an override for prod, the rest in app.yaml. */
const locate = (path: readonly PathSegment[]) =>
  path.join('.') === 'image.tag' ? { file: 'apps/web/app.yaml', line: 30, col: 14 } : { file: 'apps/web/app.yaml', line: 9, col: 10 };
const check = (text: string, values?: Values, requireDigests = true) =>
  runPolicies(POLICIES, { objects: objects(text), app: 'web', values, locate, environment: { name: 'prod', immutableTags: true, requireDigests } }).findings.filter((d) => d.code === 'FF417');

describe('require-digests', () => {
  it('recognises a digest, with or without a tag, and nothing else', () => {
    expect(['r.io/web@' + DIGEST, 'r.io/web:1.0.0@' + DIGEST].map(isPinnedByDigest)).toEqual([true, true]);
    expect(['r.io/web:1.0.0', 'r.io/web@sha256:abc', `r.io/web@${DIGEST.toUpperCase()}`].map(isPinnedByDigest)).toEqual([false, false, false]);
  });

  it('GIVEN an environment without requireDigests THEN tags are fine', () => {
    expect(check(pod('r.io/web:1.0.0'), undefined, false)).toEqual([]);
  });

  it('GIVEN values images without a digest THEN each points at the value that set it, with how to pin it', () => {
    const values: Values = { image: { repository: 'web', tag: '1.0.0' }, extraImages: { migrate: { repository: 'migrate', tag: '2.0.0' }, pinned: { repository: 'pinned', digest: DIGEST } } };
    expect(check(pod(`r.io/web:1.0.0`, `r.io/pinned@${DIGEST}`), values).map((d) => formatDiagnostic(d))).toEqual([
      [
        'apps/web/app.yaml:30:14: error FF417 at /image/tag: [require-digests] image `image` (web:1.0.0) is not pinned by digest, and environment prod requires digests',
        '  hint: pin it: `fleetform bump web @sha256:<digest> --env prod` (the digest the tag points to: `crane digest REPOSITORY:TAG`)',
      ].join('\n'),
      [
        'apps/web/app.yaml:9:10: error FF417 at /extraImages/migrate/tag: [require-digests] image `extraImages.migrate` (migrate:2.0.0) is not pinned by digest, and environment prod requires digests',
        '  hint: set `extraImages.migrate.digest: sha256:<digest>` for prod (the digest the tag points to: `crane digest REPOSITORY:TAG`)',
      ].join('\n'),
    ]);
  });

  it('GIVEN a raw resource container that no value sets THEN it points at the image in the file its author wrote', () => {
    const values: Values = { image: { repository: 'web', digest: DIGEST } };
    expect(check(pod(`r.io/web@${DIGEST}`, 'busybox:1.36', `busybox:1.36@${DIGEST}`), values).map((d) => formatDiagnostic(d))).toEqual([
      [
        'apps/web/resources/deployment.yaml:9:29: error FF417 at /spec/template/spec/containers/1/image: [require-digests] image busybox:1.36 is not pinned by digest, and environment prod requires digests',
        '  hint: write the image as `REPOSITORY@sha256:<digest>` (or `REPOSITORY:TAG@sha256:<digest>`)',
      ].join('\n'),
    ]);
  });
});
