import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf } from './harness.ts';

// Storage for engines without instance prices, gp3 baselines by engine, and the default storage type.
// Prices from the bundled catalog: RDS storage, IOPS and throughput in us-east-1 (2024-07-01 infracost
// goldens) and eu-west-1 (2023-02-23 AWS Price List dump); they do not depend on the engine.
const db = (after: Record<string, unknown>, region = 'us-east-1', extra: Partial<ChangeSpec> = {}) =>
  costOf({ region, resources: [{ address: 'aws_db_instance.db', after, ...extra }] });

const costs = (r: Awaited<ReturnType<typeof db>>) =>
  r.components.map((c) => [c.name, c.state, c.monthly_quantity, c.monthly_cost]);

describe('aws_db_instance storage for engines the catalog has no instance prices for', () => {
  it('prices SQL Server storage and names the instance hours as not priced', async () => {
    const r = await db({
      engine: 'sqlserver-se',
      instance_class: 'db.m5.xlarge',
      license_model: 'license-included',
      storage_type: 'gp2',
      allocated_storage: 100,
    });
    assert.deepEqual(costs(r), [
      ['Database instance (db.m5.xlarge, sqlserver-se, Single-AZ)', 'not-priced', 730, null],
      ['Storage (gp2, Single-AZ)', 'priced', 100, 11.5], // 100 × 0.115
    ]);
    assert.equal(
      component(r, /^Database instance/).reason,
      'the catalog has no instance prices for engine "sqlserver-se" (it has MySQL, PostgreSQL and MariaDB)',
    );
    assert.equal(r.status, 'partial');
    assertMoney(r.monthly_after, 11.5);
  });

  it('bills Oracle gp3 above the 12,000 / 500 baseline from 200 GB, where MySQL is still at 3,000 / 125', async () => {
    const after = {
      instance_class: 'db.m5.large',
      multi_az: true,
      storage_type: 'gp3',
      allocated_storage: 300,
      iops: 15000,
      storage_throughput: 600,
    };
    const oracle = await db({ ...after, engine: 'oracle-se2' }, 'eu-west-1');
    assert.deepEqual(costs(oracle).slice(1), [
      ['Storage (gp3, Multi-AZ)', 'priced', 300, 76.2], // 300 × 0.254
      ['Provisioned IOPS above 12000 (gp3, Multi-AZ)', 'priced', 3000, 132], // 3000 × 0.044
      ['Provisioned throughput above 500 (gp3, Multi-AZ)', 'priced', 100, 17.7], // 100 × 0.177
    ]);
    assertMoney(oracle.monthly_after, 225.9);
    const mysql = await db({ ...after, engine: 'mysql' }, 'eu-west-1');
    assert.deepEqual(costs(mysql).slice(2), [
      ['Provisioned IOPS above 3000 (gp3, Multi-AZ)', 'priced', 12000, 528], // 12000 × 0.044
      ['Provisioned throughput above 125 (gp3, Multi-AZ)', 'priced', 475, 84.075], // 475 × 0.177
    ]);
  });

  it('keeps SQL Server gp3 at the 3,000 / 125 baseline at any size: its storage is not striped', async () => {
    const r = await db(
      {
        engine: 'sqlserver-ex',
        instance_class: 'db.t3.small',
        storage_type: 'gp3',
        allocated_storage: 500,
        iops: 12000,
        storage_throughput: 500,
      },
      'eu-west-1',
    );
    assert.deepEqual(costs(r).slice(1), [
      ['Storage (gp3, Single-AZ)', 'priced', 500, 63.5], // 500 × 0.127
      ['Provisioned IOPS above 3000 (gp3, Single-AZ)', 'priced', 9000, 198], // 9000 × 0.022
      ['Provisioned throughput above 125 (gp3, Single-AZ)', 'priced', 375, 33], // 375 × 0.088
    ]);
  });

  it('prices io1 storage and IOPS for SQL Server, Multi-AZ at 2 × the Single-AZ price', async () => {
    const r = await db({
      engine: 'sqlserver-se',
      instance_class: 'db.m5.xlarge',
      multi_az: true,
      storage_type: 'io1',
      allocated_storage: 100,
      iops: 1000,
    });
    assertMoney(component(r, /^Storage \(io1, Multi-AZ\)/).monthly_cost, 25); // 100 × 2 × 0.125
    assertMoney(component(r, /^Provisioned IOPS \(io1, Multi-AZ\)/).monthly_cost, 200); // 1000 × 2 × 0.1
    assert.equal(r.status, 'partial');
  });

  it('leaves gp3 extras unknown from 200 GB while the engine is unknown, but not below', async () => {
    const after = { instance_class: 'db.m5.large', storage_type: 'gp3', iops: 6000 };
    const unknownEngine = {
      after_unknown: { engine: true },
      expressions: { engine: { references: ['var.engine'] } },
    };
    const big = await db({ ...after, allocated_storage: 250 }, 'us-east-1', unknownEngine);
    const iops = component(big, /^Provisioned IOPS/);
    assert.equal(iops.name, 'Provisioned IOPS above the baseline (gp3, Single-AZ)');
    assert.equal(iops.state, 'unknown');
    assert.equal(iops.reason, 'engine is known only after apply');
    const small = await db({ ...after, allocated_storage: 150 }, 'us-east-1', unknownEngine);
    assertMoney(component(small, /^Provisioned IOPS above 3000/).monthly_cost, 60); // 3000 × 0.02
    assertMoney(small.monthly_after, 77.25); // 150 × 0.115 + 60; the instance is unknown
  });

  it('prices nothing but the Aurora instance note for an Aurora engine: storage is the cluster’s', async () => {
    const r = await db({ engine: 'aurora-postgresql', instance_class: 'db.r6g.large', allocated_storage: 1 });
    assert.deepEqual(
      r.components.map((c) => c.name),
      ['Database instance (db.r6g.large, aurora-postgresql)'],
    );
    assert.equal(r.status, 'not-priced');
  });
});

