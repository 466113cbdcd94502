import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, run } from './fleet-copy.js';

/** A fleet from `init`: it changes only when the templates do, so its explanation can be shown whole. */
let fleet = '';
beforeAll(async () => {
  fleet = join(await mkdtemp(join(tmpdir(), 'fleetform-explain-')), 'acme');
  await run('init', fleet);
  await run('new', 'cluster', 'us-east-1-prod', '--env', 'prod', '--region', 'us-east-1', '--root', fleet);
});

describe('fleetform explain', () => {
  it('GIVEN an app on a cluster THEN every value with the file:line and layer it comes from, and the objects by sync wave', async () => {
    const { code, out, err } = await run('explain', 'hello', '--cluster', 'us-east-1-prod', '--root', fleet);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "hello on us-east-1-prod (environment prod, region us-east-1)

      layers, lowest first; a later one wins:
        1  fleet defaults                     clusters/fleet.yaml:35
        2  app hello                          apps/hello/app.yaml:5
        3  environment prod                   clusters/fleet.yaml (sets nothing)
        4  region us-east-1                   clusters/fleet.yaml (sets nothing)
        5  cluster us-east-1-prod             clusters/us-east-1-prod/cluster.yaml (sets nothing)
        6  app hello, environment prod        apps/hello/app.yaml:71
        7  app hello, region us-east-1        apps/hello/app.yaml (sets nothing)
        8  app hello, cluster us-east-1-prod  apps/hello/app.yaml (sets nothing)

      values, each with where it is set:
        workloadDefaults.resources.requests.cpu: 50m             clusters/fleet.yaml:38  fleet defaults
        workloadDefaults.resources.requests.memory: 64Mi         clusters/fleet.yaml:39  fleet defaults
        workloadDefaults.resources.limits.cpu: 500m              clusters/fleet.yaml:41  fleet defaults
        workloadDefaults.resources.limits.memory: 256Mi          clusters/fleet.yaml:42  fleet defaults
        image.registry: docker.io                                apps/hello/app.yaml:18  app hello
        image.repository: nginxinc/nginx-unprivileged            apps/hello/app.yaml:19  app hello
        image.tag: 1.27-alpine                                   apps/hello/app.yaml:20  app hello
        workloads.web.replicas: 3                                apps/hello/app.yaml:73  app hello, environment prod
        workloads.web.ports.http.port: 8080                      apps/hello/app.yaml:28  app hello
        workloads.web.probes.liveness.http.path: /               apps/hello/app.yaml:33  app hello
        workloads.web.probes.liveness.http.port: http            apps/hello/app.yaml:34  app hello
        workloads.web.probes.readiness.http.path: /              apps/hello/app.yaml:37  app hello
        workloads.web.probes.readiness.http.port: http           apps/hello/app.yaml:38  app hello
        workloads.web.resources.requests.cpu: 50m                apps/hello/app.yaml:42  app hello
        workloads.web.resources.requests.memory: 64Mi            apps/hello/app.yaml:43  app hello
        workloads.web.resources.limits.cpu: 200m                 apps/hello/app.yaml:45  app hello
        workloads.web.resources.limits.memory: 128Mi             apps/hello/app.yaml:46  app hello
        workloads.web.volumes.tmp.emptyDir: {}                   apps/hello/app.yaml:50  app hello
        workloads.web.volumes.tmp.mountPath: /tmp                apps/hello/app.yaml:51  app hello
        workloads.web.services.http.ports.http.port: 80          apps/hello/app.yaml:57  app hello
        workloads.web.services.http.ports.http.targetPort: http  apps/hello/app.yaml:58  app hello
        workloads.web.networkPolicy.ingress: [{"ports":[8080]}]  apps/hello/app.yaml:65  app hello

      objects on us-east-1-prod, in sync-wave order:
        wave 0  Namespace       hello
        wave 0  ServiceAccount  hello/hello
        wave 2  Deployment      hello/hello-web
        wave 2  NetworkPolicy   hello/hello-allow-dns
        wave 2  NetworkPolicy   hello/hello-default-deny
        wave 2  NetworkPolicy   hello/hello-web
        wave 2  Service         hello/hello-http
      "
    `);
  });

  it('GIVEN the example fleet and --format json THEN the DBUpgrade operator tag points at its line of app.yaml, and staging replicas at the override', async () => {
    const text = await readFile(join(repoRoot, 'apps/dbupgrade/app.yaml'), 'utf8');
    const tagLine = text.split('\n').findIndex((line, i, lines) => /^ {2}tag: /.test(line) && lines.slice(0, i).reverse().find((l) => /^\S/.test(l)) === 'image:') + 1;
    const explain = async (cluster: string) => JSON.parse((await run('explain', 'dbupgrade', '--cluster', cluster, '--format', 'json', '--root', repoRoot)).out);
    const prod = await explain('us-east-1-prod');
    expect(prod.values.find((v: any) => v.path === '/image/tag')).toMatchObject({ layer: 'app dbupgrade', file: 'apps/dbupgrade/app.yaml', line: tagLine, column: 8 });
    expect(prod.objects[0]).toEqual({ wave: -1, apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'dbupgrades.dbupgrade.subbug.learning' });
    expect(prod.objects.map((o: any) => o.wave)).toEqual([...prod.objects.map((o: any) => o.wave)].sort((a, b) => a - b));
    const staging = await explain('us-east-1-staging');
    expect(staging.values.find((v: any) => v.path === '/workloads/controller/replicas')).toMatchObject({ value: 2, layer: 'app dbupgrade, environment staging' });
  });

  it('GIVEN an app and a cluster that are almost right THEN exit 1 with a suggestion for each', async () => {
    const { code, out, err } = await run('explain', 'helo', '--cluster', 'us-east-1-prd', '--root', fleet);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      [
        'error FF910: unknown app `helo` (expected an app of apps/: `hello`, found `helo`)',
        '  hint: did you mean `hello`?',
        'error FF911: unknown cluster `us-east-1-prd` (expected a cluster of clusters/: `us-east-1-prod`, `us-east-1-staging`, found `us-east-1-prd`)',
        '  hint: did you mean `us-east-1-prod`?',
        '2 errors, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN an app its targets keep off a cluster THEN exit 1 naming where it runs', async () => {
    const app = join(fleet, 'apps/hello/app.yaml');
    const text = await readFile(app, 'utf8');
    await writeFile(app, text.replace('# targets:\n#   environments: [staging, prod]', 'targets:\n  environments: [prod]'));
    const { code, err } = await run('explain', 'hello', '--cluster', 'us-east-1-staging', '--root', fleet);
    await writeFile(app, text);
    expect(code).toBe(1);
    expect(err).toBe('apps/hello/app.yaml:13:3: error FF912 at /targets: app `hello` does not run on cluster `us-east-1-staging`\n  hint: it runs on `us-east-1-prod`\n1 error, 0 warnings\n');
  });
});
