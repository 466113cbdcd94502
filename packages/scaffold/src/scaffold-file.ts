/** A file a scaffold adds to a fleet repository: its repository-relative path and its text. */
export interface ScaffoldFile {
  readonly path: string;
  readonly content: string;
}

export const byPath = (a: ScaffoldFile, b: ScaffoldFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
