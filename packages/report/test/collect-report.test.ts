import { beforeAll, describe, expect, it } from 'vitest';
import { loadFleet } from '@fleetform/values';
import type { FleetReport } from '../src/index.js';
import { exampleFleetWithProdBump, reportOf } from './example-fleet.js';

let report: FleetReport;
let promotionOrder: string[];
beforeAll(async () => {
  const files = await exampleFleetWithProdBump('dbupgrade', 'v9.9.9');
  report = reportOf(files);
  promotionOrder = loadFleet(files).inputs!.fleet.value.environments.map((e) => e.name);
});

describe('collectReport', () => {
  it('GIVEN the example fleet THEN the environments come in promotion order, each with its clusters', () => {
    expect(report.environments.map((e) => e.name)).toEqual(promotionOrder);
    expect(promotionOrder.indexOf('staging')).toBeLessThan(promotionOrder.indexOf('prod'));
    const prod = report.environments.find((e) => e.name === 'prod')!;
    expect(prod).toMatchObject({ promotion: 'pullRequest', immutableTags: true });
    expect(prod.clusters.map((c) => c.name)).toEqual(['us-east-1-prod', 'eu-west-1-prod', 'ap-south-1-prod']);
  });

  it('GIVEN a prod override bumping the tag THEN each prod cell has it and differs from staging; staging does not differ', () => {
    const app = report.apps.find((a) => a.name === 'dbupgrade')!;
    const staging = app.cells['us-east-1-staging']!;
    expect(staging.differs).toBeUndefined();
    for (const cluster of ['us-east-1-prod', 'eu-west-1-prod', 'ap-south-1-prod']) {
      expect(app.cells[cluster]).toEqual({
        version: 'v9.9.9',
        reference: expect.stringMatching(/^123456789012\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/dbupgrade-operator:v9\.9\.9$/),
        differs: { environment: 'staging', versions: [staging.version] },
      });
    }
  });

  it('GIVEN an app that no environment changes THEN none of its cells differ', () => {
    const unchanged = report.apps.filter((a) => a.name !== 'dbupgrade' && Object.values(a.cells).some((c) => c.differs));
    expect(unchanged.map((a) => a.name)).toEqual([]);
  });

  it("GIVEN the DBUpgrade operator THEN its objects come wave by wave: the CRD first, the webhook configuration last", () => {
    const waves = report.apps.find((a) => a.name === 'dbupgrade')!.waves;
    expect(waves.map((w) => w.wave)).toEqual([-1, 0, 1, 2, 3]);
    expect(waves[0]!.objects).toEqual([{ kind: 'CustomResourceDefinition', name: 'dbupgrades.dbupgrade.subbug.learning' }]);
    expect(waves.at(-1)!.objects.map((o) => o.kind)).toEqual(['ValidatingWebhookConfiguration']);
  });
});
