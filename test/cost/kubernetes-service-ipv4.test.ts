import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report, ResourceReport } from '../../src/model/report.ts';
import { checkJson } from '../helpers/cli.ts';
import { writeTree } from '../helpers/hcl.ts';
import { writePolicy, writeTemp } from '../helpers/plan.ts';
import { assertMoney, component } from './harness.ts';

// A public IPv4 address is $0.005 an hour: $3.65 a month.
const SUBNETS = 'service.beta.kubernetes.io/aws-load-balancer-subnets';
const HINT = `internet-facing: one per subnet the load balancer uses; set ${SUBNETS} (or subnets in the usage file) to count them`;

/** One Service of type LoadBalancer `web` with these annotations (and spec lines), priced. */
async function lb(
  annotations: Record<string, string>,
  options: { spec?: string; loadBalancer?: 'nlb' | 'clb'; usage?: string } = {},
): Promise<ResourceReport> {
  const lines = Object.entries(annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  const manifest = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    ...(lines.length > 0 ? ['  annotations:', ...lines] : []),
    'spec:',
    '  type: LoadBalancer',
    ...(options.spec ? [`  ${options.spec}`] : []),
    '  ports: [{ port: 80 }]',
    '',
  ].join('\n');
  const policy = `version: 1\nkubernetes:\n  pricing: { region: us-east-1 }\n${
    options.loadBalancer ? `  load_balancer: ${options.loadBalancer}\n` : ''
  }`;
  const cwd = writeTree({ 'svc.yaml': manifest });
  const args = ['--k8s', '.', '--policy', writePolicy(policy), '--fail-on', 'never'];
  if (options.usage) args.push('--usage', writeTemp('usage.yml', options.usage));
  const report: Report = (await checkJson(args, { cwd })).report;
  const found = report.resources.find((r) => r.address === 'v1/Service/default/web');
  assert.ok(found);
  return found;
}

function addresses(r: ResourceReport): ResourceReport['components'][number] | undefined {
  return r.components.find((c) => c.name === 'Public IPv4 addresses');
}

