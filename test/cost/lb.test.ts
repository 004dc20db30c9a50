import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMoney, component, costOf } from './harness.ts';

// Prices from data/pricing-facts/services.json: us-east-1 (infracost goldens, 2024-07-01) and
// eu-west-1 (AWS Price List dump, 2023-02-23). ALB $0.0225/h and $0.008/LCU-hour in us-east-1,
// $0.0252/h in eu-west-1; NLB $0.006/NLCU-hour; GWLB $0.014/h and $0.004/GLCU-hour (eu-west-1 only);
// CLB $0.025/h (us-east-1), $0.028/h (eu-west-1), $0.008/GB.
const usage = (address: string, values: Record<string, number>, hours?: number) =>
  [
    'version: 1',
    'resource_usage:',
    `  ${address}:`,
    ...Object.entries(values).map(([k, v]) => `    ${k}: ${v}`),
    ...(hours === undefined ? [] : ['monthly_hours:', '  resources:', `    ${address}: ${hours}`]),
  ].join('\n') + '\n';

describe('aws_lb and aws_alb', () => {
  it('an application load balancer by default: hours, and capacity units only with usage', async () => {
    const r = await costOf({ resources: [{ address: 'aws_lb.web', after: { internal: false } }] });
    assertMoney(component(r, /^Application load balancer$/).monthly_cost, 16.425); // 730 × 0.0225
    const lcu = component(r, /^Load balancer capacity units \(LCU\)$/);
    assert.equal(lcu.state, 'usage-not-given');
    assert.equal(lcu.unit, 'LCU-hours');
    assert.equal(
      lcu.reason,
      'usage not given: set monthly_capacity_units_hours (or new_connections, active_connections, processed_bytes_gb, rule_evaluations) in the usage file',
    );
    assertMoney(r.monthly_after, 16.425);
  });

  it('ALB LCUs are the largest of the four dimensions, every hour', async () => {
    const r = await costOf({
      resources: [{ address: 'aws_lb.web', after: { load_balancer_type: 'application' } }],
      usage: usage('aws_lb.web', {
        new_connections: 50, // 50 / 25 = 2
        active_connections: 3000, // 3000 / 3000 = 1
        processed_bytes_gb: 1.5, // 1.5 / 1 = 1.5
        rule_evaluations: 2500, // 2500 / 1000 = 2.5, the largest
      }),
    });
    const lcu = component(r, /capacity units/);
    assert.equal(lcu.monthly_quantity, 1825); // 730 × 2.5
    assertMoney(lcu.monthly_cost, 14.6); // 1825 × 0.008
    assertMoney(r.monthly_after, 31.025); // 16.425 + 14.6
  });

  it('NLB capacity units use the NLCU dimensions, not the ALB ones, and ignore rule evaluations', async () => {
    const r = await costOf({
      region: 'eu-west-1',
      resources: [{ address: 'aws_lb.tcp', after: { load_balancer_type: 'network' } }],
      usage: usage('aws_lb.tcp', {
        new_connections: 1600, // 1600 / 800 = 2 (as an ALB it would be 64 LCU)
        active_connections: 50000, // 50000 / 100000 = 0.5
        processed_bytes_gb: 3, // 3 / 1 = 3, the largest
        rule_evaluations: 10000, // no such NLCU dimension
      }),
    });
    assertMoney(component(r, /^Network load balancer$/).monthly_cost, 18.396); // 730 × 0.0252
    const nlcu = component(r, /capacity units \(NLCU\)/);
    assert.equal(nlcu.monthly_quantity, 2190); // 730 × 3
    assertMoney(nlcu.monthly_cost, 13.14); // 2190 × 0.006
    assertMoney(r.monthly_after, 31.536);
  });

  it('a gateway load balancer, with capacity-unit hours given directly', async () => {
    const r = await costOf({
      region: 'eu-west-1',
      resources: [{ address: 'aws_lb.inspect', after: { load_balancer_type: 'gateway' } }],
      usage: usage('aws_lb.inspect', { monthly_capacity_units_hours: 1000 }),
    });
    assertMoney(component(r, /^Gateway load balancer$/).monthly_cost, 10.22); // 730 × 0.014
    assertMoney(component(r, /capacity units \(GLCU\)/).monthly_cost, 4); // 1000 × 0.004
    assertMoney(r.monthly_after, 14.22);
  });

  it('names a region without gateway load balancer prices instead of pricing it at $0', async () => {
    const r = await costOf({
      resources: [{ address: 'aws_lb.inspect', after: { load_balancer_type: 'gateway' } }],
    });
    const hours = component(r, /^Gateway load balancer$/);
    assert.equal(hours.state, 'not-priced');
    assert.match(hours.reason ?? '', /no catalog price for elb\/gwlb\/hour in us-east-1/);
  });

  it('aws_alb, with GB processed an hour', async () => {
    const r = await costOf({
      region: 'eu-west-1',
      resources: [{ address: 'aws_alb.api', after: { load_balancer_type: 'application' } }],
      usage: usage('aws_alb.api', { processed_bytes_gb: 10 }), // 10 GB an hour = 10 LCU
    });
    assertMoney(component(r, /^Application load balancer$/).monthly_cost, 18.396); // 730 × 0.0252
    assertMoney(component(r, /capacity units/).monthly_cost, 58.4); // 730 × 10 × 0.008
  });

  it('scales hours and hourly capacity units with monthly_hours, but not monthly LCU-hours', async () => {
    const averaged = await costOf({
      resources: [{ address: 'aws_lb.dev', after: {} }],
      usage: usage('aws_lb.dev', { new_connections: 25 }, 365), // 1 LCU
    });
    assertMoney(component(averaged, /^Application load balancer$/).monthly_cost, 8.2125); // 365 × 0.0225
    assertMoney(component(averaged, /capacity units/).monthly_cost, 2.92); // 365 × 1 × 0.008
    const total = await costOf({
      resources: [{ address: 'aws_lb.dev', after: {} }],
      usage: usage('aws_lb.dev', { monthly_capacity_units_hours: 500 }, 365),
    });
    assertMoney(component(total, /capacity units/).monthly_cost, 4); // 500 × 0.008: already a monthly total
  });

  it('keeps an unknown load balancer type unknown', async () => {
    const r = await costOf({
      resources: [{ address: 'aws_lb.x', after: {}, after_unknown: { load_balancer_type: true } }],
    });
    const line = component(r, /^Load balancer$/);
    assert.equal(line.state, 'unknown');
    assert.equal(line.reason, 'load_balancer_type is known only after apply');
  });

  it('prices before and after a change of type', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_lb.x',
          actions: ['delete', 'create'],
          before: { load_balancer_type: 'application' },
          after: { load_balancer_type: 'network' },
        },
      ],
      usage: usage('aws_lb.x', { processed_bytes_gb: 2 }),
    });
    assertMoney(r.monthly_before, 28.105); // 16.425 + 730 × 2 × 0.008
    assertMoney(r.monthly_after, 25.185); // 16.425 + 730 × 2 × 0.006
  });

  it('bills the public IPv4 address in each subnet of an internet-facing load balancer', async () => {
    const r = await costOf({
      resources: [
        { address: 'aws_lb.web', after: { internal: false, subnets: ['subnet-a', 'subnet-b', 'subnet-c'] } },
      ],
    });
    const ips = component(r, /^Public IPv4 addresses$/);
    assert.equal(ips.monthly_quantity, 2190); // 3 addresses × 730 hours
    assertMoney(ips.monthly_cost, 10.95); // 2190 × $0.005
    assert.match(ips.note ?? '', /3 addresses, one per subnet/);
    assertMoney(r.monthly_after, 27.375); // 16.425 + 10.95
  });

  it('no public IPv4 charge for internal, gateway or IPv6-only load balancers, nor for subnets given an Elastic IP', async () => {
    const none = [
      { internal: true, subnets: ['subnet-a', 'subnet-b'] },
      { subnets: ['subnet-a'], ip_address_type: 'dualstack-without-public-ipv4' },
      { load_balancer_type: 'gateway', subnets: ['subnet-a'] },
    ];
    for (const after of none) {
      const r = await costOf({ region: 'eu-west-1', resources: [{ address: 'aws_lb.x', after }] });
      assert.ok(!r.components.some((c) => /IPv4/.test(c.name)), JSON.stringify(after));
    }
    const nlb = await costOf({
      resources: [
        {
          address: 'aws_lb.net',
          after: {
            load_balancer_type: 'network',
            subnet_mapping: [
              { subnet_id: 'subnet-a', allocation_id: 'eipalloc-1' },
              { subnet_id: 'subnet-b' },
            ],
          },
        },
      ],
    });
    assert.equal(component(nlb, /^Public IPv4 addresses$/).monthly_quantity, 730); // the Elastic IP is billed on aws_eip
  });

  it('keeps the address count unknown while the subnets are', async () => {
    const r = await costOf({
      resources: [{ address: 'aws_lb.web', after: {}, after_unknown: { subnets: true } }],
    });
    const ips = component(r, /^Public IPv4 addresses$/);
    assert.equal(ips.state, 'unknown');
    assert.equal(ips.reason, 'subnets is known only after apply');
    assert.equal(r.status, 'partial');
  });
});

describe('aws_elb', () => {
  it('bills hours, and data processed only with usage', async () => {
    const r = await costOf({ resources: [{ address: 'aws_elb.classic', after: { name: 'classic' } }] });
    assertMoney(component(r, /^Classic load balancer$/).monthly_cost, 18.25); // 730 × 0.025
    assert.equal(component(r, /^Data processed$/).state, 'usage-not-given');
    const used = await costOf({
      region: 'eu-west-1',
      resources: [{ address: 'aws_elb.classic', after: { name: 'classic' } }],
      usage: usage('aws_elb.classic', { monthly_data_processed_gb: 1000 }),
    });
    assertMoney(component(used, /^Classic load balancer$/).monthly_cost, 20.44); // 730 × 0.028
    assertMoney(component(used, /^Data processed$/).monthly_cost, 8); // 1000 × 0.008
    assertMoney(used.monthly_after, 28.44);
  });
});
