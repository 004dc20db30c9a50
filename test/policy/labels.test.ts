import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../src/model/report.ts';
import { checkJson, FIXTURES } from '../helpers/cli.ts';
import { writeTree } from '../helpers/hcl.ts';
import { writePolicy } from '../helpers/plan.ts';

const TAXONOMY = `
tags:
  required:
    - key: team
      allowed: [payments, search]
    - key: cost-center
      pattern: "CC-[0-9]{4}"
      severity: warn
`;

function policy(kubernetes = '') {
  return writePolicy(`version: 1\n${TAXONOMY}${kubernetes}`);
}

const MAPPED = policy(`
kubernetes:
  labels: { cost-center: example.com/cost-center }
`);

async function check(manifest: string, policyPath = MAPPED, extra: string[] = []): Promise<Report> {
  const dir = writeTree({ 'app.yaml': manifest });
  return (await checkJson(['--k8s', 'app.yaml', '--policy', policyPath, '--no-cost', ...extra], { cwd: dir }))
    .report;
}

/** `severity rule line: message` per finding. */
function findings(report: Report): string[] {
  return report.findings.map((f) => `${f.severity} ${f.rule} ${f.source?.line ?? '-'}: ${f.message}`);
}

const DEPLOYMENT = (objectLabels: string, podLabels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: ${objectLabels}
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: ${podLabels}
    spec:
      containers:
        - name: app
          resources: { requests: { cpu: 100m, memory: 64Mi } }
`;

describe('the taxonomy on Kubernetes labels', () => {
  it('passes an object and pod template that both carry every label, mapped keys included', async () => {
    const labels = '{ app: web, team: payments, example.com/cost-center: CC-1234 }';
    const report = await check(DEPLOYMENT(labels, labels));
    assert.deepEqual(findings(report), []);
    assert.equal(report.summary.checked, 1);
  });

  it('checks the object and the pod template apart: labels are not inherited', async () => {
    const report = await check(
      DEPLOYMENT('{ team: payments, example.com/cost-center: CC-1234 }', '{ app: web }'),
    );
    assert.deepEqual(findings(report), [
      'block tags.required 10: missing required tag "team" (label "team" in spec.template.metadata.labels)',
      'warn tags.required 10: missing required tag "cost-center" (label "example.com/cost-center" in spec.template.metadata.labels)',
    ]);
    assert.equal(
      report.findings[0]?.fix,
      'Add the label "team" to spec.template.metadata.labels (one of: payments, search); leave the selector as it is.',
    );
    for (const f of report.findings) assert.doesNotMatch(f.fix ?? '', /to spec\.selector|matchLabels/);
  });

  it('applies allowed values and anchored patterns, and counts an empty value as missing', async () => {
    const report = await check(
      DEPLOYMENT(
        '{ team: payment, example.com/cost-center: "xCC-1234" }',
        '{ team: "", example.com/cost-center: "CC-12345" }',
      ),
    );
    assert.deepEqual(findings(report), [
      'block tags.allowed 1: tag "team" is "payment", which is not an allowed value (label "team" in metadata.labels)',
      'block tags.required 10: required tag "team" is empty (label "team" in spec.template.metadata.labels)',
      'warn tags.pattern 1: tag "cost-center" is "xCC-1234", which does not match CC-[0-9]{4} (label "example.com/cost-center" in metadata.labels)',
      'warn tags.pattern 10: tag "cost-center" is "CC-12345", which does not match CC-[0-9]{4} (label "example.com/cost-center" in spec.template.metadata.labels)',
    ]);
    assert.match(report.findings[0]?.fix ?? '', /did you mean "payments"\?/);
  });

  it('without a mapping looks labels up under the taxonomy key, and names a label spelt differently', async () => {
    const report = await check(
      DEPLOYMENT('{ Team: payments, cost-center: CC-1234 }', '{ team: search, cost-center: CC-1234 }'),
      policy(),
    );
    assert.deepEqual(findings(report), [
      'block tags.required 1: missing required tag "team" (found "Team": label keys are case- and spelling-sensitive) (label "team" in metadata.labels)',
    ]);
    assert.equal(report.findings[0]?.fix, 'Rename label "Team" to "team" in metadata.labels.');
  });

  it("requires labels on a CronJob's job template and where label_targets say, claim templates included", async () => {
    const report = (
      await checkJson([
        '--k8s',
        `${FIXTURES}/kubernetes/scheduled-autoscaler-cronjobs.yaml`,
        '--k8s',
        `${FIXTURES}/kubernetes/cassandra-statefulset.yaml`,
        '--policy',
        policy('kubernetes:\n  label_targets: [pod, pvc]\n'),
        '--no-cost',
      ])
    ).report;
    const team = report.findings.filter((f) => f.rule === 'tags.required' && f.severity === 'block');
    assert.deepEqual(
      team.map((f) => `${f.address} ${f.source?.file.replace(/.*\//, '')}:${f.source?.line} ${f.message}`),
      [
        'apps/v1/StatefulSet/default/cassandra cassandra-statefulset.yaml:14 missing required tag "team" (label "team" in spec.template.metadata.labels)',
        'apps/v1/StatefulSet/default/cassandra cassandra-statefulset.yaml:99 missing required tag "team" (label "team" in spec.volumeClaimTemplates[0].metadata.labels)',
        'batch/v1/CronJob/default/scale-down scheduled-autoscaler-cronjobs.yaml:45 missing required tag "team" (label "team" in spec.jobTemplate.spec.template.metadata.labels)',
        'batch/v1/CronJob/default/scale-up scheduled-autoscaler-cronjobs.yaml:25 missing required tag "team" (label "team" in spec.jobTemplate.spec.template.metadata.labels)',
      ],
    );
    // A template without metadata is reported at its template: key (line 25). Objects themselves are
    // not a target here: the StorageClass has no template, so it is not checked.
    assert.equal(report.summary.checked, 3);
  });

  it('matches applies_to and exclude globs against k8s:<Kind>', async () => {
    const manifest = `${DEPLOYMENT('{}', '{}')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n`;
    const only = await check(manifest, writePolicy(`version: 1\n${TAXONOMY}  applies_to: ["k8s:Deploy*"]\n`));
    assert.deepEqual([...new Set(only.findings.map((f) => f.address))], ['apps/v1/Deployment/default/web']);
    const none = await check(manifest, writePolicy(`version: 1\n${TAXONOMY}  exclude: ["k8s:*"]\n`));
    assert.deepEqual(none.findings, []);
  });

  it('reports containers without requests as k8s.requests.missing at the container, at the policy severity', async () => {
    const manifest = `apiVersion: v1
kind: Pod
metadata: { name: p, labels: { team: search, example.com/cost-center: CC-1234 } }
spec:
  initContainers:
    - name: wait
      image: busybox
  containers:
    - name: app
      resources: { requests: { cpu: 100m } }
`;
    const warn = await check(manifest);
    assert.deepEqual(findings(warn), [
      'warn k8s.requests.missing 6: no request for init container "wait" (cpu, memory), container "app" (memory): what they use is not reserved, and not in the cost',
    ]);
    const block = await check(manifest, policy('kubernetes:\n  requests_missing: block\n'));
    assert.equal(block.findings[0]?.severity, 'block');
    assert.equal(block.verdict, 'block');
    const pass = await check(manifest, policy('kubernetes:\n  requests_missing: pass\n'));
    assert.deepEqual(
      pass.findings.filter((f) => f.rule === 'k8s.requests.missing'),
      [],
    );
  });

  it('validates the kubernetes block with file:line errors', async () => {
    const dir = writeTree({ 'app.yaml': DEPLOYMENT('{}', '{}') });
    const bad = async (block: string) => {
      const path = policy(block);
      const { runCli } = await import('../helpers/cli.ts');
      const r = await runCli(['check', '--k8s', 'app.yaml', '--policy', path], { cwd: dir });
      assert.equal(r.code, 2, r.stdout);
      return r.stderr.replace(path, 'policy.yaml');
    };
    assert.match(
      await bad('kubernetes:\n  label_target: [pod]\n'),
      /^tollgate: policy\.yaml:\d+: unknown key "label_target" in kubernetes \(did you mean "label_targets"\?\)\n$/,
    );
    assert.match(
      await bad('kubernetes:\n  label_targets: [pods]\n'),
      /^tollgate: policy\.yaml:\d+: kubernetes\.label_targets\[0\] must be one of object, pod, pvc \(got "pods"\)\n$/,
    );
    assert.match(
      await bad('kubernetes:\n  pricing:\n    node: { instance_type: m6i.xlarg }\n'),
      /^tollgate: policy\.yaml:\d+: kubernetes\.pricing\.node\.instance_type "m6i\.xlarg" is not an EC2 instance type whose vCPUs and memory tollgate knows \(did you mean "m6i\.xlarge"\?\); or give kubernetes\.pricing\.cpu_hour and memory_gib_hour\n$/,
    );
    assert.match(
      await bad('kubernetes:\n  load_balancer: alb\n'),
      /^tollgate: policy\.yaml:\d+: kubernetes\.load_balancer must be one of nlb, clb \(got "alb"\)\n$/,
    );
  });
});
