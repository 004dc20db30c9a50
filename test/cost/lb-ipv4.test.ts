import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResourceReport } from '../../src/model/report.ts';
import { assertMoney, component, costOf } from './harness.ts';

// us-east-1: ALB and NLB $0.0225/h, CLB $0.025/h; eu-west-1: CLB $0.028/h. Public IPv4 $0.005/h per
// address in every region (data/pricing-facts/services.json).

/** What Terraform plans at create for a load balancer written with `subnets`: subnet_mapping is computed. */
const created = (after: Record<string, unknown>) => ({
  address: 'aws_lb.web',
  after,
  after_unknown: { arn: true, subnet_mapping: true },
});

const SUBNETS = ['subnet-a', 'subnet-b', 'subnet-c'];

const noIpv4 = (r: ResourceReport) =>
  assert.ok(!r.components.some((c) => /IPv4/.test(c.name)), r.components.map((c) => c.name).join(' | '));

describe('public IPv4 of a load balancer created with subnets', () => {
  it('an internet-facing ALB counts its subnets while subnet_mapping is computed', async () => {
    const r = await costOf({
      resources: [created({ load_balancer_type: 'application', internal: false, subnets: SUBNETS })],
    });
    const ips = component(r, /^Public IPv4 addresses$/);
    assert.equal(ips.state, 'priced');
    assert.equal(ips.monthly_quantity, 2190); // 3 × 730
    assertMoney(ips.monthly_cost, 10.95); // 2190 × 0.005
    assert.equal(
      ips.note,
      '3 addresses, one per subnet; an application load balancer may add more as it scales',
    );
    assert.equal(r.status, 'priced');
    assertMoney(r.monthly_after, 27.375); // 730 × 0.0225 + 10.95
  });

  it('an NLB counts its subnets too, without the note about scaling', async () => {
    const r = await costOf({
      resources: [
        created({ load_balancer_type: 'network', internal: false, subnets: ['subnet-a', 'subnet-b'] }),
      ],
    });
    const ips = component(r, /^Public IPv4 addresses$/);
    assertMoney(ips.monthly_cost, 7.3); // 2 × 730 × 0.005
    assert.equal(ips.note, '2 addresses, one per subnet');
    assertMoney(r.monthly_after, 23.725); // 16.425 + 7.3
  });

  it('internal: no addresses; internal left to its default (false): counted', async () => {
    noIpv4(await costOf({ resources: [created({ internal: true, subnets: SUBNETS })] }));
    const defaulted = await costOf({
      resources: [
        { ...created({ subnets: SUBNETS }), after_unknown: { subnet_mapping: true, internal: true } },
      ],
    });
    assertMoney(component(defaulted, /^Public IPv4 addresses$/).monthly_cost, 10.95);
  });

  it('stays unknown while the subnets are, or when there are none to count', async () => {
    const both = await costOf({
      resources: [
        { address: 'aws_lb.web', after: {}, after_unknown: { subnets: true, subnet_mapping: true } },
      ],
    });
    assert.equal(component(both, /^Public IPv4 addresses$/).state, 'unknown');
    assert.equal(component(both, /^Public IPv4 addresses$/).reason, 'subnets is known only after apply');
    assert.equal(both.status, 'partial');

    const empty = await costOf({ resources: [created({ subnets: [] })] });
    assert.equal(
      component(empty, /^Public IPv4 addresses$/).reason,
      'subnet_mapping is known only after apply',
    );
  });

  it('the configuration writing subnet_mapping: its blocks are counted, not the subnets', async () => {
    const written = await costOf({
      resources: [
        {
          address: 'aws_lb.net',
          after: { load_balancer_type: 'network', subnets: SUBNETS },
          after_unknown: { subnet_mapping: true },
          expressions: {
            subnet_mapping: [
              { subnet_id: { constant_value: 'subnet-a' } },
              { subnet_id: { constant_value: 'subnet-b' } },
            ],
          },
        },
      ],
    });
    assert.equal(component(written, /^Public IPv4 addresses$/).monthly_quantity, 1460); // 2 blocks × 730

    const elastic = await costOf({
      resources: [
        {
          address: 'aws_lb.net',
          after: { load_balancer_type: 'network', subnets: SUBNETS },
          after_unknown: { subnet_mapping: true },
          expressions: {
            subnet_mapping: [
              {
                subnet_id: { constant_value: 'subnet-a' },
                allocation_id: { references: ['aws_eip.a.id', 'aws_eip.a'] },
              },
            ],
          },
        },
      ],
    });
    noIpv4(elastic); // an Elastic IP created in the same plan: billed on the aws_eip
  });

  it('an Elastic IP known only after apply is still an Elastic IP', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_lb.net',
          after: {
            load_balancer_type: 'network',
            subnet_mapping: [{ subnet_id: 'subnet-a' }, { subnet_id: 'subnet-b' }],
          },
          after_unknown: { subnets: true, subnet_mapping: [{ allocation_id: true }, {}] },
          expressions: {
            subnet_mapping: [
              { subnet_id: { constant_value: 'subnet-a' }, allocation_id: { references: ['aws_eip.a.id'] } },
              { subnet_id: { constant_value: 'subnet-b' } },
            ],
          },
        },
      ],
    });
    assert.equal(component(r, /^Public IPv4 addresses$/).monthly_quantity, 730); // subnet-b only
  });
});

