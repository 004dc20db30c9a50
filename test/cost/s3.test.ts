import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMoney, component, costOf } from './harness.ts';

// Prices from data/pricing-facts/services.json: S3 in us-east-1 (infracost goldens, 2024-07-01) and
// Standard storage in eu-west-2 (same source). The catalog holds only the first Standard tier.
const bucket = (values?: Record<string, number>, region = 'us-east-1') =>
  costOf({
    region,
    resources: [{ address: 'aws_s3_bucket.b', after: { bucket: 'b' } }],
    ...(values
      ? {
          usage: `version: 1\nresource_usage:\n  aws_s3_bucket.b:\n${Object.entries(values)
            .map(([k, v]) => `    ${k}: ${v}\n`)
            .join('')}`,
        }
      : {}),
  });

describe('aws_s3_bucket', () => {
  it('shows storage and requests as usage not given, never a silent $0', async () => {
    const r = await bucket();
    assert.deepEqual(
      r.components.map((c) => [c.name, c.state, c.reason]),
      [
        ['Storage (Standard)', 'usage-not-given', 'usage not given: set storage_gb in the usage file'],
        [
          'PUT, COPY, POST, LIST requests',
          'usage-not-given',
          'usage not given: set monthly_tier_1_requests in the usage file',
        ],
        [
          'GET, SELECT and other requests',
          'usage-not-given',
          'usage not given: set monthly_tier_2_requests in the usage file',
        ],
      ],
    );
  });

  it('prices every storage class and both request tiers from usage', async () => {
    const r = await bucket({
      storage_gb: 1000,
      standard_ia_storage_gb: 30000,
      onezone_ia_storage_gb: 40000,
      glacier_storage_gb: 50000,
      deep_archive_storage_gb: 60000,
      monthly_tier_1_requests: 100000,
      monthly_tier_2_requests: 1000000,
    });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_quantity, c.monthly_cost]),
      [
        ['Storage (Standard)', 1000, 23], // × 0.023
        ['Storage (Standard-IA)', 30000, 375], // × 0.0125
        ['Storage (One Zone-IA)', 40000, 400], // × 0.01
        ['Storage (Glacier Flexible Retrieval)', 50000, 180], // × 0.0036
        ['Storage (Glacier Deep Archive)', 60000, 59.4], // × 0.00099
        ['PUT, COPY, POST, LIST requests', 100, 0.5], // 100k requests = 100 × 1k × 0.005
        ['GET, SELECT and other requests', 1000, 0.4], // 1M requests = 1000 × 1k × 0.0004
      ],
    );
    assertMoney(r.monthly_after, 1038.3);
  });

  it('prices Standard storage above 50 TB at each tier’s own price, never the first tier’s', async () => {
    const r = await bucket({ storage_gb: 600000 });
    const tiers = r.components.filter((c) => c.name.startsWith('Storage'));
    assert.deepEqual(
      tiers.map((c) => [c.name, c.monthly_quantity, c.state, c.monthly_cost]),
      [
        ['Storage (Standard, first 50 TB)', 51200, 'priced', 1177.6], // 51,200 GB × 0.023
        ['Storage (Standard, next 450 TB)', 460800, 'priced', 10137.6], // 460,800 GB × 0.022
        ['Storage (Standard, over 500 TB)', 88000, 'priced', 1848], // 88,000 GB × 0.021
      ],
    );
    assert.equal(r.status, 'priced');
    assertMoney(r.monthly_after, 13163.2);
  });

  it('prices eu-west-2 storage and requests at eu-west-2’s prices; a region without S3 prices says so', async () => {
    const r = await bucket({ storage_gb: 100, monthly_tier_1_requests: 1000 }, 'eu-west-2');
    assertMoney(component(r, /^Storage \(Standard\)/).monthly_cost, 2.4); // 100 × 0.024
    assertMoney(component(r, /^PUT/).monthly_cost, 0.0053); // 1 × 1k requests × 0.0053
    const cape = await bucket({ storage_gb: 100 }, 'af-south-1');
    const storage = component(cape, /^Storage \(Standard\)/);
    assert.equal(storage.state, 'not-priced');
    assert.match(storage.reason ?? '', /no catalog price for s3\/storage\/standard in af-south-1/);
  });
});
