import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf } from './harness.ts';

// Lambda prices (us-east-1 only, infracost golden 2024-07-01): $0.20 per 1M requests; duration per
// GB-second x86_64 0.0000166667 / 0.000015 / 0.0000133334 and arm64 0.0000133334 / 0.0000120001 /
// 0.0000106667 by monthly tier; ephemeral storage 0.0000000309 per GB-second.
const usage = (values: Record<string, number>) =>
  [
    'version: 1',
    'resource_usage:',
    '  aws_lambda_function.fn:',
    ...Object.entries(values).map(([k, v]) => `    ${k}: ${v}`),
  ].join('\n') + '\n';

const fn = (after: Record<string, unknown>, extra: Partial<ChangeSpec> = {}): ChangeSpec => ({
  address: 'aws_lambda_function.fn',
  after: { function_name: 'fn', runtime: 'nodejs20.x', ...after },
  ...extra,
});

describe('aws_lambda_function', () => {
  it('without usage, requests and duration are "usage not given", never folded in as $0', async () => {
    const r = await costOf({ resources: [fn({ memory_size: 512, architectures: ['x86_64'] })] });
    assert.equal(
      component(r, /^Requests$/).reason,
      'usage not given: set monthly_requests in the usage file',
    );
    const duration = component(r, /^Duration \(x86_64\)$/);
    assert.equal(duration.state, 'usage-not-given');
    assert.equal(
      duration.reason,
      'usage not given: set monthly_requests and request_duration_ms in the usage file',
    );
    assert.equal(r.status, 'priced');
    assertMoney(r.monthly_after, 0);
  });

  it('requests and GB-seconds from monthly_requests and request_duration_ms', async () => {
    const r = await costOf({
      resources: [fn({ memory_size: 1024, architectures: ['x86_64'] })],
      usage: usage({ monthly_requests: 10_000_000, request_duration_ms: 200 }),
    });
    assertMoney(component(r, /^Requests$/).monthly_cost, 2); // 10 × 0.20
    const duration = component(r, /^Duration \(x86_64, first 6B GB-seconds\)$/);
    assert.equal(duration.monthly_quantity, 2_000_000); // 10M × 0.2 s × 1 GB
    assertMoney(duration.monthly_cost, 33.3334); // 2M × 0.0000166667
    assertMoney(r.monthly_after, 35.3334);
  });

  it('splits x86_64 duration across the 6B and 15B GB-second tiers', async () => {
    const r = await costOf({
      resources: [fn({ memory_size: 4096 })], // architectures unset: x86_64
      usage: usage({ monthly_requests: 1_000_000_000, request_duration_ms: 5000 }), // 20B GB-seconds
    });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_quantity, c.monthly_cost]),
      [
        ['Requests', 1000, 200], // 1000 × 0.20
        ['Duration (x86_64, first 6B GB-seconds)', 6e9, 100000.2], // × 0.0000166667
        ['Duration (x86_64, next 9B GB-seconds)', 9e9, 135000], // × 0.000015
        ['Duration (x86_64, over 15B GB-seconds)', 5e9, 66667], // × 0.0000133334
      ],
    );
    assertMoney(r.monthly_after, 301867.2);
  });

  it('arm64 has its own rates and tier bounds (7.5B, 18.75B)', async () => {
    const r = await costOf({
      resources: [fn({ memory_size: 4096, architectures: ['arm64'] })],
      usage: usage({ monthly_requests: 1_000_000_000, request_duration_ms: 5000 }),
    });
    assert.deepEqual(
      r.components.slice(1).map((c) => [c.name, c.monthly_quantity, c.monthly_cost]),
      [
        ['Duration (arm64, first 7.5B GB-seconds)', 7.5e9, 100000.5], // × 0.0000133334
        ['Duration (arm64, next 11.25B GB-seconds)', 11.25e9, 135001.125], // × 0.0000120001
        ['Duration (arm64, over 18.75B GB-seconds)', 1.25e9, 13333.375], // × 0.0000106667
      ],
    );
    assertMoney(r.monthly_after, 248535);
  });

  it('memory defaults to 128 MB; ephemeral storage above 512 MB bills per GB-second', async () => {
    const small = await costOf({
      resources: [fn({})],
      usage: usage({ monthly_requests: 1_000_000, request_duration_ms: 100 }),
    });
    // 1M × 0.1 s × 0.125 GB = 12,500 GB-seconds.
    assertMoney(component(small, /^Duration/).monthly_cost, 0.20833375); // 12,500 × 0.0000166667
    assert.equal(
      small.components.some((c) => /Ephemeral/.test(c.name)),
      false,
    );
    const big = await costOf({
      resources: [fn({ memory_size: 1024, ephemeral_storage: [{ size: 10240 }] })],
      usage: usage({ monthly_requests: 10_000_000, request_duration_ms: 200 }),
    });
    const storage = component(big, /^Ephemeral storage above 512 MB$/);
    assert.equal(storage.monthly_quantity, 19_000_000); // (10240 − 512) / 1024 = 9.5 GB × 2M seconds
    assertMoney(storage.monthly_cost, 0.5871); // 19M × 0.0000000309
  });

  it('an unknown memory size is unknown; a region without Lambda prices says so', async () => {
    const unknown = await costOf({
      resources: [
        fn(
          {},
          {
            after_unknown: { memory_size: true },
            expressions: { memory_size: { references: ['var.memory'] } },
          },
        ),
      ],
      usage: usage({ monthly_requests: 1_000_000, request_duration_ms: 100 }),
    });
    const duration = component(unknown, /^Duration/);
    assert.equal(duration.state, 'unknown');
    assert.equal(duration.reason, 'memory_size is known only after apply');
    const eu = await costOf({
      region: 'me-south-1',
      resources: [fn({ memory_size: 128 })],
      usage: usage({ monthly_requests: 1_000_000, request_duration_ms: 100 }),
    });
    assert.equal(
      component(eu, /^Requests$/).reason,
      'no catalog price for lambda/requests in me-south-1; run `tollgate pricing refresh`',
    );
  });
});
