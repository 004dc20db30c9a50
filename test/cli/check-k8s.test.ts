import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import type { Report } from '../../src/model/report.ts';
import { makeRepo } from '../helpers/action.ts';
import { checkJson, FIXTURES, ROOT, runCli, runDist } from '../helpers/cli.ts';
import { writeTree } from '../helpers/hcl.ts';
import { awsProvider, makePlan, writePolicy, writeTemp } from '../helpers/plan.ts';

// Rates from the policy: a pod of 1 vCPU and 2 GiB costs (0.04 + 2 × 0.005) × 730 = $36.50 a month.
const POLICY = writePolicy(`version: 1
tags:
  required:
    - key: team
kubernetes:
  labels: { team: example.com/team }
  pricing: { region: us-east-1, cpu_hour: 0.04, memory_gib_hour: 0.005 }
`);

function deployment(name: string, replicas: number, cpu: string, team = 'payments'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: { example.com/team: ${team} }
spec:
  replicas: ${replicas}
  template:
    metadata:
      labels: { example.com/team: ${team} }
    spec:
      containers:
        - name: app
          resources: { requests: { cpu: "${cpu}", memory: 2Gi } }
`;
}

function byAddress(report: Report) {
  return Object.fromEntries(
    report.resources.map((r) => [r.address, [r.action, r.monthly_before, r.monthly_after, r.monthly_delta]]),
  );
}

describe('tollgate check --k8s', () => {
  const repo = mkdtempSync(join(tmpdir(), 'tollgate-k8s-repo-'));
  makeRepo(
    repo,
    {
      'k8s/web.yaml': deployment('web', 3, '1'),
      'k8s/worker.yaml': deployment('worker', 1, '1'),
      'k8s/old.yaml': deployment('old', 2, '1'),
    },
    {
      // The branch scales web 3 → 10, gives worker more CPU, deletes old and adds api.
      'k8s/web.yaml': deployment('web', 10, '1'),
      'k8s/worker.yaml': deployment('worker', 1, '2'),
      'k8s/old.yaml': null,
      'k8s/api.yaml': deployment('api', 2, '1', ''),
    },
  );

  it('compares the manifests with --base-ref: created, changed and deleted objects, before, after and delta', async () => {
    const { report } = await checkJson(['--k8s', 'k8s', '--base-ref', 'main', '--policy', POLICY], {
      cwd: repo,
    });
    assert.deepEqual(byAddress(report), {
      'apps/v1/Deployment/default/api': ['create', 0, 73, 73],
      'apps/v1/Deployment/default/web': ['update', 109.5, 365, 255.5],
      'apps/v1/Deployment/default/worker': ['update', 36.5, 65.7, 29.2],
      'apps/v1/Deployment/default/old': ['delete', 73, 0, -73],
    });
    assert.equal(report.summary.monthly_before, 219);
    assert.equal(report.summary.monthly_after, 503.7);
    assert.equal(report.summary.monthly_delta, 284.7);
    assert.equal(report.summary.inputs[0]?.base_ref, 'main');
    // Only what changed is checked: api has an empty team label.
    assert.deepEqual(
      report.findings.map((f) => `${f.address} ${f.message}`),
      [
        'apps/v1/Deployment/default/api required tag "team" is empty (label "example.com/team" in metadata.labels)',
        'apps/v1/Deployment/default/api required tag "team" is empty (label "example.com/team" in spec.template.metadata.labels)',
      ],
    );
    // Showback by the mapped label, before and after.
    assert.deepEqual(report.summary.by_tag.team, {
      payments: { before: 219, after: 430.7, delta: 211.7 },
      '(untagged)': { before: 0, after: 73, delta: 73 },
    });
    const text = await runCli(['check', '--k8s', 'k8s', '--base-ref', 'main', '--policy', POLICY], {
      cwd: repo,
    });
    assert.match(text.stdout, /Monthly cost: \$219\.00 → \$503\.70, \+\$284\.70 \(\+130\.0%\)/);
    assert.match(
      text.stdout,
      /apps\/v1\/Deployment\/default\/web +update +\$109\.50 +\$365\.00 +\+\$255\.50/,
    );
  });

  it('compares with --k8s-base files the same way, and --all checks unchanged objects too', async () => {
    const base = writeTree({ 'base.yaml': deployment('web', 3, '1') + '---\n' + deployment('same', 1, '1') });
    const head = writeTree({
      'head.yaml': deployment('web', 10, '1') + '---\n' + deployment('same', 1, '1'),
    });
    const { report } = await checkJson([
      '--k8s',
      join(head, 'head.yaml'),
      '--k8s-base',
      join(base, 'base.yaml'),
      '--policy',
      POLICY,
    ]);
    assert.deepEqual(byAddress(report), {
      'apps/v1/Deployment/default/web': ['update', 109.5, 365, 255.5],
      'apps/v1/Deployment/default/same': ['no-op', 36.5, 36.5, 0],
    });
    assert.equal(report.summary.inputs[0]?.base_path, join(base, 'base.yaml'));
    assert.equal(report.summary.checked, 1);
    const all = await checkJson([
      '--k8s',
      join(head, 'head.yaml'),
      '--k8s-base',
      join(base, 'base.yaml'),
      '--policy',
      POLICY,
      '--all',
    ]);
    assert.equal(all.report.summary.checked, 2);
  });

  it('turns a workload into a range, and a change, when an autoscaler comes to target it', async () => {
    const hpa =
      '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web }\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  minReplicas: 2\n  maxReplicas: 10\n';
    const base = writeTree({ 'm.yaml': deployment('web', 3, '1') });
    const head = writeTree({ 'm.yaml': deployment('web', 3, '1') + hpa });
    const { report } = await checkJson([
      '--k8s',
      join(head, 'm.yaml'),
      '--k8s-base',
      join(base, 'm.yaml'),
      '--policy',
      POLICY,
    ]);
    const web = report.resources.find((r) => r.address === 'apps/v1/Deployment/default/web');
    // Before: 3 pods, $109.50. After: 2 to 10 pods, $73.00 to $365.00.
    assert.deepEqual(
      [web?.action, web?.monthly_before, web?.monthly_after, web?.monthly_delta],
      ['update', 109.5, 73, -36.5],
    );
    assert.deepEqual(
      [web?.monthly_before_max, web?.monthly_after_max, web?.monthly_delta_max],
      [109.5, 365, 255.5],
    );
    assert.equal(report.summary.monthly_delta_max, 255.5);
    const text = await runCli([
      'check',
      '--k8s',
      join(head, 'm.yaml'),
      '--k8s-base',
      join(base, 'm.yaml'),
      '--policy',
      POLICY,
    ]);
    assert.match(
      text.stdout,
      /Monthly cost: \$109\.50 → \$73\.00–\$365\.00, -\$36\.50 \(-33\.3%\) to \+\$255\.50/,
    );
  });

  it('budgets an autoscaled workload at its most on both sides, as the summary does', async () => {
    const autoscaled = (max: number, label: string) =>
      `${deployment('web', 3, '1').replace('labels: { example.com/team: payments }', `labels: { example.com/team: payments, rev: "${label}" }`)}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web }\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  minReplicas: 2\n  maxReplicas: ${max}\n`;
    const policy = writePolicy(
      `${readFileSync(POLICY, 'utf8')}budgets:\n  - name: small\n    max_monthly_delta: 50\n`,
    );
    const base = writeTree({ 'm.yaml': autoscaled(10, 'a') });
    // A label change leaves the 2–10 pod range as it was: nothing to budget, not $365 − $73.
    const relabelled = writeTree({ 'm.yaml': autoscaled(10, 'b') });
    const same = await checkJson([
      '--k8s',
      join(relabelled, 'm.yaml'),
      '--k8s-base',
      join(base, 'm.yaml'),
      '--policy',
      policy,
    ]);
    assert.equal(same.report.resources[0]?.action, 'update');
    assert.equal(same.report.summary.monthly_delta_max, 0);
    assert.deepEqual(
      same.report.findings.filter((f) => f.rule.startsWith('budget.')),
      [],
    );
    assert.equal(same.code, 0);
    // Two more pods at the top: +$73.00 at the most, over the $50 limit.
    const grown = writeTree({ 'm.yaml': autoscaled(12, 'a') });
    const more = await checkJson([
      '--k8s',
      join(grown, 'm.yaml'),
      '--k8s-base',
      join(base, 'm.yaml'),
      '--policy',
      policy,
    ]);
    assert.equal(more.report.summary.monthly_delta_max, 73);
    assert.deepEqual(
      more.report.findings.filter((f) => f.rule === 'budget.small').map((f) => f.message),
      ['+$73.00/month exceeds the $50 limit'],
    );
    assert.equal(more.code, 1);
  });

  it('matches objects across API versions and reports a path the base did not have as created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-k8s-versions-'));
    makeRepo(
      dir,
      { 'app.yaml': deployment('web', 2, '1').replace('apps/v1', 'apps/v1beta2') },
      { 'app.yaml': deployment('web', 2, '1'), 'new/x.yaml': deployment('x', 1, '1') },
    );
    const { report } = await checkJson(
      ['--k8s', 'app.yaml', '--k8s', 'new', '--base-ref', 'main', '--policy', POLICY],
      { cwd: dir },
    );
    assert.deepEqual(byAddress(report), {
      'apps/v1/Deployment/default/web': ['update', 73, 73, 0],
      'apps/v1/Deployment/default/x': ['create', 0, 36.5, 36.5],
    });
  });

  it('prints what README.md shows for the example policy and the guestbook', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const command =
      'tollgate check --k8s test/fixtures/kubernetes/guestbook-all-in-one.yaml --policy examples/kubernetes/policy.yaml';
    assert.ok(readme.includes(`$ ${command}`));
    const r = await runCli(command.split(' ').slice(1));
    assert.equal(r.code, 1);
    const shown =
      /\$ tollgate check --k8s test\/fixtures[^\n]*\n\.\.\.\n([\s\S]*?)\.\.\.\n```/.exec(readme)?.[1] ?? '';
    assert.ok(shown.split('\n').length > 4);
    for (const line of shown.split('\n').filter((l) => l !== ''))
      assert.ok(r.stdout.includes(`${line}\n`), line);
  });

  it('reads standard input (helm template | tollgate check --k8s -)', () => {
    const r = runDist(['check', '--k8s', '-', '--policy', POLICY, '--format', 'json'], {
      input: deployment('piped', 2, '500m'),
    });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.equal(report.summary.inputs[0]?.path, '<stdin>');
    assert.equal(report.resources[0]?.source?.file, '<stdin>');
    assert.equal(report.resources[0]?.monthly_after, 43.8); // 2 × (0.5 × 0.04 + 2 × 0.005) × 730
  });

  it('puts Terraform and Kubernetes in one report, with one per-team table', async () => {
    const plan = writeTemp(
      'plan.json',
      makePlan({
        resources: [
          {
            address: 'aws_instance.db',
            after: { instance_type: 't3.micro', tags: { team: 'payments' }, tags_all: { team: 'payments' } },
          },
        ],
        providers: { aws: awsProvider({ region: 'us-east-1' }) },
      }),
    );
    const manifests = writeTree({ 'app.yaml': deployment('web', 1, '1') });
    const { report } = await checkJson([
      '--plan',
      plan,
      '--k8s',
      join(manifests, 'app.yaml'),
      '--policy',
      POLICY,
    ]);
    assert.deepEqual(
      report.summary.inputs.map((i) => i.kind),
      ['terraform-plan', 'kubernetes'],
    );
    // t3.micro $0.0104 an hour × 730 = $7.592, and the Deployment's $36.50, both owned by payments.
    assert.deepEqual(report.summary.by_tag.team, { payments: { before: 0, after: 44.092, delta: 44.092 } });
    const markdown = await runCli([
      'check',
      '--plan',
      plan,
      '--k8s',
      join(manifests, 'app.yaml'),
      '--policy',
      POLICY,
      '--format',
      'markdown',
    ]);
    assert.match(
      markdown.stdout,
      /#### Cost by team\n\n\| team \| Before \| After \| Delta \|\n\| :- \| -: \| -: \| -: \|\n\| payments \| \$0\.00 \| \$44\.09 \| \+\$44\.09 \|\n/,
    );
  });

  it('escapes what comes from manifests in markdown', async () => {
    const manifests = writeTree({
      'app.yaml': deployment('web', 1, '1', '"<img src=x onerror=alert(1)> @team #12 [x](http://e.vil)"'),
    });
    const policy = writePolicy(
      'version: 1\ntags:\n  required:\n    - key: team\n      allowed: [payments]\nkubernetes:\n  labels: { team: example.com/team }\n  pricing: { region: us-east-1, cpu_hour: 0.04, memory_gib_hour: 0.005 }\n',
    );
    const r = await runCli([
      'check',
      '--k8s',
      join(manifests, 'app.yaml'),
      '--policy',
      policy,
      '--format',
      'markdown',
    ]);
    // Outside code spans (where nothing renders) the value is inert text.
    assert.doesNotMatch(r.stdout.replace(/`[^`]*`/g, ''), /<img|@team|\]\(http/);
    assert.match(r.stdout, /&lt;img src=x onerror=alert\\\(1\\\)&gt; @&#8203;team/);
  });

  it('validates against schema/report.schema.json, ranges and Kubernetes inputs included', async () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const hpa = writeTree({
      'app.yaml': `${deployment('web', 3, '1')}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web }\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  maxReplicas: 5\n`,
    });
    for (const args of [
      [
        '--k8s',
        `${FIXTURES}/kubernetes/ingress-nginx-aws.yaml`,
        '--k8s',
        `${FIXTURES}/kubernetes/cassandra-statefulset.yaml`,
      ],
      ['--k8s', join(hpa, 'app.yaml')],
    ]) {
      const { report } = await checkJson([...args, '--policy', POLICY]);
      assert.ok(validate(report), JSON.stringify(validate.errors?.slice(0, 3)));
    }
  });

  it('exits 2 with one line for bad input and bad usage', async () => {
    const bad = writeTree({ 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n' });
    const r = runDist(['check', '--k8s', join(bad, 'bad.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^tollgate: .*bad\.yaml:4:11: invalid YAML at the end of the file: [^\n]*\n$/);
    const cases: [string[], RegExp][] = [
      [['--k8s-base', 'a.yaml', '--plan', 'p.json'], /--k8s-base applies to --k8s paths, and none was given/],
      [['--namespace', 'x', '--plan', 'p.json'], /--namespace applies to --k8s paths/],
      [['--k8s', '-', '--plan', '-'], /standard input \(-\) can be read only once/],
      [['--k8s', 'a.yaml', '--k8s-base', 'b.yaml', '--base-ref', 'main'], /--k8s-base and --base-ref both/],
      [['--k8s', 'a', '--k8s', 'b', '--k8s-base', 'c'], /--k8s-base is given 1 time\(s\) and --k8s 2/],
    ];
    const dir = writeTree({
      'a/m.yaml': deployment('a', 1, '1'),
      'b/m.yaml': deployment('b', 1, '1'),
      'c/m.yaml': '',
    });
    for (const [args, message] of cases) {
      const result = await runCli(['check', ...args], { cwd: dir });
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
    const stdinBase = runDist(['check', '--k8s', '-', '--base-ref', 'HEAD'], {
      input: deployment('a', 1, '1'),
      cwd: repo,
    });
    assert.equal(stdinBase.code, 2);
    assert.match(
      stdinBase.stderr,
      /--base-ref cannot read standard input at another commit; give the base manifests with --k8s-base/,
    );
  });

  it('runs as the kubernetes pre-commit hook: changed files’ directories, CI YAML skipped', async () => {
    const dir = writeTree({
      'deploy/web.yaml': deployment('web', 1, '1', ''),
      'deploy/base/extra.yaml': deployment('extra', 1, '1'),
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      '.pre-commit-hooks.yaml': '- id: x\n  name: x\n',
    });
    writeFileSync(join(dir, 'policy.yaml'), readFileSync(POLICY));
    const r = await runCli(
      [
        'hook',
        'kubernetes',
        '--policy',
        'policy.yaml',
        'deploy/web.yaml',
        'deploy/base/extra.yaml',
        '.github/workflows/ci.yml',
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      'deploy/web.yaml:1 tags.required required tag "team" is empty (label "example.com/team" in metadata.labels)\n' +
        'deploy/web.yaml:9 tags.required required tag "team" is empty (label "example.com/team" in spec.template.metadata.labels)\n',
    );
    const root = await runCli(['hook', 'kubernetes', '--policy', 'policy.yaml', '.pre-commit-hooks.yaml'], {
      cwd: dir,
    });
    // A file at the root makes `.` the directory, read whole: the list file is skipped, web.yaml fails.
    assert.equal(root.code, 1, root.stderr);
    assert.equal(root.stderr, '');
  });

  it('runs as the kubernetes hook on a kustomize overlay: its patch is noted, not checked as a whole object', async () => {
    const dir = writeTree({
      'k8s/base/web.yaml': deployment('web', 2, '1'),
      'k8s/overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches: [{ path: replicas.yaml }]\n',
      'k8s/overlays/prod/replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 10\n',
    });
    writeFileSync(join(dir, 'policy.yaml'), readFileSync(POLICY));
    const args = ['--policy', 'policy.yaml', 'k8s/base/web.yaml', 'k8s/overlays/prod/replicas.yaml'];
    const r = await runCli(['hook', 'kubernetes', ...args], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      'k8s/overlays/prod/replicas.yaml k8s.not-read not read: a kustomize patch (k8s/overlays/prod/kustomization.yaml lists it under patches), not a whole object; tollgate does not apply patches\n',
    );
    assert.equal(r.code, 0);
    // The whole tree is one path: the patch is not a second Deployment web.
    const { report } = await checkJson(['--k8s', 'k8s', '--policy', 'policy.yaml'], { cwd: dir });
    assert.deepEqual(
      report.resources.map((res) => res.address),
      ['apps/v1/Deployment/default/web'],
    );
  });
});
