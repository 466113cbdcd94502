import type { Application } from './render-applications.js';

type Source = { repoURL?: unknown; path?: unknown; chart?: unknown };
type Destination = { server?: unknown; name?: unknown; namespace?: unknown };

const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

function describeSource(source: Source): string {
  if (source.path !== undefined && source.path !== '') return text(source.path);
  if (source.chart !== undefined && source.chart !== '') return `${text(source.repoURL).replace(/\/+$/, '')}/${text(source.chart)}`;
  return text(source.repoURL);
}

/** The Applications as an aligned table, one row each: name, project, source, destination, namespace. */
export function formatTable(applications: readonly Application[]): string {
  const rows = applications.map((app) => {
    const spec = app.spec as { project?: unknown; source?: Source; sources?: Source[]; destination?: Destination };
    const sources = spec.sources ?? (spec.source ? [spec.source] : []);
    const destination = spec.destination ?? {};
    return [app.metadata.name, text(spec.project), sources.map(describeSource).join(', '), text(destination.server ?? destination.name), text(destination.namespace)];
  });
  const table = [['NAME', 'PROJECT', 'SOURCE', 'DESTINATION', 'NAMESPACE'], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => [...row[column]!].length)));
  return table.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd()).join('\n') + '\n';
}
