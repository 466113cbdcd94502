import { clusters } from './clusters.js';
import type { Generator, GeneratorKind, SimpleKind } from './generator.js';
import { gitDirectories } from './git-directories.js';
import { gitFiles } from './git-files.js';
import { list } from './list.js';
import { createMatrix } from './matrix.js';
import { createMerge } from './merge.js';

const simple = { list, clusters, gitDirectories, gitFiles } satisfies Record<SimpleKind, Generator>;

/** A matrix or merge inside another gets only the simple generators: Argo CD's two levels, by construction. */
const nested = { ...simple, matrix: createMatrix(simple), merge: createMerge(simple) } satisfies Record<GeneratorKind, Generator>;

/** Every generator the preview runs, by kind. */
export const GENERATORS = { ...simple, matrix: createMatrix(nested), merge: createMerge(nested) } satisfies Record<GeneratorKind, Generator>;
