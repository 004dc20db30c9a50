import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf } from './harness.ts';

// Prices from data/pricing-facts/services.json: CloudWatch Logs in us-east-1 (infracost goldens,
// 2024-07-01) and eu-west-1 (AWS Price List dump, 2023-02-23); KMS, Secrets Manager, SQS and
// Route 53 from the us-east-1 infracost goldens (Route 53's price is global).
const usage = (address: string, values: Record<string, number>) =>
  `version: 1\nresource_usage:\n  ${address}:\n${Object.entries(values)
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join('')}`;
const one = (
  address: string,
  after: Record<string, unknown>,
  options: { region?: string; values?: Record<string, number>; extra?: Partial<ChangeSpec> } = {},
) =>
  costOf({
    region: options.region ?? 'us-east-1',
    resources: [{ address, after, ...options.extra }],
    ...(options.values ? { usage: usage(address, options.values) } : {}),
  });

describe('aws_cloudwatch_log_group', () => {
  const values = { monthly_data_ingested_gb: 100, storage_gb: 500, monthly_data_scanned_gb: 1000 };

  it('prices ingestion, storage and Insights scans from usage in us-east-1 and eu-west-1', async () => {
    const us = await one('aws_cloudwatch_log_group.l', { retention_in_days: 30 }, { values });
    assert.deepEqual(
      us.components.map((c) => [c.name, c.monthly_cost]),
      [
        ['Data ingested', 50], // 100 × 0.50
        ['Archival storage', 15], // 500 × 0.03
        ['Logs Insights data scanned', 5], // 1000 × 0.005
      ],
    );
    const eu = await one('aws_cloudwatch_log_group.l', {}, { region: 'eu-west-1', values });
    assertMoney(eu.monthly_after, 77.7); // 100 × 0.57 + 500 × 0.03 + 1000 × 0.0057
  });

  it('usage not given without usage; the Infrequent Access class is not priced as Standard', async () => {
    const none = await one(
      'aws_cloudwatch_log_group.l',
      {},
      { extra: { after_unknown: { log_group_class: true } } },
    );
    assert.deepEqual(
      none.components.map((c) => c.state),
      ['usage-not-given', 'usage-not-given', 'usage-not-given'],
    );
    const ia = await one('aws_cloudwatch_log_group.l', { log_group_class: 'INFREQUENT_ACCESS' }, { values });
    assert.equal(ia.status, 'not-priced');
    assert.equal(
      component(ia, /^Data ingested \(INFREQUENT_ACCESS\)/).reason,
      'the INFREQUENT_ACCESS log class has prices of its own, not in the catalog',
    );
  });
});

describe('aws_kms_key', () => {
  it('one key-month, symmetric requests from usage', async () => {
    const r = await one('aws_kms_key.k', { is_enabled: false }, { values: { monthly_requests: 1_000_000 } });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_quantity, c.monthly_cost]),
      [
        ['Customer managed key', 1, 1], // a disabled key is still billed
        ['Requests (symmetric)', 100, 3], // 1M requests = 100 × 10k × 0.03
      ],
    );
  });

  it('asymmetric specs: $1 a month all the same, requests by spec', async () => {
    const rsa3072 = await one(
      'aws_kms_key.k',
      { customer_master_key_spec: 'RSA_3072', enable_key_rotation: false },
      { values: { monthly_requests: 1_000_000 } },
    );
    assertMoney(component(rsa3072, /^Customer managed key/).monthly_cost, 1);
    assertMoney(component(rsa3072, /^Requests \(asymmetric\)/).monthly_cost, 15); // 100 × 0.15
    const rsa2048 = await one('aws_kms_key.k', { customer_master_key_spec: 'RSA_2048' });
    const requests = component(rsa2048, /^Requests \(RSA 2048\)/);
    assert.equal(requests.state, 'usage-not-given');
    assert.match(requests.reason ?? '', /no catalog price for kms\/requests\/rsa-2048 in us-east-1/);
    const given = await one(
      'aws_kms_key.k',
      { customer_master_key_spec: 'RSA_2048' },
      { values: { monthly_requests: 1000 } },
    );
    assert.equal(component(given, /^Requests \(RSA 2048\)/).state, 'not-priced');
  });

  it('notes the cost rotation adds later; no borrowed price outside us-east-1', async () => {
    const rotated = await one('aws_kms_key.k', { enable_key_rotation: true });
    assert.match(component(rotated, /^Customer managed key/).note ?? '', /rotation adds \$1\/month/);
    const eu = await one('aws_kms_key.k', {}, { region: 'eu-west-1' });
    assert.match(
      component(eu, /^Customer managed key/).reason ?? '',
      /no catalog price for kms\/key in eu-west-1/,
    );
  });

  it('a destroyed key costs nothing after: it is scheduled for deletion, which is not billed', async () => {
    const r = await costOf({
      resources: [
        { address: 'aws_kms_key.k', actions: ['delete'], before: { key_usage: 'ENCRYPT_DECRYPT' } },
      ],
    });
    assertMoney(r.monthly_before, 1);
    assertMoney(r.monthly_after, 0);
    assertMoney(r.monthly_delta, -1);
  });
});

