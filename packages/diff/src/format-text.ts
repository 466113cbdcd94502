import { summarize, type ClusterDiff } from './diff-clusters.js';
import { describeImageChange } from './image-changes.js';
import { objectLabel } from './object-ref.js';
import { describeCounts, plural, totalObjects, type DiffSides } from './wording.js';

const MARK = { added: '+', removed: '-', changed: '~' } as const;

/**
 * The diff for a terminal or a CI log: per cluster the objects that change and the images that
 * move, then each object's unified diff; the summary line comes last, where a reader's eye lands.
 */
export function formatText(diffs: readonly ClusterDiff[], sides: DiffSides): string {
  const base = sides.baseCommit ? `${sides.base} (${sides.baseCommit})` : sides.base;
  const head = sides.head ?? 'the working tree';
  if (diffs.length === 0) return `fleetform diff: no changes: every cluster receives the same objects from ${head} as from ${base}\n`;
  const blocks = diffs.map((diff) => {
    const lines = [`cluster ${diff.cluster}${diff.change === 'changed' ? '' : ` (${diff.change})`}: ${describeCounts(summarize([diff]))}`];
    for (const object of diff.objects) lines.push(`  ${MARK[object.change]} ${objectLabel(object.ref)}`);
    for (const change of diff.images) {
      const { image, before, after } = describeImageChange(change);
      lines.push(`  image ${objectLabel(change.workload)}, container ${change.container}: ${image} ${before} → ${after}`);
    }
    return `${lines.join('\n')}\n\n${diff.objects.map((o) => o.patch).join('\n')}`;
  });
  const summary = summarize(diffs);
  return (
    `${blocks.join('\n')}\n` +
    `fleetform diff: ${base} → ${head}: ${plural(summary.clusters, 'cluster')} affected, ${plural(totalObjects(summary), 'object')} (${describeCounts(summary)})\n`
  );
}
