import { describe, expect, it } from 'vitest';
import { deliveryValues } from '@fleetform/layout';

describe('deliveryValues', () => {
  const image = { repository: 'web', tag: 'v1.2.3' };
  const argocd = { selfHeal: false };
  const chart = { repoURL: 'https://charts.example.com', chart: 'web', version: '1.0.0' };

  it('keeps how the app is delivered and leaves out the image of an app without a chart, which no cluster-level file reads', () => {
    expect(deliveryValues({ argocd, image })).toEqual({ argocd });
    expect(deliveryValues({ image })).toEqual({});
  });

  it('keeps the image of a chart app: it goes into the chart values of its Application', () => {
    expect(deliveryValues({ chart, image })).toEqual({ chart, image });
  });
});
