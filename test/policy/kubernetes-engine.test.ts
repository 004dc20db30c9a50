/**
 * The policy engine (budgets, forbidden entries, rules) on Kubernetes objects: rules see the object
 * as `after` (with the namespace the API server would give it), forbidden entries match `k8s:<Kind>`,
 * and budgets count an autoscaled workload at its maximum and find a team through its mapped label.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkJson } from '../helpers/cli.ts';
import { writeTree } from '../helpers/hcl.ts';
import { writePolicy } from '../helpers/plan.ts';

const MANIFESTS = `apiVersion: v1
kind: Service
metadata:
  name: public
  annotations: { service.beta.kubernetes.io/aws-load-balancer-subnets: "subnet-a,subnet-b" }
spec:
  type: LoadBalancer
  ports: [{ port: 443 }]
---
apiVersion: v1
kind: Service
metadata: { name: internal }
spec:
  ports: [{ port: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { example.com/team: payments }
spec:
  replicas: 2
  template:
    metadata:
      labels: { example.com/team: payments }
    spec:
      containers:
        - name: app
          resources: { requests: { cpu: "1", memory: 2Gi } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 10
`;

// A pod of 1 vCPU and 2 GiB: (0.04 + 2 × 0.005) × 730 = $36.50 a month; 2 to 10 pods: $73 to $365.
const POLICY = writePolicy(`version: 1
kubernetes:
  labels: { team: example.com/team }
  pricing: { region: us-east-1, cpu_hour: 0.04, memory_gib_hour: 0.005 }
forbidden:
  - name: no-ingress
    resource_types: ["k8s:Ingress"]
    message: use the shared gateway
rules:
  - id: no-public-lb-in-prod
    applies_to: ["k8s:Service"]
    when:
      and:
        - { "==": [{ var: after.spec.type }, LoadBalancer] }
        - { "==": [{ var: after.metadata.namespace }, prod] }
    message: Services of type LoadBalancer are not allowed in prod
budgets:
  - name: payments
    scope: { tag: team, value: payments }
    max_monthly_total: 300
  - name: k8s-delta
    warn_monthly_delta: 1000
`);

describe('the policy engine on Kubernetes objects', () => {
  it('applies forbidden entries, rules over the object and budgets at the top of ranges', async () => {
    const dir = writeTree({ 'app.yaml': MANIFESTS });
    const { report } = await checkJson(['--k8s', 'app.yaml', '--namespace', 'prod', '--policy', POLICY], {
      cwd: dir,
    });
    const lines = report.findings
      .filter((f) => !f.rule.startsWith('tags.'))
      .map((f) => `${f.severity} ${f.rule} ${f.address} ${f.source?.line ?? '-'}`);
    assert.ok(
      lines.includes('block forbidden.no-ingress networking.k8s.io/v1/Ingress/prod/web 16'),
      lines.join('\n'),
    );
    assert.ok(lines.includes('block rule.no-public-lb-in-prod v1/Service/prod/public 1'), lines.join('\n'));
    assert.ok(!lines.some((l) => l.includes('v1/Service/prod/internal')));
    // The team's Deployment ($73 to $365) and nothing else it owns: over $300 only at its maximum.
    const payments = report.findings.find((f) => f.rule === 'budget.payments');
    assert.equal(payments?.severity, 'block');
    assert.match(payments?.message ?? '', /\$365\.00\/month after the change exceeds the \$300(\.00)? limit/);
    // The load balancer ($18.25, a CLB, and $7.30 for its two subnets' public addresses) and the
    // Deployment at 10 pods: within $1,000 as counted, but the Ingress in scope is not priced, so
    // the budget cannot be decided (on_unknown: warn).
    const delta = report.findings.find((f) => f.rule === 'budget.k8s-delta');
    assert.equal(delta?.severity, 'warn');
    assert.equal(delta?.indeterminate, true);
    assert.match(
      delta?.message ?? '',
      /^cannot be decided: at least \+\$390\.55\/month is within the \$1,000 warning threshold, but 1 resource in scope is not priced \(k8s:Ingress\)$/,
    );
    assert.equal(report.summary.monthly_after_max, 390.55);
  });

  it('leaves rules for another namespace alone', async () => {
    const dir = writeTree({ 'app.yaml': MANIFESTS });
    const { report } = await checkJson(['--k8s', 'app.yaml', '--namespace', 'dev', '--policy', POLICY], {
      cwd: dir,
    });
    assert.equal(
      report.findings.find((f) => f.rule === 'rule.no-public-lb-in-prod'),
      undefined,
    );
  });
});
