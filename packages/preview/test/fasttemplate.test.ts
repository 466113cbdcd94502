import { describe, expect, it } from 'vitest';
import { createEngine } from '@fleetform/preview';

const params = { cluster: 'engineering-dev', 'path.basename': 'web', 'path[0]': 'apps', 'metadata.labels.env': 'prod' };
const render = (template: string) => createEngine(false).render(template, params);

describe('fasttemplate renders as Argo CD’s default engine does', () => {
  it.each([
    ['a parameter', '{{cluster}}-guestbook', 'engineering-dev-guestbook'],
    ['white space inside the braces', '{{ cluster }}', 'engineering-dev'],
    ['dotted and indexed names are plain keys', '{{path.basename}}/{{path[0]}}/{{metadata.labels.env}}', 'web/apps/prod'],
    ['an unknown parameter stays as written', '{{nope}} and {{ nope }}', '{{nope}} and {{ nope }}'],
    ['an empty tag stays as written', '{{}}', '{{}}'],
    ['Go template syntax is not interpreted', '{{.cluster}}', '{{.cluster}}'],
    ['a string with no tag on one line is left alone', 'a {{\nb', 'a {{\nb'],
  ])('%s', (_, template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it('refuses a tag that is never closed, as Argo CD does', () => {
    expect(() => render('{{cluster}} {{oops')).toThrow('cannot find end tag');
  });
});
