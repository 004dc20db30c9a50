import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf } from './harness.ts';

// Prices from data/pricing-facts: opensearch-ondemand.json (ec2instances.info via LeanerCloud,
// 2025-04-24) and services.json OpenSearch EBS storage (us-east-1 only).
const domain = (
  after: Record<string, unknown>,
  region = 'us-east-1',
  type = 'aws_opensearch_domain',
  extra: Partial<ChangeSpec> = {},
) => costOf({ region, resources: [{ address: `${type}.d`, after, ...extra }] });

describe('aws_opensearch_domain / aws_elasticsearch_domain', () => {
  it('bills EBS storage on every data node: volume_size × instance_count', async () => {
    const r = await domain({
      cluster_config: [
        { instance_type: 'r6g.large.search', instance_count: 3, dedicated_master_enabled: false },
      ],
      ebs_options: [{ ebs_enabled: true, volume_type: 'gp3', volume_size: 100, iops: 3000, throughput: 125 }],
    });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_quantity, c.monthly_cost]),
      [
        ['Data nodes (3 × r6g.large.search)', 2190, 365.73], // 3 × 730 h × 0.167
        ['Storage (gp3, 3 data nodes × 100 GB)', 300, 36.6], // 300 GB × 0.122, not 100 GB
      ],
    );
  });

  it('adds dedicated masters and UltraWarm nodes, naming UltraWarm storage as not priced', async () => {
    const r = await domain({
      cluster_config: [
        {
          instance_type: 'm6g.large.search',
          instance_count: 2,
          dedicated_master_enabled: true,
          dedicated_master_type: 'c5.large.search',
          dedicated_master_count: 3,
          warm_enabled: true,
          warm_type: 'ultrawarm1.medium.search',
          warm_count: 2,
        },
      ],
      ebs_options: [{ ebs_enabled: true, volume_type: 'gp2', volume_size: 50 }],
    });
    assertMoney(component(r, /^Data nodes/).monthly_cost, 186.88); // 2 × 730 × 0.128
    assertMoney(component(r, /^Dedicated master nodes \(3 × c5\.large\.search\)/).monthly_cost, 273.75); // 3 × 730 × 0.125
    assertMoney(component(r, /^UltraWarm nodes \(2 × ultrawarm1\.medium\.search\)/).monthly_cost, 347.48); // 2 × 730 × 0.238
    assertMoney(component(r, /^Storage \(gp2, 2 data nodes × 50 GB\)/).monthly_cost, 13.5); // 100 × 0.135
    const warmStorage = component(r, /^UltraWarm managed storage/);
    // Without usage it costs nothing yet; the line says it will need a price too.
    assert.equal(warmStorage.state, 'usage-not-given');
    assert.match(warmStorage.reason ?? '', /; then it needs a price too \(/);
    assert.equal(r.status, 'priced');
  });

  it('keeps cold storage unknown while its setting is, and off when the provider computes it', async () => {
    const after = {
      cluster_config: [{ instance_type: 'r6g.large.search', instance_count: 1 }],
      ebs_options: [{ ebs_enabled: true, volume_type: 'gp2', volume_size: 10 }],
    };
    const unknown = await domain(after, 'us-east-1', 'aws_opensearch_domain', {
      after_unknown: { cluster_config: [{ cold_storage_options: true }] },
      expressions: {
        cluster_config: [{ cold_storage_options: [{ enabled: { references: ['var.cold'] } }] }],
      },
    });
    const cold = component(unknown, /^Cold storage/);
    assert.equal(cold.state, 'unknown');
    assert.equal(cold.reason, 'cluster_config[0].cold_storage_options[0].enabled is known only after apply');
    const computed = await domain(after, 'us-east-1', 'aws_opensearch_domain', {
      after_unknown: { cluster_config: [{ cold_storage_options: true }] },
    });
    assert.ok(!computed.components.some((c) => c.name.startsWith('Cold storage')));
  });

  it('prices aws_elasticsearch_domain *.elasticsearch types as the same *.search instances, named as written', async () => {
    const r = await domain(
      {
        cluster_config: [
          {
            instance_type: 'm5.large.elasticsearch',
            instance_count: 2,
            dedicated_master_enabled: true,
            dedicated_master_type: 'c5.large.elasticsearch',
            dedicated_master_count: 3,
          },
        ],
        ebs_options: [{ ebs_enabled: true, volume_type: 'gp2', volume_size: 20 }],
      },
      'us-east-1',
      'aws_elasticsearch_domain',
    );
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_cost]),
      [
        ['Data nodes (2 × m5.large.elasticsearch)', 207.32], // 2 × 730 × 0.142 (m5.large.search)
        ['Dedicated master nodes (3 × c5.large.elasticsearch)', 273.75], // 3 × 730 × 0.125
        ['Storage (gp2, 2 data nodes × 20 GB)', 5.4], // 2 × 20 GB × 0.135
      ],
    );
  });

  it('prices nodes in eu-west-1 and says its EBS storage has no catalog price', async () => {
    const r = await domain(
      {
        cluster_config: [{ instance_type: 'r6g.large.search', instance_count: 2 }],
        ebs_options: [{ ebs_enabled: true, volume_type: 'gp3', volume_size: 100 }],
      },
      'eu-west-1',
    );
    assertMoney(component(r, /^Data nodes/).monthly_cost, 273.02); // 2 × 730 × 0.187
    const storage = component(r, /^Storage/);
    assert.equal(storage.state, 'not-priced');
    assert.match(storage.reason ?? '', /no catalog price for opensearch\/storage\/gp3 in eu-west-1/);
  });

  it('no EBS when it is disabled; unknown type or count stays unknown', async () => {
    const local = await domain({
      cluster_config: [{ instance_type: 'i3.large.search', instance_count: 1 }],
      ebs_options: [{ ebs_enabled: false }],
    });
    assert.deepEqual(
      local.components.map((c) => c.name),
      ['Data nodes (1 × i3.large.search)'],
    );
    const unknown = await domain(
      {
        cluster_config: [{ instance_type: 'r6g.large.search' }],
        ebs_options: [{ ebs_enabled: true, volume_type: 'gp3', volume_size: 100 }],
      },
      'us-east-1',
      'aws_opensearch_domain',
      { after_unknown: { cluster_config: [{ instance_count: true }] } },
    );
    assert.equal(
      component(unknown, /^Data nodes/).reason,
      'cluster_config[0].instance_count is known only after apply',
    );
    assert.equal(component(unknown, /^Storage/).state, 'unknown');
    assert.equal(unknown.monthly_after, 0);
  });

  it('says "1 data node" for one', async () => {
    const r = await domain({
      cluster_config: [{ instance_type: 't3.small.search', instance_count: 1 }],
      ebs_options: [{ ebs_enabled: true, volume_type: 'gp3', volume_size: 10 }],
    });
    assert.equal(component(r, /^Storage/).name, 'Storage (gp3, 1 data node × 10 GB)');
    assertMoney(component(r, /^Storage/).monthly_cost, 1.22); // 10 × 0.122
  });
});

