import type { Command } from 'commander';

/** Examples shown at the end of each command's --help, by command path. */
const EXAMPLES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  init: [
    ['fleetform init acme-fleet', 'a new fleet repository in ./acme-fleet'],
    ['fleetform init . --repo-url https://github.com/acme/fleet.git --region eu-west-1', 'here, with its clone URL and first region'],
  ],
  new: [
    ['fleetform new app billing --image billing-api:1.4.2 --team payments', 'apps/billing/app.yaml'],
    ['fleetform new cluster eu-west-1-prod --env prod --region eu-west-1', 'clusters/eu-west-1-prod/cluster.yaml'],
  ],
  'new app': [
    ['fleetform new app billing --image billing-api:1.4.2 --team payments', "pulled from each cluster's region registry"],
    ['fleetform new app docs --image ghcr.io/acme/docs:2.0.0', 'from a registry of its own'],
  ],
  'new cluster': [['fleetform new cluster eu-west-1-prod --env prod --region eu-west-1', 'a cluster in an environment and region of clusters/fleet.yaml']],
  render: [
    ['fleetform render', 'write every generated file of the fleet here'],
    ['fleetform render --check', 'in CI: exit 1 if the committed files are out of date'],
    ['fleetform render --watch', 'while editing values: each save is rendered in a moment'],
  ],
  validate: [
    ['fleetform validate', "the fleet's values and every rendered object"],
    ['fleetform validate --format github', 'problems as annotations on a pull request'],
    ['kustomize build overlays/prod | fleetform validate -', 'any manifest stream, like kubeconform'],
  ],
  diff: [
    ['fleetform diff', 'what the working tree changes on each cluster, against HEAD'],
    ['fleetform diff --base origin/main --format markdown', 'a pull-request comment'],
  ],
  explain: [
    ['fleetform explain dbupgrade --cluster us-east-1-prod', "each value, the file:line and layer it comes from, and the objects by sync wave"],
    ['fleetform explain dbupgrade --cluster us-east-1-prod --format json', 'the same, for scripts'],
  ],
  report: [
    ['fleetform report --out fleet.html', 'the fleet on one page: open it in any browser'],
    ['fleetform report --root ../fleet --out /tmp/fleet.html', 'the fleet of another checkout'],
  ],
  bump: [
    ['fleetform bump dbupgrade v1.1.0 --env staging', 'set the tag staging runs'],
    ['fleetform bump dbupgrade v1.1.0 --env staging --pr', 'the same, as a pull request'],
    ['fleetform bump cert-manager v1.16.3 --addon', "pin an add-on's chart version on every cluster"],
  ],
  preview: [['fleetform preview clusters/us-east-1-prod/appsets/*.yaml', 'the Applications Argo CD would generate from these ApplicationSets']],
  promote: [['fleetform promote dbupgrade --from staging --to prod --pr', 'prod gets the image staging runs, by pull request']],
};

function format(examples: readonly (readonly [string, string])[]): string {
  return `\nExamples:\n${examples.map(([command, what]) => `  $ ${command}\n      ${what}\n`).join('')}`;
}

/** `render`, or `new app` for a subcommand: the words after `fleetform`. */
export const commandPath = (command: Command): string => (command.parent?.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name());

/** Adds the examples to every command that has some, subcommands included. */
export function addHelpExamples(command: Command): void {
  for (const sub of command.commands) {
    const examples = EXAMPLES[commandPath(sub)];
    if (examples) sub.addHelpText('after', format(examples));
    addHelpExamples(sub);
  }
}