describe('aws_db_instance storage type left to the default', () => {
  const mysql = { engine: 'mysql', instance_class: 'db.m5.large', multi_az: true, allocated_storage: 100 };

  it('prices gp2 when the configuration does not set storage_type, and says it is the default', async () => {
    const r = await db(mysql, 'eu-west-1', { after_unknown: { storage_type: true } });
    const storage = component(r, /^Storage/);
    assert.equal(storage.name, 'Storage (gp2, Multi-AZ)');
    assertMoney(storage.monthly_cost, 25.3); // 100 × 0.253
    assert.equal(storage.note, 'storage_type is not set: gp2, the default');
    assert.equal(r.status, 'priced');
    assertMoney(r.monthly_after, 301.24); // 730 × 0.378 + 25.3
  });

  it('keeps a storage_type the configuration sets but only apply knows unknown, never gp2', async () => {
    const r = await db(mysql, 'eu-west-1', {
      after_unknown: { storage_type: true },
      expressions: { storage_type: { references: ['var.storage_type'] } },
    });
    const storage = component(r, /^Storage/);
    assert.equal(storage.name, 'Storage (type unknown, Multi-AZ)');
    assert.equal(storage.state, 'unknown');
    assert.equal(storage.reason, 'storage_type is known only after apply');
    assert.equal(storage.monthly_cost, null);
    assert.equal(r.status, 'partial');
    assertMoney(r.monthly_after, 275.94); // the instance only: 730 × 0.378
  });

  it('defaults to io1 when iops is set, and adds the note before the price note', async () => {
    const r = await db({ ...mysql, engine: 'postgres', iops: 1000 }, 'us-east-1', {
      after_unknown: { storage_type: true },
    });
    const storage = component(r, /^Storage \(io1, Multi-AZ\)/);
    assertMoney(storage.monthly_cost, 25); // 100 × 2 × 0.125
    assert.equal(
      storage.note,
      'storage_type is not set: io1, the default when iops is set; 2 × the Single-AZ price',
    );
  });

  it('adds no note when storage_type is written', async () => {
    const r = await db({ ...mysql, storage_type: 'gp3' }, 'eu-west-1');
    const storage = component(r, /^Storage \(gp3, Multi-AZ\)/);
    assertMoney(storage.monthly_cost, 25.4); // 100 × 0.254
    assert.equal(storage.note, undefined);
  });
});
