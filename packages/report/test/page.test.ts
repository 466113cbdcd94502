import { describe, expect, it } from 'vitest';
import { renderReportPage, type FleetReport } from '../src/index.js';
import { VALID } from './example-fleet.js';

const report = (over: Partial<FleetReport> = {}): FleetReport => ({
  title: 'acme/fleet',
  repository: 'https://github.com/acme/fleet.git',
  revision: 'main',
  environments: [
    { name: 'staging', promotion: 'auto', immutableTags: false, clusters: [{ name: 'eu-staging', region: 'eu-west-1' }] },
    { name: 'prod', promotion: 'pullRequest', immutableTags: true, clusters: [{ name: 'eu-prod', region: 'eu-west-1' }] },
  ],
  apps: [
    {
      name: 'web',
      team: 'web',
      description: 'Says <script>alert("hi")</script> & more',
      cells: {
        'eu-staging': { version: 'v2', reference: 'registry.example/web:v2' },
        'eu-prod': { version: 'v1', reference: 'registry.example/web:v1', differs: { environment: 'staging', versions: ['v2'] } },
      },
      waves: [{ wave: 0, objects: [{ kind: 'Namespace', name: 'web' }] }],
    },
  ],
  validation: VALID,
  ...over,
});

describe('renderReportPage', () => {
  it('GIVEN text from value files with markup in it THEN it is escaped, never run', () => {
    const page = renderReportPage(report());
    expect(page).toContain('Says &lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; more');
    expect(page).not.toContain('<script>alert');
  });

  it('GIVEN any report THEN the page is one document that loads nothing: no src, no external link, and a policy that forbids it', () => {
    const page = renderReportPage(report());
    expect(page).not.toMatch(/\ssrc=/);
    expect(page).not.toMatch(/href="(?!#)/);
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+';/);
  });

  it('GIVEN the same report twice THEN the same bytes', () => {
    expect(renderReportPage(report())).toBe(renderReportPage(report()));
  });
});