describe('Kubernetes Service of type LoadBalancer: public IPv4 addresses', () => {
  it('is internet-facing by default under the in-tree provider: unknown without the subnets annotation', async () => {
    const clb = await lb({});
    assert.equal(component(clb, /^Classic load balancer$/).state, 'priced');
    const ips = component(clb, /^Public IPv4 addresses$/);
    assert.equal(ips.state, 'unknown');
    assert.equal(ips.reason, HINT);
    assert.equal(clb.status, 'partial');
    const nlb = await lb({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' });
    assert.equal(component(nlb, /^Public IPv4 addresses$/).reason, HINT);
  });

  it('counts one address per subnet the subnets annotation lists', async () => {
    const nlb = await lb({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      [SUBNETS]: 'subnet-a, subnet-b,subnet-c',
    });
    const ips = component(nlb, /^Public IPv4 addresses$/);
    assert.equal(ips.monthly_quantity, 2190); // 3 × 730
    assertMoney(ips.monthly_cost, 10.95);
    assert.equal(ips.note, `3 addresses, one per subnet (${SUBNETS})`);
    assert.equal(nlb.status, 'priced');
    const clb = await lb({ [SUBNETS]: 'public-a,public-b' });
    assertMoney(component(clb, /^Public IPv4 addresses$/).monthly_cost, 7.3);
    assert.match(component(clb, /^Public IPv4 addresses$/).note ?? '', /may add more as it scales/);
  });

  it("takes the count from the usage file's subnets when no annotation lists them", async () => {
    const usage = 'resource_type_default_usage:\n  "k8s:Service": { subnets: 3 }\n';
    const clb = await lb({}, { usage });
    const ips = component(clb, /^Public IPv4 addresses$/);
    assertMoney(ips.monthly_cost, 10.95);
    assert.equal(
      ips.note,
      '3 addresses, one per subnet; a Classic Load Balancer may add more as it scales (usage subnets)',
    );
    // The annotation, when it lists them, wins.
    const listed = await lb({ [SUBNETS]: 'a,b' }, { usage });
    assertMoney(component(listed, /^Public IPv4 addresses$/).monthly_cost, 7.3);
    const half = await lb({}, { usage: 'resource_type_default_usage:\n  "k8s:Service": { subnets: 1.5 }\n' });
    assert.equal(
      component(half, /^Public IPv4 addresses$/).reason,
      'usage subnets is 1.5, not a whole number of subnets',
    );
  });

  it('has none when internal: the legacy annotation, or the scheme annotation for the controller', async () => {
    const legacy = await lb({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
    });
    assert.equal(addresses(legacy), undefined);
    assert.equal(
      component(legacy, /^Network load balancer$/).note,
      'annotation service.beta.kubernetes.io/aws-load-balancer-type: nlb; internal (annotation service.beta.kubernetes.io/aws-load-balancer-internal: "true"): no public IPv4 addresses',
    );
    // The in-tree provider makes any value but "false" internal, 0.0.0.0/0 included.
    const clb = await lb({ 'service.beta.kubernetes.io/aws-load-balancer-internal': '0.0.0.0/0' });
    assert.equal(addresses(clb), undefined);
    assert.match(component(clb, /^Classic load balancer$/).note ?? '', /internal \(annotation/);
    const scheme = await lb({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
      [SUBNETS]: 'subnet-a,subnet-b',
    });
    assert.equal(addresses(scheme), undefined);
    assert.match(
      component(scheme, /^Network load balancer$/).note ?? '',
      /scheme: internal\): no public IPv4/,
    );
  });

  it("follows the AWS Load Balancer Controller's internal default unless the scheme says internet-facing", async () => {
    const byDefault = await lb({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' });
    assert.equal(addresses(byDefault), undefined);
    assert.match(
      component(byDefault, /^Network load balancer$/).note ?? '',
      /internal, the AWS Load Balancer Controller's default without service\.beta\.kubernetes\.io\/aws-load-balancer-scheme/,
    );
    // kubernetes.load_balancer: nlb means a controller takes Services without annotations: internal too.
    const unannotated = await lb({}, { loadBalancer: 'nlb' });
    assert.equal(addresses(unannotated), undefined);
    assert.match(component(unannotated, /^Network load balancer$/).note ?? '', /default without/);

    const facing = await lb(
      { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing', [SUBNETS]: 'a,b' },
      { spec: 'loadBalancerClass: service.k8s.aws/nlb' },
    );
    assertMoney(component(facing, /^Public IPv4 addresses$/).monthly_cost, 7.3);
    // The legacy annotation, "false", is internet-facing for the controller too.
    const legacy = await lb({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb-ip',
      'service.beta.kubernetes.io/aws-load-balancer-internal': 'false',
    });
    assert.equal(component(legacy, /^Public IPv4 addresses$/).reason, HINT);
  });

  it('recognises EKS Auto Mode’s load balancer class as an NLB', async () => {
    const auto = await lb(
      { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' },
      { spec: 'loadBalancerClass: eks.amazonaws.com/nlb' },
    );
    assertMoney(component(auto, /^Network load balancer$/).monthly_cost, 16.425);
    assert.equal(component(auto, /^Public IPv4 addresses$/).state, 'unknown');
  });

  it('leaves Elastic IPs to be priced where they are allocated', async () => {
    const nlb = await lb({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
      'service.beta.kubernetes.io/aws-load-balancer-eip-allocations': 'eipalloc-1,eipalloc-2',
    });
    assert.equal(addresses(nlb), undefined);
    assert.match(
      component(nlb, /^Network load balancer$/).note ?? '',
      /internet-facing on the 2 Elastic IPs of service\.beta\.kubernetes\.io\/aws-load-balancer-eip-allocations, billed where they are allocated/,
    );
  });

  it('says when the in-tree provider ignores the scheme annotation, and when a scheme is not one', async () => {
    const ignored = await lb({ 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' });
    assert.match(
      component(ignored, /^Public IPv4 addresses$/).reason ?? '',
      /in-tree AWS cloud provider ignores service\.beta\.kubernetes\.io\/aws-load-balancer-scheme: "internal"/,
    );
    const bad = await lb({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'public',
    });
    assert.match(
      component(bad, /^Public IPv4 addresses$/).reason ?? '',
      /"public", neither internal nor internet-facing/,
    );
  });
});
