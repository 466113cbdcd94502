import { error, type Diagnostic } from '@fleetform/diagnostics';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * An app, cluster, team or region name must be a DNS-1123 label: it becomes a folder, a namespace,
 * an Argo CD project or part of an object name.
 */
export function checkName(kind: string, name: string): Diagnostic[] {
  if (DNS_1123_LABEL.test(name) && name.length <= 63) return [];
  const suggestion = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return [
    error('FF901', `\`${name}\` cannot be ${kind === 'app' ? 'an' : 'a'} ${kind} name`, {
      expected: 'a DNS-1123 label: lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters',
      found: `\`${name}\``,
      hint: DNS_1123_LABEL.test(suggestion) ? `did you mean \`${suggestion}\`?` : undefined,
    }),
  ];
}
