import Handlebars from 'handlebars';
import { error, FleetformError, type SourcePosition } from '@fleetform/diagnostics';

/** The variables every template can use (README.md lists them for fleet authors). */
export interface ChangeContext {
  /** `bump` or `promote`: the command that made the change. */
  readonly command: 'bump' | 'promote';
  /** One line: `Bump dbupgrade to v1.1.0 in environment prod`. */
  readonly summary: string;
  /** Where the change applies: `environment prod`, `every cluster`, or each app's scope joined. */
  readonly scope: string;
  readonly apps: readonly { app: string; scope: string; before: string; after: string; clusters: readonly string[] }[];
  /** One row per cluster whose image changes. */
  readonly changes: readonly { app: string; cluster: string; environment: string; region: string; before: string; after: string }[];
  /** Every cluster the change reaches, in name order. */
  readonly clusters: readonly string[];
  readonly files: readonly { path: string; change: 'created' | 'updated' | 'removed' }[];
  readonly promotion: { app: string; image: string; from: string; to: string; skipped: readonly string[] } | null;
  /** Markdown describing the rendered changes; inserted unescaped with `{{{diff}}}`. */
  readonly diff: string;
}

/** What fleetform adds once it knows where the change goes. */
export interface TemplateContext extends ChangeContext {
  readonly branch: string;
  readonly base: string;
}

export interface PullRequestTemplates {
  readonly title: string;
  readonly body: string;
  readonly commitMessage: string;
}

export interface PullRequestText {
  readonly title: string;
  readonly body: string;
  readonly commitMessage: string;
}

export const DEFAULT_TEMPLATES: PullRequestTemplates = {
  title: '{{summary}}',
  commitMessage: [
    '{{summary}}',
    '',
    '{{#each apps}}',
    '- {{app}} in {{scope}}: {{before}} → {{after}} ({{join clusters}})',
    '{{/each}}',
    '{{#if promotion}}',
    '',
    'Promoted-Image: {{promotion.app}} {{promotion.image}}',
    'Promoted-From: {{promotion.from}}',
    'Promoted-To: {{promotion.to}}',
    '{{/if}}',
  ].join('\n'),
  body: [
    '{{summary}}',
    '',
    '| | |',
    '| --- | --- |',
    '| scope | {{scope}} |',
    '| clusters | {{join clusters}} |',
    '{{#if promotion}}',
    '| promotion | {{promotion.from}} → {{promotion.to}}{{#if promotion.skipped.length}} (skipping {{join promotion.skipped}}){{/if}} |',
    '{{/if}}',
    '',
    '| app | cluster | before | after |',
    '| --- | --- | --- | --- |',
    '{{#each changes}}',
    '| {{app}} | {{cluster}} | `{{before}}` | `{{after}}` |',
    '{{/each}}',
    '',
    '### Changes',
    '',
    '{{{diff}}}',
    '',
    '<sub>Opened by `fleetform {{command}}` from branch `{{branch}}`. Each cluster\'s Argo CD syncs the change once this is merged into `{{base}}`.</sub>',
  ].join('\n'),
};

/** GitHub refuses bodies over 65536 characters; a longer diff is left out, and said so. */
const MAX_BODY = 65_000;

type Render = (context: TemplateContext) => PullRequestText;

/**
 * Compiles the fleet's templates (falling back to the defaults for any it leaves out) and returns
 * the function that renders them. Title and commit message are plain text, so nothing in them is
 * HTML-escaped; the body is markdown, so values are, except `{{{diff}}}`. A template that does not
 * parse, or names a variable that does not exist, is an FF604 error at its place in fleet.yaml.
 */
export function compileTemplates(overrides: Partial<PullRequestTemplates> = {}, locate: (key: keyof PullRequestTemplates) => SourcePosition | undefined = () => undefined): Render {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('join', (list: unknown) => (Array.isArray(list) ? list.join(', ') : String(list)));
  const compile = (key: keyof PullRequestTemplates) => {
    const source = overrides[key] ?? DEFAULT_TEMPLATES[key];
    const fail = (cause: unknown) => templateError(key, cause, overrides[key] === undefined ? undefined : locate(key));
    try {
      handlebars.parse(source);
    } catch (cause) {
      throw fail(cause);
    }
    const template = handlebars.compile<TemplateContext>(source, { strict: true, noEscape: key !== 'body' });
    return (context: TemplateContext): string => {
      try {
        return template(context);
      } catch (cause) {
        throw fail(cause);
      }
    };
  };
  const [title, body, commitMessage] = [compile('title'), compile('body'), compile('commitMessage')];
  return (context) => {
    let text = body(context);
    if (text.length > MAX_BODY) text = body({ ...context, diff: `_The diff has ${context.diff.length} characters, too many for a pull request body; see the files changed._` });
    return {
      title: title(context).replace(/\s+/g, ' ').trim(),
      body: text.trim(),
      commitMessage: `${commitMessage(context).replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`,
    };
  };
}

function templateError(key: keyof PullRequestTemplates, cause: unknown, position: SourcePosition | undefined): FleetformError {
  const detail = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!;
  return new FleetformError([
    error('FF604', `the ${key} template of pull requests does not render: ${detail}`, {
      position,
      path: position ? `/pullRequests/${key}` : undefined,
      hint: 'README.md lists the variables templates can use',
    }),
  ]);
}
