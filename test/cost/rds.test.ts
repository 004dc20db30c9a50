import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf, costReport } from './harness.ts';

// Prices from data/pricing-facts/services.json: RDS in us-east-1 (instances 2021-08-03 ec2instances.info,
// db.t3.large MySQL Multi-AZ and storage/IOPS from the 2024-07-01 infracost goldens) and eu-west-1
// (2023-02-23 AWS Price List dump, with explicit Multi-AZ prices); us-west-2 instances 2021-08-03.
const db = (after: Record<string, unknown>, region = 'us-east-1', extra: Partial<ChangeSpec> = {}) =>
  costOf({ region, resources: [{ address: 'aws_db_instance.db', after, ...extra }] });

describe('aws_db_instance', () => {
  it('prices a Multi-AZ instance with its explicit price and Multi-AZ gp2 storage', async () => {
    const r = await db({
      engine: 'mysql',
      instance_class: 'db.t3.large',
      multi_az: true,
      storage_type: 'gp2',
      allocated_storage: 100,
    });
    const instance = component(r, /^Database instance/);
    assert.equal(instance.name, 'Database instance (db.t3.large, MySQL, Multi-AZ)');
    assertMoney(instance.monthly_cost, 198.56); // 730 × 0.272, the Multi-AZ price itself
    assert.equal(instance.note, undefined);
    assert.equal(component(r, /^Storage/).name, 'Storage (gp2, Multi-AZ)');
    assertMoney(component(r, /^Storage/).monthly_cost, 23); // 100 × 0.23
    assert.equal(r.status, 'priced');
    assertMoney(r.monthly_after, 221.56);
  });

  it('doubles the Single-AZ price where the catalog has no Multi-AZ price, and says so', async () => {
    const r = await db(
      { engine: 'postgres', instance_class: 'db.t3.large', multi_az: true, allocated_storage: 20 },
      'ca-central-1',
    );
    const instance = component(r, /^Database instance/);
    assert.equal(instance.name, 'Database instance (db.t3.large, PostgreSQL, Multi-AZ)');
    assertMoney(instance.monthly_cost, 233.6); // 730 × (2 × 0.16)
    assert.equal(instance.unit_price, 0.32);
    assert.equal(instance.note, '2 × the Single-AZ price');
    // ca-central-1 has no RDS storage price: not priced, never borrowed from another region.
    const storage = component(r, /^Storage \(gp2, Multi-AZ\)/);
    assert.equal(storage.state, 'not-priced');
    assert.match(storage.reason ?? '', /no catalog price for rds\/storage\/gp2\/multi-az in ca-central-1/);
    assert.equal(r.status, 'partial');
  });

  it('uses eu-west-1 explicit Multi-AZ prices, which are not always 2 × Single-AZ', async () => {
    const r = await db(
      {
        engine: 'postgres',
        instance_class: 'db.m5.large',
        multi_az: true,
        storage_type: 'gp2',
        allocated_storage: 100,
      },
      'eu-west-1',
    );
    assertMoney(component(r, /^Database instance/).monthly_cost, 287.62); // 730 × 0.394
    assertMoney(component(r, /^Storage/).monthly_cost, 25.3); // 100 × 0.253, not 100 × 2 × 0.127
  });

  it('bills gp3 IOPS and throughput above the 12,000 / 500 baseline from 400 GB', async () => {
    const r = await db(
      {
        engine: 'mysql',
        instance_class: 'db.r6g.large',
        multi_az: true,
        storage_type: 'gp3',
        allocated_storage: 400,
        iops: 14000,
        storage_throughput: 600,
      },
      'eu-west-1',
    );
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_quantity, c.monthly_cost]),
      [
        ['Database instance (db.r6g.large, MySQL, Multi-AZ)', 730, 346.02], // 730 × 0.474
        ['Storage (gp3, Multi-AZ)', 400, 101.6], // 400 × 0.254
        ['Provisioned IOPS above 12000 (gp3, Multi-AZ)', 2000, 88], // 2000 × 0.044
        ['Provisioned throughput above 500 (gp3, Multi-AZ)', 100, 17.7], // 100 MiBps × 0.177
      ],
    );
  });

  it('bills nothing extra for gp3 at or below the 3,000 / 125 baseline under 400 GB', async () => {
    const r = await db(
      {
        engine: 'mariadb',
        instance_class: 'db.t4g.small',
        storage_type: 'gp3',
        allocated_storage: 200,
        iops: 3000,
        storage_throughput: 125,
      },
      'eu-west-1',
    );
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_cost]),
      [
        ['Database instance (db.t4g.small, MariaDB, Single-AZ)', 25.55], // 730 × 0.035
        ['Storage (gp3, Single-AZ)', 25.4], // 200 × 0.127
      ],
    );
  });

  it('treats gp3 IOPS left to AWS as the free baseline, and configured-but-unknown IOPS as unknown', async () => {
    const after = {
      engine: 'mysql',
      instance_class: 'db.t3.medium',
      storage_type: 'gp3',
      allocated_storage: 500,
    };
    const unknown = { iops: true, storage_throughput: true, multi_az: true };
    const defaulted = await db(after, 'us-east-1', { after_unknown: unknown });
    assert.deepEqual(
      defaulted.components.map((c) => c.name),
      ['Database instance (db.t3.medium, MySQL, Single-AZ)', 'Storage (gp3, Single-AZ)'],
    );
    assertMoney(defaulted.monthly_after, 107.14); // 730 × 0.068 + 500 × 0.115
    const configured = await db(after, 'us-east-1', {
      after_unknown: unknown,
      expressions: { iops: { references: ['var.iops'] } },
    });
    const iops = component(configured, /^Provisioned IOPS above 12000/);
    assert.equal(iops.state, 'unknown');
    assert.equal(iops.reason, 'iops is known only after apply');
    assert.equal(configured.status, 'partial');
  });

  it('io1: every provisioned IOPS, Multi-AZ doubled where only Single-AZ is listed', async () => {
    const multi = await db({
      engine: 'postgres',
      instance_class: 'db.m5.large',
      multi_az: true,
      storage_type: 'io1',
      allocated_storage: 100,
      iops: 1000,
    });
    assertMoney(component(multi, /^Storage \(io1, Multi-AZ\)/).monthly_cost, 25); // 100 × 2 × 0.125
    const iops = component(multi, /^Provisioned IOPS \(io1, Multi-AZ\)/);
    assertMoney(iops.monthly_cost, 200); // 1000 × 2 × 0.1
    assert.equal(iops.note, '2 × the Single-AZ price');
    const single = await db(
      {
        engine: 'postgres',
        instance_class: 'db.m5.large',
        storage_type: 'io1',
        allocated_storage: 100,
        iops: 1000,
      },
      'eu-west-1',
    );
    assertMoney(single.monthly_after, 267.61); // 730 × 0.197 + 100 × 0.138 + 1000 × 0.11
  });

  it('defaults the storage type to io1 when iops is given and gp2 when not', async () => {
    const io1 = await db(
      { engine: 'mysql', instance_class: 'db.t3.large', allocated_storage: 100, iops: 1000 },
      'us-east-1',
      {
        after_unknown: { storage_type: true },
        expressions: { iops: { constant_value: 1000 } },
      },
    );
    assert.equal(component(io1, /^Storage/).name, 'Storage (io1, Single-AZ)');
    const gp2 = await db(
      { engine: 'mysql', instance_class: 'db.t3.large', allocated_storage: 100 },
      'us-east-1',
      {
        after_unknown: { storage_type: true },
      },
    );
    assertMoney(component(gp2, /^Storage \(gp2, Single-AZ\)/).monthly_cost, 11.5); // 100 × 0.115
  });

  it('magnetic storage bills I/O requests from usage', async () => {
    const after = {
      engine: 'mysql',
      instance_class: 'db.t3.large',
      storage_type: 'standard',
      allocated_storage: 50,
    };
    const without = await db(after);
    assertMoney(component(without, /^Storage \(standard/).monthly_cost, 5); // 50 × 0.1
    const io = component(without, /^I\/O requests/);
    assert.equal(io.state, 'usage-not-given');
    assert.equal(io.reason, 'usage not given: set monthly_standard_io_requests in the usage file');
    const used = await costOf({
      resources: [{ address: 'aws_db_instance.db', after }],
      usage:
        'version: 1\nresource_usage:\n  aws_db_instance.db:\n    monthly_standard_io_requests: 25000000\n',
    });
    assertMoney(component(used, /^I\/O requests/).monthly_cost, 2.5); // 25 × 0.1 per 1M
  });

  it('prices a read replica like an instance, taking engine and storage from its source in the plan', async () => {
    const report = await costReport({
      resources: [
        {
          address: 'aws_db_instance.primary',
          after: {
            engine: 'mysql',
            instance_class: 'db.t3.large',
            storage_type: 'gp2',
            allocated_storage: 100,
          },
        },
        {
          address: 'aws_db_instance.replica',
          after: { instance_class: 'db.t3.large' },
          after_unknown: {
            replicate_source_db: true,
            engine: true,
            allocated_storage: true,
            storage_type: true,
            multi_az: true,
          },
          expressions: {
            replicate_source_db: {
              references: ['aws_db_instance.primary.identifier', 'aws_db_instance.primary'],
            },
          },
        },
      ],
    });
    const replica = report.resources.find((r) => r.address === 'aws_db_instance.replica');
    assert.ok(replica);
    assert.equal(replica.status, 'priced');
    assertMoney(replica.monthly_after, 110.78); // 730 × 0.136 + 100 × 0.115
    assert.equal(
      component(replica, /^Database instance/).name,
      'Database instance (db.t3.large, MySQL, Single-AZ)',
    );
  });

  it('says why a replica of a database outside the plan has no storage size', async () => {
    const r = await db(
      {
        engine: 'postgres',
        instance_class: 'db.t3.medium',
        replicate_source_db: 'arn:aws:rds:us-east-1:1:db:main',
      },
      'us-east-1',
      { after_unknown: { allocated_storage: true, storage_type: true } },
    );
    assertMoney(component(r, /^Database instance/).monthly_cost, 52.56); // 730 × 0.072
    const storage = component(r, /^Storage/);
    assert.equal(storage.state, 'unknown');
    // Its storage type is the source's, which is not in the plan.
    assert.equal(storage.reason, 'storage_type is known only after apply');
    const sized = await db({
      engine: 'postgres',
      instance_class: 'db.t3.medium',
      storage_type: 'gp2',
      replicate_source_db: 'arn:aws:rds:us-east-1:1:db:main',
    });
    assert.equal(
      component(sized, /^Storage/).reason,
      'allocated_storage is not set: a read replica takes it from its source, which is not in the plan',
    );
  });

  it('does not price Oracle, SQL Server or Aurora instances as MySQL', async () => {
    const oracle = await db({ engine: 'oracle-se2', instance_class: 'db.m5.large', allocated_storage: 100 });
    // Its storage is priced (test/cost/rds-storage.test.ts); its instance hours are not.
    assert.equal(oracle.status, 'partial');
    const instance = component(oracle, /^Database instance/);
    assert.equal(instance.state, 'not-priced');
    assert.match(instance.reason ?? '', /no instance prices for engine "oracle-se2"/);
    const aurora = await db({ engine: 'aurora-mysql', instance_class: 'db.r6g.large' });
    assert.match(component(aurora, /^Database instance/).reason ?? '', /aws_rds_cluster_instance/);
  });

  it('keeps an unknown class or engine unknown, never $0', async () => {
    const r = await db({ engine: 'mysql', allocated_storage: 20 }, 'us-east-1', {
      after_unknown: { instance_class: true },
    });
    const instance = component(r, /^Database instance/);
    assert.equal(instance.state, 'unknown');
    assert.equal(instance.reason, 'instance_class is known only after apply');
    assert.equal(instance.monthly_cost, null);
    assertMoney(component(r, /^Storage/).monthly_cost, 2.3); // 20 × 0.115
  });

  it('prices before and after an instance class change', async () => {
    const r = await costOf({
      region: 'eu-west-1',
      resources: [
        {
          address: 'aws_db_instance.db',
          actions: ['update'],
          before: {
            engine: 'mysql',
            instance_class: 'db.t3.medium',
            storage_type: 'gp2',
            allocated_storage: 50,
          },
          after: {
            engine: 'mysql',
            instance_class: 'db.t3.large',
            storage_type: 'gp2',
            allocated_storage: 50,
          },
        },
      ],
    });
    assertMoney(r.monthly_before, 58.91); // 730 × 0.072 + 50 × 0.127
    assertMoney(r.monthly_after, 111.47); // 730 × 0.144 + 50 × 0.127
    assertMoney(r.monthly_delta, 52.56);
  });
});

