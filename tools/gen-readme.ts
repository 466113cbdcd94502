/**
 * Fills the generated sections of README.md: the command reference (from the command-line program
 * itself) and the value-file reference (from the JSON Schemas in schemas/).
 *
 *   npx tsx tools/gen-readme.ts            rewrite README.md
 *   npx tsx tools/gen-readme.ts --check    exit 1 if README.md is out of date (a test runs this)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { program } from 'fleetform/program';

type Schema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  oneOf?: Schema[];
  $ref?: string;
  title?: string;
  definitions?: Record<string, Schema>;
};

const repoRoot = join(import.meta.dirname, '..');

function typeOf(schema: Schema, definitions: Record<string, Schema>): string {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    const title = definitions[name]?.title ?? name;
    return `[${title}](#${title.toLowerCase()})`;
  }
  if (schema.enum) return schema.enum.map((e) => `\`${String(e)}\``).join(' \\| ');
  if (schema.oneOf) return schema.oneOf.map((s) => typeOf(s, definitions)).join(' or ');
  if (schema.type === 'array') return `list of ${schema.items ? typeOf(schema.items, definitions) : 'values'}`;
  if (schema.type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return `map of ${typeOf(schema.additionalProperties, definitions)}`;
  }
  return Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
}

function rows(schema: Schema, definitions: Record<string, Schema>, prefix = ''): string[] {
  const lines: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (name === '$schema') continue;
    const path = `${prefix}${name}`;
    const required = schema.required?.includes(name) ? ' (required)' : '';
    const description = (property.description ?? '').replace(/\|/g, '\\|');
    lines.push(`| \`${path}\` | ${typeOf(property, definitions)} | ${description}${required} |`);
    if (property.properties && !property.$ref) lines.push(...rows(property, definitions, `${path}.`));
  }
  return lines;
}

function table(schema: Schema, definitions: Record<string, Schema>): string {
  return ['| key | type | meaning |', '| --- | --- | --- |', ...rows(schema, definitions)].join('\n');
}

async function valuesReference(): Promise<string> {
  const read = async (name: string) => JSON.parse(await readFile(join(repoRoot, 'schemas', `${name}.schema.json`), 'utf8')) as Schema;
  const [fleet, cluster, app] = await Promise.all([read('fleet'), read('cluster'), read('app')]);
  const definitions = { ...app.definitions, ...fleet.definitions };
  const sections = [
    `### \`clusters/fleet.yaml\`\n\n${fleet.description}\n\n${table(fleet, definitions)}`,
    `### \`clusters/NAME/cluster.yaml\`\n\n${cluster.description}\n\n${table(cluster, definitions)}`,
    `### \`apps/NAME/app.yaml\`\n\n${app.description}\n\n${table(app, definitions)}`,
    ...Object.values(definitions)
      .filter((d) => d.properties)
      .map((d) => `#### ${d.title}\n\n${d.description}\n\n${table(d, definitions)}`),
  ];
  return sections.join('\n\n');
}

function commandReference(): string {
  const cli = program({ out: () => undefined, err: () => undefined }, () => undefined);
  const global = cli.options.map((o) => `| \`${o.flags}\` | ${o.description} |`).join('\n');
  const globals = `Options every command takes:\n\n| option | meaning |\n| --- | --- |\n${global}\n\n`;
  return globals + cli.commands
    .map((command) => {
      const options = command.options.map((o) => `| \`${o.flags}\` | ${o.description}${o.defaultValue !== undefined && o.defaultValue !== false ? ` (default \`${String(o.defaultValue)}\`)` : ''} |`);
      const table = options.length > 0 ? `\n\n| option | meaning |\n| --- | --- |\n${options.join('\n')}` : '';
      return `### \`fleetform ${command.name()} ${command.usage()}\`\n\n${command.description()}${table}`;
    })
    .join('\n\n');
}

function fill(readme: string, name: string, content: string): string {
  const start = `<!-- generated:${name}:start (tools/gen-readme.ts) -->`;
  const end = `<!-- generated:${name}:end -->`;
  const [before, rest] = readme.split(start);
  if (rest === undefined) throw new Error(`README.md has no ${start} marker`);
  const after = rest.split(end)[1];
  if (after === undefined) throw new Error(`README.md has no ${end} marker`);
  return `${before}${start}\n${content}\n${end}${after}`;
}

const path = join(repoRoot, 'README.md');
const current = await readFile(path, 'utf8');
const wanted = fill(fill(current, 'commands', commandReference()), 'values', await valuesReference());
if (process.argv.includes('--check')) {
  if (wanted !== current) {
    process.stderr.write('README.md is out of date: run `npx tsx tools/gen-readme.ts`\n');
    process.exitCode = 1;
  }
} else {
  await writeFile(path, wanted);
}
