import { summarize, type ClusterDiff, type ObjectChange } from './diff-clusters.js';
import { describeImageChange } from './image-changes.js';
import { objectLabel } from './object-ref.js';
import { describeCounts, plural, totalObjects, type DiffSides } from './wording.js';

/** The first line of every markdown diff: how the pull-request workflow finds its own comment to update. */
export const MARKDOWN_MARKER = '<!-- fleetform-diff -->';

/** GitHub refuses an issue comment longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Longest output; object diffs that do not fit are listed by name only. Default {@link GITHUB_COMMENT_LIMIT}. */
  readonly maxLength?: number;
}

const code = (text: string): string => `\`${text}\``;
const html = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A fence longer than any run of backticks in the text, so an object holding markdown cannot close it early. */
function fence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function clusterTable(diffs: readonly ClusterDiff[]): string {
  const rows = diffs.map((d) => {
    const s = summarize([d]);
    return `| ${code(d.cluster)}${d.change === 'changed' ? '' : ` (${d.change})`} | ${s.added} | ${s.removed} | ${s.changed} |`;
  });
  return ['| cluster | added | removed | changed |', '| --- | ---: | ---: | ---: |', ...rows].join('\n');
}

function imageTable(diffs: readonly ClusterDiff[]): string[] {
  const rows = diffs.flatMap((d) =>
    d.images.map((change) => {
      const { image, before, after } = describeImageChange(change);
      return `| ${code(d.cluster)} | ${code(objectLabel(change.workload))} | ${code(change.container)} | ${code(image)} | ${code(before)} → ${code(after)} |`;
    }),
  );
  if (rows.length === 0) return [];
  return [['| cluster | workload | container | image | tag before → after |', '| --- | --- | --- | --- | --- |', ...rows].join('\n')];
}

const summaryOf = (cluster: string, object: ObjectChange): string =>
  `<code>${html(cluster)}</code> ${object.change} <code>${html(objectLabel(object.ref))}</code>`;

function details(cluster: string, object: ObjectChange): string {
  const marks = fence(object.patch);
  return `<details>\n<summary>${summaryOf(cluster, object)}</summary>\n\n${marks}diff\n${object.patch}${marks}\n\n</details>`;
}

/**
 * The diff as a pull-request comment: a table of the clusters affected, a table of image tags
 * before → after, and one collapsed unified diff per object. Starts with {@link MARKDOWN_MARKER}.
 */
export function formatMarkdown(diffs: readonly ClusterDiff[], sides: DiffSides, options: MarkdownOptions = {}): string {
  const base = sides.baseCommit ? `${code(sides.base)} (${code(sides.baseCommit)})` : code(sides.base);
  const head = sides.head ?? 'the working tree';
  const title = `${MARKDOWN_MARKER}\n### fleetform diff\n\n`;
  if (diffs.length === 0) return `${title}No rendered object changes: every cluster receives the same objects from ${head} as from ${base}.\n`;
  const summary = summarize(diffs);
  const intro = `${title}Rendered objects, ${base} → ${head}: **${plural(summary.clusters, 'cluster')}** affected, **${plural(totalObjects(summary), 'object')}** (${describeCounts(summary)}).`;
  const top = [intro, clusterTable(diffs), ...imageTable(diffs)].join('\n\n');
  const budget = (options.maxLength ?? GITHUB_COMMENT_LIMIT) - top.length - 3;
  return `${top}\n\n${objectSections(diffs, budget).join('\n\n')}\n`;
}

/** Each object's diff while they fit in `budget`; past that, the objects by name only while those fit; then what was left out. */
function objectSections(diffs: readonly ClusterDiff[], budget: number): string[] {
  const note = (diffsLeft: number, unlisted: number) =>
    `_${plural(diffsLeft, 'diff')} left out${unlisted > 0 ? ` (${unlisted} of those objects not listed)` : ''} to stay under GitHub's comment size limit; run \`fleetform diff\` to see them._`;
  const reserve = note(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).length + 2;
  const parts: string[] = [];
  let used = 0;
  let diffsLeft = 0;
  let unlisted = 0;
  const fits = (part: string) => used + part.length + 2 + reserve <= budget;
  for (const diff of diffs) {
    for (const object of diff.objects) {
      const full = details(diff.cluster, object);
      const short = `- ${summaryOf(diff.cluster, object)}`;
      const part = diffsLeft === 0 && fits(full) ? full : fits(short) ? short : undefined;
      if (part !== full) diffsLeft += 1;
      if (part === undefined) unlisted += 1;
      else {
        parts.push(part);
        used += part.length + 2;
      }
    }
  }
  return diffsLeft > 0 ? [...parts, note(diffsLeft, unlisted)] : parts;
}