describe('public IPv4 of a Classic Load Balancer', () => {
  const clb = (after: Record<string, unknown>, after_unknown: Record<string, unknown> = { id: true }) => ({
    address: 'aws_elb.classic',
    after,
    after_unknown,
  });

  it('one address per subnet', async () => {
    const r = await costOf({ resources: [clb({ internal: false, subnets: ['subnet-a', 'subnet-b'] })] });
    const ips = component(r, /^Public IPv4 addresses$/);
    assert.equal(ips.monthly_quantity, 1460); // 2 × 730
    assertMoney(ips.monthly_cost, 7.3);
    assert.equal(ips.note, '2 addresses, one per subnet; a Classic Load Balancer may add more as it scales');
    assertMoney(r.monthly_after, 25.55); // 730 × 0.025 + 7.3
  });

  it('one per Availability Zone when it is given zones, the subnets being computed', async () => {
    const r = await costOf({
      region: 'eu-west-1',
      resources: [
        clb(
          { availability_zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
          { subnets: true, internal: true },
        ),
      ],
    });
    const ips = component(r, /^Public IPv4 addresses$/);
    assertMoney(ips.monthly_cost, 10.95); // 3 × 730 × 0.005
    assert.match(ips.note ?? '', /^3 addresses, one per Availability Zone/);
    assertMoney(r.monthly_after, 31.39); // 730 × 0.028 + 10.95
  });

  it('subnets known, zones computed: the subnets count', async () => {
    const r = await costOf({
      resources: [clb({ subnets: ['subnet-a'] }, { availability_zones: true })],
    });
    assertMoney(component(r, /^Public IPv4 addresses$/).monthly_cost, 3.65); // 730 × 0.005
  });

  it('internal: none; unknown subnets, internal or neither set: unknown, never $0', async () => {
    noIpv4(await costOf({ resources: [clb({ internal: true, subnets: ['subnet-a', 'subnet-b'] })] }));

    const subnets = await costOf({ resources: [clb({}, { subnets: true, availability_zones: true })] });
    assert.equal(component(subnets, /^Public IPv4 addresses$/).reason, 'subnets is known only after apply');
    assert.equal(subnets.status, 'partial');

    const zones = await costOf({
      resources: [
        {
          ...clb({}, { subnets: true, availability_zones: true }),
          expressions: { availability_zones: { references: ['data.aws_availability_zones.all.names'] } },
        },
      ],
    });
    assert.equal(
      component(zones, /^Public IPv4 addresses$/).reason,
      'availability_zones is known only after apply',
    );

    const internal = await costOf({
      resources: [
        {
          ...clb({ subnets: ['subnet-a'] }, { internal: true }),
          expressions: { internal: { references: ['var.internal'] } },
        },
      ],
    });
    assert.equal(component(internal, /^Public IPv4 addresses$/).reason, 'internal is known only after apply');

    const neither = await costOf({ resources: [clb({ name: 'classic' })] });
    assert.equal(
      component(neither, /^Public IPv4 addresses$/).reason,
      'neither subnets nor availability_zones is set: the addresses cannot be counted',
    );
  });
});
