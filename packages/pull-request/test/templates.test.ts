import { describe, expect, it } from 'vitest';
import { compileTemplates, type TemplateContext } from '../src/index.js';

const context: TemplateContext = {
  command: 'promote',
  summary: 'Promote dbupgrade v1.1.0 from staging to prod',
  scope: 'environment prod',
  apps: [{ app: 'dbupgrade', scope: 'environment prod', before: 'v1.0.0', after: 'v1.1.0', clusters: ['eu-west-1-prod', 'us-east-1-prod'] }],
  changes: [
    { app: 'dbupgrade', cluster: 'eu-west-1-prod', environment: 'prod', region: 'eu-west-1', before: 'v1.0.0', after: 'v1.1.0' },
    { app: 'dbupgrade', cluster: 'us-east-1-prod', environment: 'prod', region: 'us-east-1', before: 'v1.0.0', after: 'v1.1.0' },
  ],
  clusters: ['eu-west-1-prod', 'us-east-1-prod'],
  files: [{ path: 'apps/dbupgrade/app.yaml', change: 'updated' }],
  promotion: { app: 'dbupgrade', image: 'v1.1.0', from: 'staging', to: 'prod', skipped: [] },
  diff: '- updated `apps/dbupgrade/app.yaml`',
  branch: 'fleetform/promote-dbupgrade-v1.1.0-to-prod',
  base: 'main',
};

describe('pull request templates', () => {
  it('GIVEN the defaults THEN the title is the summary, the commit records the promotion, and the body has scope, clusters, before → after and the diff', () => {
    const text = compileTemplates()(context);
    expect(text.title).toBe('Promote dbupgrade v1.1.0 from staging to prod');
    expect(text.commitMessage).toBe(
      [
        'Promote dbupgrade v1.1.0 from staging to prod',
        '',
        '- dbupgrade in environment prod: v1.0.0 → v1.1.0 (eu-west-1-prod, us-east-1-prod)',
        '',
        'Promoted-Image: dbupgrade v1.1.0',
        'Promoted-From: staging',
        'Promoted-To: prod',
        '',
      ].join('\n'),
    );
    expect(text.body).toMatchInlineSnapshot(`
      "Promote dbupgrade v1.1.0 from staging to prod

      | | |
      | --- | --- |
      | scope | environment prod |
      | clusters | eu-west-1-prod, us-east-1-prod |
      | promotion | staging → prod |

      | app | cluster | before | after |
      | --- | --- | --- | --- |
      | dbupgrade | eu-west-1-prod | \`v1.0.0\` | \`v1.1.0\` |
      | dbupgrade | us-east-1-prod | \`v1.0.0\` | \`v1.1.0\` |

      ### Changes

      - updated \`apps/dbupgrade/app.yaml\`

      <sub>Opened by \`fleetform promote\` from branch \`fleetform/promote-dbupgrade-v1.1.0-to-prod\`. Each cluster's Argo CD syncs the change once this is merged into \`main\`.</sub>"
    `);
  });

  it('GIVEN a bump, not a promotion THEN the promotion lines are left out', () => {
    const text = compileTemplates()({ ...context, command: 'bump', promotion: null, summary: 'Bump dbupgrade to v1.1.0 in environment prod' });
    expect(text.commitMessage).not.toContain('Promoted');
    expect(text.body).not.toContain('| promotion |');
  });

  it('GIVEN fleet templates THEN they replace the defaults; values are escaped in the body only, except {{{diff}}}', () => {
    const render = compileTemplates({ title: '[{{scope}}] {{summary}} <{{base}}>', body: '{{summary}} <b>{{base}}</b> {{{diff}}}' });
    const text = render({ ...context, summary: 'a & b', diff: '<details>x</details>' });
    expect(text.title).toBe('[environment prod] a & b <main>');
    expect(text.body).toBe('a &amp; b <b>main</b> <details>x</details>');
  });

  it('GIVEN a template that does not parse or names an unknown variable THEN FF604 at its place in fleet.yaml', () => {
    const at = { file: 'clusters/fleet.yaml', line: 40, col: 10 };
    expect(() => compileTemplates({ body: '{{#each clusters}' }, () => at)).toThrow(
      expect.objectContaining({ diagnostics: [expect.objectContaining({ code: 'FF604', position: at, path: '/pullRequests/body' })] }),
    );
    const render = compileTemplates({ title: '{{sumary}}' }, () => at);
    expect(() => render(context)).toThrow(/FF604: the title template of pull requests does not render: "sumary" not defined/);
  });

  it('GIVEN a diff too long for GitHub THEN the body leaves it out and says so', () => {
    const text = compileTemplates()({ ...context, diff: 'x'.repeat(70_000) });
    expect(text.body.length).toBeLessThan(65_536);
    expect(text.body).toContain('_The diff has 70000 characters, too many for a pull request body; see the files changed._');
  });
});
