import { describe, expect, it } from 'vitest';
import { applyImageOverrides, parseImage } from '@fleetform/kustomize';

describe('parseImage', () => {
  it.each([
    ['web', 'web', ''],
    ['web:v1', 'web', ':v1'],
    ['registry:5000/team/web:v1', 'registry:5000/team/web', ':v1'],
    ['registry:5000/team/web', 'registry:5000/team/web', ''],
    ['web@sha256:abc', 'web', '@sha256:abc'],
    ['web:v1@sha256:abc', 'web:v1', '@sha256:abc'],
  ])('splits %s into its name and suffix', (image, name, suffix) => {
    expect(parseImage(image)).toEqual({ name, suffix });
  });
});

describe('applyImageOverrides', () => {
  const deployment = () => ({
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { template: { spec: { initContainers: [{ name: 'migrate', image: 'tools:v1' }], containers: [{ name: 'main', image: 'web:v1', ports: [{ containerPort: 8080 }] }] } } },
  });

  it('gives every matching container its new name and tag, leaves the rest, and changes nothing in place', () => {
    const before = deployment();
    const after = applyImageOverrides(before, [{ name: 'web', newName: 'registry.eu/web', newTag: 'v2' }]);
    expect(after.spec.template.spec.containers[0]!.image).toBe('registry.eu/web:v2');
    expect(after.spec.template.spec.initContainers[0]!.image).toBe('tools:v1');
    expect(before).toEqual(deployment());
    // What did not change is shared, not copied.
    expect(after.metadata).toBe(before.metadata);
    expect(after.spec.template.spec.initContainers).toBe(before.spec.template.spec.initContainers);
    expect(after.spec.template.spec.containers[0]!.ports).toBe(before.spec.template.spec.containers[0]!.ports);
  });

  it('returns an object no override matches as it is', () => {
    const before = deployment();
    expect(applyImageOverrides(before, [{ name: 'other', newTag: 'v9' }])).toBe(before);
  });

  it('prefers a digest to a tag', () => {
    const after = applyImageOverrides(deployment(), [{ name: 'web', newTag: 'v2', digest: 'sha256:abc' }]);
    expect(after.spec.template.spec.containers[0]!.image).toBe('web@sha256:abc');
  });
});