describe('OpenSearch gp3 IOPS and throughput above what each volume includes', () => {
  const gp3 = (ebs: Record<string, unknown>, count: number | null = 2, extra: Partial<ChangeSpec> = {}) =>
    domain(
      {
        cluster_config: [{ instance_type: 'r6g.large.search', instance_count: count }],
        ebs_options: [{ ebs_enabled: true, volume_type: 'gp3', volume_size: 100, ...ebs }],
      },
      'us-east-1',
      'aws_opensearch_domain',
      extra,
    );

  it('names the extras on every data node as not priced when the catalog has no price for them', async () => {
    const r = await gp3({ iops: 6000, throughput: 250 });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.unit, c.state, c.monthly_quantity, c.monthly_cost]),
      [
        ['Data nodes (2 × r6g.large.search)', 'hours', 'priced', 1460, 243.82], // 2 × 730 × 0.167
        ['Storage (gp3, 2 data nodes × 100 GB)', 'GB-months', 'priced', 200, 24.4], // 200 × 0.122
        ['Provisioned IOPS above 3000 (gp3, 2 data nodes)', 'IOPS-months', 'not-priced', 6000, null], // 2 × 3000
        ['Provisioned throughput above 125 (gp3, 2 data nodes)', 'MiBps-months', 'not-priced', 250, null], // 2 × 125
      ],
    );
    assert.match(
      component(r, /^Provisioned IOPS/).reason ?? '',
      /^no catalog price for opensearch\/iops\/gp3 in us-east-1/,
    );
    assert.match(
      component(r, /^Provisioned throughput/).reason ?? '',
      /^no catalog price for opensearch\/throughput\/gp3 in us-east-1/,
    );
    assert.equal(r.status, 'partial');
    assertMoney(r.monthly_after, 268.22);
  });

  it('adds nothing at or below 3,000 IOPS and 125 MiB/s, or when the configuration leaves them to AWS', async () => {
    const at = await gp3({ iops: 3000, throughput: 125 });
    assert.equal(at.components.length, 2);
    assert.equal(at.status, 'priced');
    const left = await gp3({}, 2, { after_unknown: { ebs_options: [{ iops: true, throughput: true }] } });
    assert.equal(left.components.length, 2);
    assert.equal(left.status, 'priced');
  });

  it('keeps configured IOPS known only after apply unknown', async () => {
    const r = await gp3({}, 2, {
      after_unknown: { ebs_options: [{ iops: true }] },
      expressions: { ebs_options: [{ iops: { references: ['var.iops'] } }] },
    });
    const iops = component(r, /^Provisioned IOPS/);
    assert.equal(iops.state, 'unknown');
    assert.equal(iops.reason, 'ebs_options[0].iops is known only after apply');
    assert.equal(r.status, 'partial');
  });

  it('multiplies by the data node count, and stays unknown when the count is', async () => {
    const one = await gp3({ iops: 4000 }, 1);
    assert.equal(component(one, /^Provisioned IOPS/).name, 'Provisioned IOPS above 3000 (gp3, 1 data node)');
    assert.equal(component(one, /^Provisioned IOPS/).monthly_quantity, 1000);
    const unknown = await gp3({ iops: 4000 }, null, {
      after_unknown: { cluster_config: [{ instance_count: true }] },
    });
    assert.equal(component(unknown, /^Provisioned IOPS/).state, 'unknown');
  });

  it('leaves the extra on a volume over 170 GB unknown: what it includes depends on its size', async () => {
    const over = await domain({
      cluster_config: [{ instance_type: 'r6g.large.search', instance_count: 2 }],
      ebs_options: [{ ebs_enabled: true, volume_type: 'gp3', volume_size: 500, iops: 3000, throughput: 250 }],
    });
    assert.deepEqual(
      over.components.slice(2).map((c) => [c.name, c.state, c.reason]),
      [
        [
          'Provisioned throughput above the included baseline (gp3, 2 data nodes)',
          'unknown',
          'what a gp3 volume over 170 GB includes depends on its size, by a rule tollgate does not carry',
        ],
      ],
    );
  });
});