const usage = (address: string, values: Record<string, number>) =>
  `version: 1\nresource_usage:\n  ${address}:\n${Object.entries(values)
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join('')}`;

describe('aws_rds_cluster_instance', () => {
  const cluster = (after: Record<string, unknown>, extra: Partial<ChangeSpec> = {}): ChangeSpec => ({
    address: 'aws_rds_cluster.main',
    after: { engine: 'aurora-mysql', cluster_identifier: 'main', ...after },
    ...extra,
  });
  const member = (after: Record<string, unknown>, extra: Partial<ChangeSpec> = {}): ChangeSpec => ({
    address: 'aws_rds_cluster_instance.one',
    after: { engine: 'aurora-mysql', ...after },
    after_unknown: { cluster_identifier: true },
    expressions: { cluster_identifier: { references: ['aws_rds_cluster.main.id', 'aws_rds_cluster.main'] } },
    ...extra,
  });
  const instanceOf = async (resources: ChangeSpec[], region = 'us-east-1', usageYaml?: string) => {
    const report = await costReport({ region, resources, ...(usageYaml ? { usage: usageYaml } : {}) });
    const found = report.resources.find((r) => r.address === 'aws_rds_cluster_instance.one');
    assert.ok(found);
    return found;
  };

  it('prices an instance of an Aurora Standard cluster (storage type left to AWS)', async () => {
    const r = await instanceOf([
      cluster({}, { after_unknown: { storage_type: true } }),
      member({ instance_class: 'db.r6g.large' }),
    ]);
    const instance = component(r, /^Database instance/);
    assert.equal(instance.name, 'Database instance (db.r6g.large, Aurora MySQL, Standard)');
    assertMoney(instance.monthly_cost, 189.8); // 730 × 0.26
    assert.equal(instance.note, undefined);
  });

  it('does not price an I/O-Optimized cluster instance at the Standard rate', async () => {
    const r = await instanceOf([
      cluster({ storage_type: 'aurora-iopt1' }),
      member({ instance_class: 'db.r6g.large' }),
    ]);
    const instance = component(r, /^Database instance/);
    assert.equal(instance.name, 'Database instance (db.r6g.large, Aurora MySQL, I/O-Optimized)');
    assert.equal(instance.state, 'not-priced');
    assert.match(
      instance.reason ?? '',
      /no catalog price for rds\/instance\/aurora-mysql\/cluster-iopt1\/db\.r6g\.large in us-east-1/,
    );
  });

  it('prices Serverless v2 ACU-hours from average ACUs at the I/O-Optimized rate', async () => {
    const r = await instanceOf(
      [cluster({ storage_type: 'aurora-iopt1' }), member({ instance_class: 'db.serverless' })],
      'us-east-1',
      usage('aws_rds_cluster_instance.one', { average_acus: 4 }),
    );
    const capacity = component(r, /^Aurora Serverless v2 capacity/);
    assert.equal(capacity.name, 'Aurora Serverless v2 capacity (Aurora MySQL, I/O-Optimized)');
    assert.equal(capacity.monthly_quantity, 2920); // 4 ACUs × 730 h
    assertMoney(capacity.monthly_cost, 467.2); // 2920 × 0.16
  });

  it('finds the cluster by identifier, takes its engine, and reads monthly_acu_hours', async () => {
    const r = await instanceOf(
      [
        cluster({ engine: 'aurora-postgresql' }, { after_unknown: { storage_type: true } }),
        {
          address: 'aws_rds_cluster_instance.one',
          after: { instance_class: 'db.serverless', cluster_identifier: 'main' },
          after_unknown: { engine: true },
        },
      ],
      'eu-west-1',
      usage('aws_rds_cluster_instance.one', { monthly_acu_hours: 1000 }),
    );
    const capacity = component(r, /^Aurora Serverless v2 capacity/);
    assert.equal(capacity.name, 'Aurora Serverless v2 capacity (Aurora PostgreSQL, Standard)');
    assertMoney(capacity.monthly_cost, 140); // 1000 × 0.14
    const none = await instanceOf([member({ instance_class: 'db.serverless' })], 'eu-west-1');
    const notGiven = component(none, /^Aurora Serverless v2 capacity/);
    assert.equal(notGiven.state, 'usage-not-given');
    assert.equal(notGiven.reason, 'usage not given: set average_acus in the usage file');
  });

  it('prices an instance whose cluster is outside the plan as Aurora Standard and says so', async () => {
    const r = await instanceOf(
      [
        {
          address: 'aws_rds_cluster_instance.one',
          after: {
            engine: 'aurora-postgresql',
            instance_class: 'db.r6g.large',
            cluster_identifier: 'elsewhere',
          },
        },
      ],
      'eu-west-1',
    );
    const instance = component(r, /^Database instance/);
    assertMoney(instance.monthly_cost, 208.78); // 730 × 0.286
    assert.equal(instance.note, 'its cluster is not in the plan: priced as Aurora Standard');
  });

  it('keeps an unknown class or cluster storage type unknown', async () => {
    const r = await instanceOf([cluster({}), member({}, { after_unknown: { instance_class: true } })]);
    assert.equal(component(r, /^Database instance/).state, 'unknown');
    const storage = await instanceOf([
      cluster(
        {},
        { after_unknown: { storage_type: true }, expressions: { storage_type: { references: ['var.t'] } } },
      ),
      member({ instance_class: 'db.r6g.large' }),
    ]);
    assert.equal(
      component(storage, /^Database instance/).reason,
      "the cluster's storage_type is known only after apply",
    );
  });
});

