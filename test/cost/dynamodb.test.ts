import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkJson, PLANS } from '../helpers/cli.ts';
import { writePolicy } from '../helpers/plan.ts';
import type { ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf, costReport } from './harness.ts';

// Prices from data/pricing-facts/services.json: DynamoDB in us-east-2 only (infracost goldens,
// 2024-11-15). us-east-1 has none in the catalog.
const usage = (address: string, values: Record<string, number>) =>
  `version: 1\nresource_usage:\n  ${address}:\n${Object.entries(values)
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join('')}`;
const table = (after: Record<string, unknown>, region = 'us-east-2', extra: Partial<ChangeSpec> = {}) =>
  costOf({ region, resources: [{ address: 'aws_dynamodb_table.t', after, ...extra }] });

describe('aws_dynamodb_table', () => {
  it('the infracost plan’s us-east-1 table: capacity from us-east-1’s own prices, storage: usage not given, and no price there either', async () => {
    const { report } = await checkJson([
      '--plan',
      join(PLANS, 'infracost-default-tags.json'),
      '--policy',
      writePolicy('version: 1\n'),
      '--fail-on',
      'never',
    ]);
    const t = report.resources.find((r) => r.address === 'aws_dynamodb_table.autoscale_dynamodb_table');
    assert.ok(t);
    // Storage costs nothing until usage gives it: the missing price is said, not a gap in the total.
    assert.equal(t.status, 'priced');
    assert.deepEqual(
      t.components.map((c) => [c.name, c.state]),
      [
        ['Read capacity (30 RCU)', 'priced'],
        ['Write capacity (20 WCU)', 'priced'],
        ['Data storage', 'usage-not-given'],
      ],
    );
    // us-east-1 capacity prices (awslabs/amazon-dynamodb-tools, 2022-12-21), not us-east-2's.
    assert.equal(component(t, /^Read capacity/).price_as_of, '2022-12-21');
    assert.equal(t.monthly_after, 12.337); // 30 × 730 × 0.00013 + 20 × 730 × 0.00065
    assert.equal(
      component(t, /^Data storage/).reason,
      'usage not given: set storage_gb in the usage file; then it needs a price too (no catalog price for dynamodb/storage in us-east-1; run `tollgate pricing refresh`)',
    );
    assert.ok(!report.findings.some((f) => f.rule === 'cost.price_missing' && f.address === t.address));
  });

  it('prices the same provisioned table in us-east-2: capacity units every hour', async () => {
    const r = await table(
      { billing_mode: 'PROVISIONED', read_capacity: 30, write_capacity: 20 },
      'us-east-2',
      {
        after_unknown: { point_in_time_recovery: true },
      },
    );
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_quantity, c.state, c.monthly_cost]),
      [
        ['Read capacity (30 RCU)', 21900, 'priced', 2.847], // 30 × 730 × 0.00013
        ['Write capacity (20 WCU)', 14600, 'priced', 9.49], // 20 × 730 × 0.00065
        ['Data storage', null, 'usage-not-given', null],
      ],
    );
  });

  it('on-demand: request units, storage and point-in-time recovery from usage', async () => {
    const r = await costOf({
      region: 'us-east-2',
      resources: [
        {
          address: 'aws_dynamodb_table.t',
          after: { billing_mode: 'PAY_PER_REQUEST', point_in_time_recovery: [{ enabled: true }] },
        },
      ],
      usage: usage('aws_dynamodb_table.t', {
        monthly_read_request_units: 8_000_000,
        monthly_write_request_units: 3_000_000,
        storage_gb: 10,
        pitr_backup_storage_size_gb: 10,
      }),
    });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_cost]),
      [
        ['Read request units', 1], // 8M × 0.125 per 1M
        ['Write request units', 1.875], // 3M × 0.625 per 1M
        ['Data storage', 2.5], // 10 × 0.25
        ['Point-in-time recovery backup storage', 2], // 10 × 0.20
      ],
    );
  });

  it('adds the capacity of global secondary indexes', async () => {
    const r = await table({
      read_capacity: 10,
      write_capacity: 10,
      global_secondary_index: [{ name: 'by_user', read_capacity: 5, write_capacity: 5 }],
    });
    assertMoney(component(r, /^Read capacity \(index by_user, 5 RCU\)/).monthly_cost, 0.4745); // 5 × 730 × 0.00013
    assertMoney(component(r, /^Write capacity \(index by_user, 5 WCU\)/).monthly_cost, 2.3725); // 5 × 730 × 0.00065
    assertMoney(r.monthly_after, 8.541); // 0.949 + 4.745 for the table (10 RCU, 10 WCU) + 0.4745 + 2.3725
  });

  it('bills a replica’s read capacity at its own region’s price, and names replicated writes as not priced', async () => {
    const report = await costReport({
      region: 'af-south-1',
      resources: [
        {
          address: 'aws_dynamodb_table.t',
          after: {
            billing_mode: 'PROVISIONED',
            read_capacity: 30,
            write_capacity: 20,
            replica: [{ region_name: 'us-east-2' }],
          },
        },
      ],
    });
    const r = report.resources[0];
    assert.ok(r);
    assert.equal(component(r, /^Read capacity \(30 RCU\)/).state, 'not-priced'); // af-south-1: no price
    const replicaRead = component(r, /^Replica read capacity \(us-east-2, 30 RCU\)/);
    assertMoney(replicaRead.monthly_cost, 2.847); // 30 × 730 × 0.00013, us-east-2's price
    const replicatedWrites = component(r, /^Replica replicated write capacity \(us-east-2, 20 rWCU\)/);
    assert.equal(replicatedWrites.state, 'not-priced');
    assert.match(replicatedWrites.reason ?? '', /rWCU/);
    assert.equal(component(r, /^Replica data storage \(us-east-2\)/).state, 'usage-not-given');
  });

  it('does not price the Standard-IA table class as Standard, and keeps unknown capacity unknown', async () => {
    const ia = await table({
      read_capacity: 5,
      write_capacity: 5,
      table_class: 'STANDARD_INFREQUENT_ACCESS',
    });
    assert.equal(ia.status, 'not-priced');
    assert.equal(component(ia, /^Data storage/).state, 'usage-not-given');
    assert.match(component(ia, /^Read capacity/).reason ?? '', /STANDARD_INFREQUENT_ACCESS table class/);
    const unknown = await table({ write_capacity: 5 }, 'us-east-2', {
      after_unknown: { read_capacity: true },
    });
    assert.equal(component(unknown, /^Read capacity/).state, 'unknown');
    assert.equal(component(unknown, /^Read capacity/).reason, 'read_capacity is known only after apply');
  });
});
