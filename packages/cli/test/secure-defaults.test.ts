import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlKustomize, type Manifest } from '@fleetform/kustomize';
import { kustomizeAvailable } from '@fleetform/kustomize/testing';
import { describe, expect, it } from 'vitest';
import { copyExampleFleet, run } from './fleet-copy.js';

const real = await kustomizeAvailable();
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

/** A fleet from `init` with a prod cluster beside its staging one: app `hello`, one Deployment. */
async function newFleet(): Promise<string> {
  const fleet = join(await mkdtemp(join(tmpdir(), 'fleetform-secure-')), 'acme');
  await run('init', fleet);
  await run('new', 'cluster', 'us-east-1-prod', '--env', 'prod', '--region', 'us-east-1', '--root', fleet);
  return fleet;
}

async function append(file: string, text: string): Promise<number> {
  const before = await readFile(file, 'utf8');
  await writeFile(file, `${before}${text}`);
  return before.split('\n').length;
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
const kinds = (objects: readonly Manifest[]) => objects.map((o) => `${(o as { kind: string }).kind}/${(o as { metadata: { name: string } }).metadata.name}`);

describe('secure defaults: the default-deny NetworkPolicy', () => {
  it.runIf(real)('GIVEN a new app THEN real kustomize builds its default-deny, its DNS allow and the allow of its web port on every cluster, and validate passes', async () => {
    const fleet = await newFleet();
    expect((await run('render', '--root', fleet)).code).toBe(0);
    for (const overlay of ['us-east-1-staging', 'us-east-1-prod']) {
      const objects = await kubectlKustomize(join(fleet, 'apps/hello/overlays', overlay));
      expect(kinds(objects).filter((k) => k.startsWith('NetworkPolicy/'))).toEqual(['NetworkPolicy/hello-allow-dns', 'NetworkPolicy/hello-default-deny', 'NetworkPolicy/hello-web']);
    }
    const { code, out } = await run('validate', '--root', fleet);
    expect(out).toMatch(/Invalid: 0, Errors: 0/);
    expect(code).toBe(0);
  }, 60_000);

  // The new app allows its web port (a policy of its own, isolating ingress), so without the
  // default-deny only its egress is open.
  it('GIVEN an app that turns it off THEN validate fails at that value, and a waiver with a reason turns the failure into a warning', async () => {
    const fleet = await newFleet();
    const app = join(fleet, 'apps/hello/app.yaml');
    const line = await append(app, 'defaultDenyNetworkPolicy: false\n');
    const failed = await run('validate', '--root', fleet);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(
      `apps/hello/app.yaml:${line}:27: error FF416 at /defaultDenyNetworkPolicy: [default-deny-network-policy] pods of Deployment hello-web are not isolated for egress by any NetworkPolicy: the app sets \`defaultDenyNetworkPolicy: false\``,
    );
    await append(app, 'waivers:\n  default-deny-network-policy: a demo cluster with no other tenants, reached through a port-forward\n');
    const waived = await run('validate', '--root', fleet);
    expect(waived.out).toContain(
      `apps/hello/app.yaml:${line}:27: warning FF416 at /defaultDenyNetworkPolicy: [default-deny-network-policy] waived: a demo cluster with no other tenants, reached through a port-forward`,
    );
    expect(waived.code).toBe(0);
  }, 60_000);
});

describe('secure defaults: images pinned by digest where the environment asks', () => {
  it('GIVEN prod requires digests THEN every image of the example fleet set by tag fails at the line that sets it; a digest bump fixes the main image', async () => {
    const root = await copyExampleFleet();
    const fleetFile = join(root, 'clusters/fleet.yaml');
    const fleetText = await readFile(fleetFile, 'utf8');
    await writeFile(fleetFile, fleetText.replace('    immutableTags: true\n', '    immutableTags: true\n    requireDigests: true\n'));
    const appText = await readFile(join(root, 'apps/dbupgrade/app.yaml'), 'utf8');
    const [main, crane] = [lineOf(appText, 'tag: v1.0.0'), lineOf(appText, 'repository: crane-tar') + 1];

    const before = await run('validate', '--root', root);
    expect(before.code).toBe(1);
    expect(before.out).toContain(
      [
        `apps/dbupgrade/app.yaml:${main}:8: error FF417 at /image/tag: [require-digests] image \`image\` (dbupgrade-operator:v1.0.0) is not pinned by digest, and environment prod requires digests`,
        '  hint: pin it: `fleetform bump dbupgrade @sha256:<digest> --env prod` (the digest the tag points to: `crane digest REPOSITORY:TAG`)',
      ].join('\n'),
    );
    expect(before.out).toContain(`apps/dbupgrade/app.yaml:${crane}:10: error FF417 at /extraImages/crane/tag: [require-digests] image \`extraImages.crane\` (crane-tar:v1.0.0) is not pinned by digest`);
    // Staging and dev clusters do not ask for digests: every finding is about prod.
    expect(before.out.split('\n').filter((l) => l.includes('FF417')).every((l) => l.includes('environment prod'))).toBe(true);

    expect((await run('bump', 'dbupgrade', `@${DIGEST}`, '--env', 'prod', '--root', root)).code).toBe(0);
    const after = await run('validate', '--root', root);
    expect(after.out).not.toContain('image `image` (dbupgrade-operator');
    expect(after.out).toContain('at /extraImages/crane/tag: [require-digests]');
    const kustomization = await readFile(join(root, 'apps/dbupgrade/overlays/eu-west-1-prod/kustomization.yaml'), 'utf8');
    expect(kustomization).toContain(`digest: ${DIGEST}`);
    if (real) {
      const objects = await kubectlKustomize(join(root, 'apps/dbupgrade/overlays/eu-west-1-prod'));
      const deployment = objects.find((o) => (o as { kind: string }).kind === 'Deployment') as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
      expect(deployment.spec.template.spec.containers[0]!.image).toBe(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/dbupgrade-operator@${DIGEST}`);
    }
  }, 120_000);
});