describe('aws_secretsmanager_secret', () => {
  it('a secret-month and API requests from usage', async () => {
    const r = await one('aws_secretsmanager_secret.s', {}, { values: { monthly_requests: 100_000 } });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_cost]),
      [
        ['Secret', 0.4],
        ['API requests', 0.5], // 100k requests = 10 × 10k × 0.05
      ],
    );
  });

  it('bills each replica as a secret in its own region', async () => {
    const r = await one(
      'aws_secretsmanager_secret.s',
      { replica: [{ region: 'us-east-1' }, { region: 'eu-west-1' }] },
      { region: 'eu-west-1' },
    );
    // The secret itself is in eu-west-1, which the catalog does not price.
    assert.equal(component(r, /^Secret$/).state, 'not-priced');
    assertMoney(component(r, /^Replica secret \(us-east-1\)/).monthly_cost, 0.4); // us-east-1's price
    const eu = component(r, /^Replica secret \(eu-west-1\)/);
    assert.equal(eu.state, 'not-priced');
    assert.match(eu.reason ?? '', /no catalog price for secretsmanager\/secret in eu-west-1/);
  });
});

describe('aws_sqs_queue', () => {
  it('standard and FIFO requests from usage; the free million is not subtracted', async () => {
    const values = { monthly_requests: 10_000_000 };
    const standard = await one('aws_sqs_queue.q', { fifo_queue: false }, { values });
    assert.deepEqual(
      standard.components.map((c) => [c.name, c.monthly_quantity, c.monthly_cost]),
      [['Requests (standard)', 10, 4]], // 10M = 10 × 0.40
    );
    const fifo = await one('aws_sqs_queue.q', { fifo_queue: true }, { values });
    assertMoney(component(fifo, /^Requests \(FIFO\)/).monthly_cost, 5); // 10 × 0.50
    const none = await one('aws_sqs_queue.q', {});
    assert.equal(component(none, /^Requests \(standard\)/).state, 'usage-not-given');
    const eu = await one('aws_sqs_queue.q', {}, { region: 'eu-west-1', values });
    assert.match(
      component(eu, /^Requests/).reason ?? '',
      /no catalog price for sqs\/requests\/standard in eu-west-1/,
    );
  });
});

describe('aws_route53_zone', () => {
  it('a zone-month at the global first-tier price, in any region', async () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const r = await one('aws_route53_zone.z', { name: 'example.com' }, { region });
      const zone = component(r, /^Hosted zone/);
      assertMoney(zone.monthly_cost, 0.5);
      assert.equal(zone.note, 'first-tier price (the first 25 hosted zones of an account)');
    }
  });
});
