import type { FileTree } from '@fleetform/kustomize';
import { toYaml, toYamlStream } from '@fleetform/yaml';
import { digest, generatedHeader, textKey } from './marker.js';

export { GENERATED_MARKER, generatedHeader, textKey } from './marker.js';

export class DuplicatePathError extends Error {
  override readonly name = 'DuplicatePathError';
  constructor(
    readonly path: string,
    /** What each of the two files is made from, where they say (see GeneratedFile.source). */
    readonly sources: readonly string[] = [],
  ) {
    super(`two generators both claim ${path}`);
  }
}

/**
 * A file a render produces, before it is serialised. `key` identifies its content: two files with
 * one key have the same bytes. It is cheap (a hash of the JSON of what the file holds), so an
 * incremental render can tell a file is unchanged without paying for YAML serialisation, which is
 * most of a render's cost.
 */
export interface GeneratedFile {
  readonly key: string;
  text(): string;
  /** What the file is made from, as its header names it, for messages about it. */
  readonly source?: string;
}

/**
 * A file serialised only when its bytes are needed. The key is taken when the file is added, so it
 * describes the value as it was then; the value is never changed afterwards (objects are built,
 * then laid out).
 */
class YamlFile implements GeneratedFile {
  private content: string | undefined;
  readonly key: string;
  private readonly header: string;
  constructor(
    readonly source: string,
    private readonly values: readonly unknown[],
    private readonly stream: boolean,
  ) {
    const header = generatedHeader(source);
    this.header = header;
    this.key = digest(`${stream ? 'stream' : 'yaml'}\u0000${header}\u0000${JSON.stringify(values)}`);
  }
  text(): string {
    this.content ??= this.header + (this.stream ? toYamlStream(this.values) : toYaml(this.values[0]));
    return this.content;
  }
  private copy: unknown[] | undefined;
  /**
   * What parsing the text gives back: the values as plain data, copied once (so no reader changes
   * the values written) and then shared by every reader, which only reads it (see FileTree).
   */
  parsed(): unknown[] {
    this.copy ??= JSON.parse(JSON.stringify(this.values)) as unknown[];
    return this.copy;
  }
}

const textFile = (content: string): GeneratedFile => ({ key: textKey(content), text: () => content });

/** The files a render produces, by repository-relative path. Claiming a path twice is a bug, so it throws. */
export class FileSet {
  private readonly files = new Map<string, GeneratedFile>();

  add(path: string, content: string): void {
    this.addFile(path, textFile(content));
  }

  /** A file produced elsewhere (an earlier render that is known to be still valid, say). */
  addFile(path: string, file: GeneratedFile): void {
    const earlier = this.files.get(path);
    if (earlier) throw new DuplicatePathError(path, [earlier.source, file.source].filter((source) => source !== undefined));
    this.files.set(path, file);
  }

  /** One YAML document with the generated header naming its source. */
  addYaml(path: string, source: string, value: unknown): void {
    this.addFile(path, new YamlFile(source, [value], false));
  }

  addYamlStream(path: string, source: string, values: readonly unknown[]): void {
    this.addFile(path, new YamlFile(source, values, true));
  }

  /** The files as they are now, for reading (no copy, no order); each is serialised when first read. */
  get tree(): FileTree {
    return new LazyTextView(this.files);
  }

  /** The files in path order, unserialised, so everything downstream sees them in one order. */
  generated(): Map<string, GeneratedFile> {
    return new Map([...this.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** The files in path order, serialised. */
  entries(): Map<string, string> {
    return serialise(this.generated());
  }
}

export function serialise(files: ReadonlyMap<string, GeneratedFile>): Map<string, string> {
  return new Map([...files].map(([path, file]) => [path, file.text()]));
}

/** Read access to the files' text, serialising only the files that are read. */
class LazyTextView implements FileTree {
  constructor(private readonly files: ReadonlyMap<string, GeneratedFile>) {}
  get(path: string): string | undefined {
    return this.files.get(path)?.text();
  }
  has(path: string): boolean {
    return this.files.has(path);
  }
  parsed(path: string): unknown[] | undefined {
    const file = this.files.get(path);
    return file instanceof YamlFile ? file.parsed() : undefined;
  }
}

// One rule for both: the file an object goes to, and the duplicates the build refuses.
export { objectFileName } from '@fleetform/objects';
