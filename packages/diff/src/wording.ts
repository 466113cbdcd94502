import type { DiffSummary } from './diff-clusters.js';

/** What the two sides are called in the output. */
export interface DiffSides {
  /** The base revision as the user named it, e.g. `origin/main`. */
  readonly base: string;
  /** Its abbreviated commit, so a reader knows exactly what was compared. */
  readonly baseCommit?: string;
  /** What the base is compared with; default "the working tree". */
  readonly head?: string;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const describeCounts = (s: Omit<DiffSummary, 'clusters'>): string => `${s.added} added, ${s.removed} removed, ${s.changed} changed`;

export const totalObjects = (s: DiffSummary): number => s.added + s.removed + s.changed;
