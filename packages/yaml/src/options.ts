/**
 * The one set of options every YAML file fleetform writes goes through.
 * - no anchors or aliases, even when one object is reused in two places;
 * - no line folding, so a long string is one line and diffs stay small;
 * - YAML 1.1 quoting rules, so strings such as `yes`, `on` or `2024-01-01` are quoted and no
 *   YAML 1.1 reader (kustomize and Argo CD use Go YAML libraries) takes them for booleans or dates.
 *
 * Shared by the `yaml` package path and the fast emitter, which asks `yaml` how to write each
 * scalar it is unsure of; the two must never disagree on options.
 */
export const OPTIONS = {
  aliasDuplicateObjects: false,
  lineWidth: 0,
  minContentWidth: 0,
  version: '1.1',
  indentSeq: true,
} as const;
