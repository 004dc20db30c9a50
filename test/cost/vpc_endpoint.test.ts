import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMoney, component, costOf } from './harness.ts';

// Interface endpoints (us-east-1 only, infracost golden): $0.01 per endpoint-hour per zone and $0.01
// per GB processed.
describe('aws_vpc_endpoint', () => {
  it('an interface endpoint bills each zone it has a subnet in, and GB processed', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_vpc_endpoint.ecr',
          after: {
            vpc_endpoint_type: 'Interface',
            service_name: 'com.amazonaws.us-east-1.ecr.dkr',
            subnet_ids: ['subnet-a', 'subnet-b', 'subnet-c'],
          },
        },
      ],
      usage: 'version: 1\nresource_usage:\n  aws_vpc_endpoint.ecr:\n    monthly_data_processed_gb: 1000\n',
    });
    const hours = component(r, /^Interface endpoint × 3 zones$/);
    assert.equal(hours.monthly_quantity, 2190); // 3 × 730
    assertMoney(hours.monthly_cost, 21.9); // 2190 × 0.01
    assertMoney(component(r, /^Data processed$/).monthly_cost, 10); // 1000 × 0.01
    assertMoney(r.monthly_after, 31.9);
  });

  it('counts subnets whose ids are unknown; an unknown list stays unknown', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_vpc_endpoint.ssm',
          after: { vpc_endpoint_type: 'Interface', subnet_ids: [null, null] },
          after_unknown: { subnet_ids: [true, true] },
        },
      ],
    });
    assertMoney(component(r, /^Interface endpoint × 2 zones$/).monthly_cost, 14.6); // 2 × 730 × 0.01
    assert.equal(component(r, /^Data processed$/).state, 'usage-not-given');
    const unknown = await costOf({
      resources: [
        {
          address: 'aws_vpc_endpoint.ssm',
          after: { vpc_endpoint_type: 'Interface' },
          after_unknown: { subnet_ids: true },
        },
      ],
    });
    const line = component(unknown, /^Interface endpoint$/);
    assert.equal(line.state, 'unknown');
    assert.equal(line.reason, 'subnet_ids is known only after apply');
  });

  it('gateway endpoints (the default type) are free', async () => {
    const r = await costOf({
      resources: [{ address: 'aws_vpc_endpoint.s3', after: { service_name: 'com.amazonaws.us-east-1.s3' } }],
    });
    assert.equal(r.status, 'free');
    assertMoney(r.monthly_after, 0);
  });

  it('Gateway Load Balancer endpoints are named as not priced', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_vpc_endpoint.inspect',
          after: { vpc_endpoint_type: 'GatewayLoadBalancer', subnet_ids: ['subnet-a'] },
        },
      ],
    });
    const line = component(r, /^GatewayLoadBalancer endpoint$/);
    assert.equal(line.state, 'not-priced');
    assert.equal(
      line.reason,
      'GatewayLoadBalancer endpoints bill at their own rates, which the catalog does not hold',
    );
  });

  it('says the catalog has no endpoint price outside us-east-1 rather than pricing it at $0', async () => {
    const r = await costOf({
      region: 'eu-west-1',
      resources: [
        {
          address: 'aws_vpc_endpoint.x',
          after: { vpc_endpoint_type: 'Interface', subnet_ids: ['subnet-a'] },
        },
      ],
    });
    const line = component(r, /^Interface endpoint × 1 zone$/);
    assert.equal(line.state, 'not-priced');
    assert.equal(
      line.reason,
      'no catalog price for vpc/endpoint/hour in eu-west-1; run `tollgate pricing refresh`',
    );
  });
});
