import { readFile } from 'node:fs/promises';
import Handlebars from 'handlebars';
import { toYaml } from '@fleetform/yaml';

/** Templates of the value files and the README, with `{{…}}` placeholders. */
const TEMPLATES = ['fleet.yaml', 'cluster.yaml', 'app.yaml', 'README.md'] as const;
/** Files copied as they are: the workflow is full of `${{ … }}` that Handlebars must not touch. */
const STATIC_FILES = ['fleetform-pr.yml', 'gitignore'] as const;

export type TemplateName = (typeof TEMPLATES)[number];
export type StaticFile = (typeof STATIC_FILES)[number];

export interface Templates {
  render(name: TemplateName, context: object): string;
  text(name: StaticFile): string;
}

// templates/ sits beside src/ and dist/, so this resolves from the sources and from a build alike.
const TEMPLATE_DIR = new URL('../templates/', import.meta.url);

/**
 * A YAML scalar as it must be written after `key: `: plain when YAML reads it back as the same
 * string, quoted otherwise (`"1.27"`, `"on"`), with the YAML 1.1 rules every fleetform file follows.
 */
function scalar(value: unknown): string {
  const text = toYaml(value).trimEnd();
  if (text.includes('\n')) throw new Error(`a template value must fit on one line: ${JSON.stringify(value)}`);
  return text;
}

let loaded: Promise<Templates> | undefined;

/** Reads and compiles the templates once per process. */
export function loadTemplates(): Promise<Templates> {
  loaded ??= compileAll();
  return loaded;
}

async function compileAll(): Promise<Templates> {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('scalar', scalar);
  handlebars.registerHelper('join', (list: unknown) => (Array.isArray(list) ? list.join(', ') : String(list)));
  const read = (file: string) => readFile(new URL(file, TEMPLATE_DIR), 'utf8');
  // Value files are YAML, not HTML: nothing is escaped, and `scalar` quotes what YAML needs quoted.
  // A name missing from the context is a bug in fleetform, so strict mode makes it throw.
  const compiled = new Map(
    await Promise.all(TEMPLATES.map(async (name) => [name, handlebars.compile(await read(`${name}.hbs`), { noEscape: true, strict: true })] as const)),
  );
  const statics = new Map(await Promise.all(STATIC_FILES.map(async (name) => [name, await read(`static/${name}`)] as const)));
  return {
    render: (name, context) => compiled.get(name)!(context),
    text: (name) => statics.get(name)!,
  };
}
