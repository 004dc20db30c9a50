import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkJson, PLANS } from '../helpers/cli.ts';
import { writePolicy } from '../helpers/plan.ts';
import { assertMoney, component, costOf } from './harness.ts';

// The public IPv4 charge is one global price: $0.005 an hour per address, attached or idle, since
// 2024-02-01 (data/pricing-facts/tollgate-global-facts.json).
describe('aws_eip', () => {
  it('bills the public IPv4 hourly charge for an address the provider takes from Amazon', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_eip.nat',
          after: { domain: 'vpc', tags: null },
          after_unknown: { public_ipv4_pool: true, public_ip: true, allocation_id: true },
        },
      ],
    });
    const ip = component(r, /^Public IPv4 address$/);
    assert.equal(ip.state, 'priced');
    assert.equal(ip.unit, 'hours');
    assertMoney(ip.monthly_cost, 3.65); // 730 × 0.005
    assert.equal(r.status, 'priced');
  });

  it('charges an address attached to a running instance too (the pre-2024 free first address is gone)', async () => {
    const r = await costOf({
      region: 'ap-southeast-2',
      resources: [
        {
          address: 'aws_eip.web',
          after: { domain: 'vpc', instance: 'i-0123456789abcdef0', public_ipv4_pool: 'amazon' },
        },
      ],
    });
    assertMoney(r.monthly_after, 3.65); // 730 × 0.005, the same in every region
  });

  it('does not price a BYOIP address, and says why', async () => {
    const r = await costOf({
      resources: [
        { address: 'aws_eip.own', after: { domain: 'vpc', public_ipv4_pool: 'ipv4pool-ec2-0123abcd' } },
      ],
    });
    const ip = component(r, /^Public IPv4 address$/);
    assert.equal(ip.state, 'not-priced');
    assert.match(
      ip.reason ?? '',
      /BYOIP pool ipv4pool-ec2-0123abcd: AWS does not charge its public IPv4 rate/,
    );
    assert.equal(r.status, 'not-priced');
  });

  it('keeps a pool chosen by an expression unknown until apply', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_eip.x',
          after: { domain: 'vpc' },
          after_unknown: { public_ipv4_pool: true },
          expressions: { public_ipv4_pool: { references: ['aws_ec2_public_ipv4_pool.mine.id'] } },
        },
      ],
    });
    const ip = component(r, /^Public IPv4 address$/);
    assert.equal(ip.state, 'unknown');
    assert.equal(ip.reason, 'public_ipv4_pool is known only after apply');
    assert.equal(ip.monthly_cost, null);
  });

  it('removes the charge when the address is released', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_eip.old',
          actions: ['delete'],
          before: { domain: 'vpc', public_ipv4_pool: 'amazon', public_ip: '203.0.113.7' },
        },
      ],
    });
    assertMoney(r.monthly_before, 3.65); // 730 × 0.005
    assertMoney(r.monthly_after, 0);
    assertMoney(r.monthly_delta, -3.65);
  });

  it('prices the three NAT addresses of a real registry-module plan', async () => {
    const { report } = await checkJson([
      '--plan',
      join(PLANS, 'tfcompliance-vpc-registry-module.json'),
      '--policy',
      writePolicy('version: 1\n'),
      '--fail-on',
      'never',
    ]);
    const eips = report.resources.filter((r) => r.type === 'aws_eip');
    assert.equal(eips.length, 3);
    for (const r of eips) {
      assert.equal(r.status, 'priced', r.address);
      assertMoney(r.monthly_after, 3.65); // 730 × 0.005
    }
  });
});