describe('aws_rds_cluster', () => {
  const aurora = (after: Record<string, unknown>, region = 'us-east-1', usageYaml?: string) =>
    costOf({
      region,
      resources: [{ address: 'aws_rds_cluster.main', after: { engine: 'aurora-mysql', ...after } }],
      ...(usageYaml ? { usage: usageYaml } : {}),
    });

  it('bills Aurora Standard storage and I/O from usage, no instance hours', async () => {
    const r = await aurora(
      { storage_type: '' },
      'us-east-1',
      usage('aws_rds_cluster.main', { storage_gb: 100, monthly_io_requests: 50_000_000 }),
    );
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_quantity, c.monthly_cost]),
      [
        ['Storage (Aurora Standard)', 100, 10], // 100 × 0.10
        ['I/O requests', 50, 10], // 50M requests × 0.20 per 1M
      ],
    );
  });

  it('bills I/O-Optimized storage at its own price with no I/O charge', async () => {
    const r = await aurora(
      { storage_type: 'aurora-iopt1' },
      'us-east-1',
      usage('aws_rds_cluster.main', { storage_gb: 100 }),
    );
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_cost]),
      [['Storage (Aurora I/O-Optimized)', 22.5]], // 100 × 0.225
    );
  });

  it('shows usage not given without usage, and no borrowed price in eu-west-1', async () => {
    const none = await aurora({ engine: 'aurora-postgresql', storage_type: 'aurora' }, 'eu-west-1');
    assert.deepEqual(
      none.components.map((c) => c.state),
      ['usage-not-given', 'usage-not-given'],
    );
    assert.match(
      component(none, /^I\/O requests/).reason ?? '',
      /then it needs a price too \(no catalog price/,
    );
    const used = await aurora(
      { storage_type: 'aurora' },
      'eu-west-1',
      usage('aws_rds_cluster.main', { storage_gb: 200, monthly_io_requests: 1_000_000 }),
    );
    assertMoney(component(used, /^Storage/).monthly_cost, 22); // 200 × 0.11
    assert.match(
      component(used, /^I\/O requests/).reason ?? '',
      /no catalog price for rds\/aurora-io in eu-west-1/,
    );
  });

  it('keeps Serverless v1 capacity unknown while engine_mode is, rather than dropping it', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_rds_cluster.main',
          after: { engine: 'aurora-mysql', storage_type: 'aurora-iopt1' },
          after_unknown: { engine_mode: true },
          expressions: { engine_mode: { references: ['var.mode'] } },
        },
      ],
      usage: usage('aws_rds_cluster.main', { monthly_acu_hours: 500, storage_gb: 100 }),
    });
    const capacity = component(r, /^Aurora Serverless v1 capacity/);
    assert.equal(capacity.state, 'unknown');
    assert.equal(capacity.reason, 'engine_mode is known only after apply');
    // Left to the provider's default, engine_mode is provisioned: no Serverless v1 line.
    const provisioned = await costOf({
      resources: [
        {
          address: 'aws_rds_cluster.main',
          after: { engine: 'aurora-mysql', storage_type: 'aurora-iopt1' },
          after_unknown: { engine_mode: true },
        },
      ],
    });
    assert.deepEqual(
      provisioned.components.map((c) => c.name),
      ['Storage (Aurora I/O-Optimized)'],
    );
  });

  it('does not price a Multi-AZ DB cluster (mysql, postgres) as Aurora', async () => {
    const r = await aurora({
      engine: 'mysql',
      db_cluster_instance_class: 'db.m6gd.large',
      storage_type: 'io1',
    });
    assert.equal(r.status, 'not-priced');
    assert.equal(
      component(r, /^Multi-AZ DB cluster/).name,
      'Multi-AZ DB cluster instances (3 × db.m6gd.large, mysql)',
    );
  });
});
