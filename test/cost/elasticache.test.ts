import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf, costReport } from './harness.ts';

// Prices from data/pricing-facts: elasticache-ondemand.json (ec2instances.info via LeanerCloud,
// 2025-04-24) and services.json ElastiCache backup storage (us-east-1 infracost golden 2024-07-01,
// eu-west-1 AWS Price List dump 2023-02-23).
const usage = (address: string, values: Record<string, number>) =>
  `version: 1\nresource_usage:\n  ${address}:\n${Object.entries(values)
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join('')}`;

describe('aws_elasticache_cluster', () => {
  const cluster = (after: Record<string, unknown>, region = 'us-east-1', extra: Partial<ChangeSpec> = {}) =>
    costOf({ region, resources: [{ address: 'aws_elasticache_cluster.c', after, ...extra }] });

  it('prices memcached nodes × num_cache_nodes, with no snapshot storage', async () => {
    const r = await cluster({
      engine: 'memcached',
      node_type: 'cache.m5.large',
      num_cache_nodes: 3,
      snapshot_retention_limit: 0,
    });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_quantity, c.monthly_cost]),
      [['Cache nodes (3 × cache.m5.large, Memcached)', 2190, 341.64]], // 3 × 730 h × 0.156
    );
  });

  it('prices a one-node Redis cluster and snapshots beyond the free one from usage', async () => {
    const after = { engine: 'redis', node_type: 'cache.t3.micro', snapshot_retention_limit: 5 };
    const without = await cluster(after, 'eu-west-1');
    assertMoney(component(without, /^Cache nodes \(1 × cache\.t3\.micro, Redis\)/).monthly_cost, 13.14); // 730 × 0.018
    const backup = component(without, /^Backup storage/);
    assert.equal(backup.name, 'Backup storage (5 daily snapshots, 1 free)');
    assert.equal(backup.state, 'usage-not-given');
    assert.equal(backup.reason, 'usage not given: set snapshot_storage_size_gb in the usage file');
    const used = await costOf({
      region: 'eu-west-1',
      resources: [{ address: 'aws_elasticache_cluster.c', after }],
      usage: usage('aws_elasticache_cluster.c', { snapshot_storage_size_gb: 2 }),
    });
    const priced = component(used, /^Backup storage/);
    assert.equal(priced.monthly_quantity, 8); // 2 GB × (5 − 1) snapshots
    assertMoney(priced.monthly_cost, 0.68); // 8 × 0.085
  });

  it('prices a replication group member as one node of the group’s type, on top of the group', async () => {
    const report = await costReport({
      resources: [
        {
          address: 'aws_elasticache_replication_group.g',
          after: { replication_group_id: 'cache', node_type: 'cache.r6g.large', num_cache_clusters: 2 },
          after_unknown: { engine: true },
        },
        {
          address: 'aws_elasticache_cluster.replica',
          after: {},
          after_unknown: { replication_group_id: true, node_type: true, engine: true, num_cache_nodes: true },
          expressions: {
            replication_group_id: {
              references: ['aws_elasticache_replication_group.g.id', 'aws_elasticache_replication_group.g'],
            },
          },
        },
      ],
    });
    const replica = report.resources.find((r) => r.address === 'aws_elasticache_cluster.replica');
    assert.ok(replica);
    assert.equal(replica.components.length, 1);
    assert.equal(
      replica.components[0]?.name,
      'Cache node (cache.r6g.large, Redis, read replica in a replication group)',
    );
    assertMoney(replica.monthly_after, 150.38); // 730 × 0.206
    const group = report.resources.find((r) => r.address === 'aws_elasticache_replication_group.g');
    assertMoney(group?.monthly_after ?? null, 300.76); // 2 × 730 × 0.206: three nodes billed in all
  });

  it('finds the group by its id, and keeps a member of an unseen group unknown', async () => {
    const report = await costReport({
      region: 'eu-west-1',
      resources: [
        {
          address: 'aws_elasticache_replication_group.g',
          after: { replication_group_id: 'cache', engine: 'valkey', node_type: 'cache.r6g.large' },
        },
        { address: 'aws_elasticache_cluster.replica', after: { replication_group_id: 'cache' } },
      ],
    });
    const replica = report.resources.find((r) => r.address === 'aws_elasticache_cluster.replica');
    assertMoney(replica?.monthly_after ?? null, 133.736); // 730 × 0.1832
    const unseen = await cluster({ replication_group_id: 'other' }, 'eu-west-1', {
      after_unknown: { node_type: true, engine: true },
    });
    assert.equal(unseen.components[0]?.state, 'unknown');
    assert.equal(unseen.components[0]?.reason, 'engine is known only after apply');
  });

  it('keeps an unknown node type or node count unknown', async () => {
    const type = await cluster({ engine: 'redis' }, 'us-east-1', { after_unknown: { node_type: true } });
    assert.equal(type.components[0]?.reason, 'node_type is known only after apply');
    const count = await cluster({ engine: 'memcached', node_type: 'cache.t3.micro' }, 'us-east-1', {
      after_unknown: { num_cache_nodes: true },
    });
    assert.equal(count.components[0]?.state, 'unknown');
    assert.equal(count.components[0]?.reason, 'num_cache_nodes is known only after apply');
  });
});

describe('aws_elasticache_replication_group', () => {
  const group = (after: Record<string, unknown>, region = 'us-east-1', extra: Partial<ChangeSpec> = {}) =>
    costOf({ region, resources: [{ address: 'aws_elasticache_replication_group.g', after, ...extra }] });

  it('num_cache_clusters nodes (cluster mode disabled)', async () => {
    const r = await group(
      { engine: 'valkey', node_type: 'cache.r6g.large', num_cache_clusters: 3 },
      'eu-west-1',
      {
        after_unknown: { num_node_groups: true, replicas_per_node_group: true },
      },
    );
    assert.equal(r.components[0]?.name, 'Cache nodes (3 × cache.r6g.large, Valkey)');
    assertMoney(r.monthly_after, 401.208); // 3 × 730 × 0.1832
  });

  it('cluster mode: num_node_groups × (replicas_per_node_group + 1)', async () => {
    const r = await group(
      { engine: 'redis', node_type: 'cache.r6g.large', num_node_groups: 3, replicas_per_node_group: 2 },
      'us-east-1',
      {
        after_unknown: { num_cache_clusters: true },
        expressions: {
          num_node_groups: { constant_value: 3 },
          replicas_per_node_group: { constant_value: 2 },
        },
      },
    );
    assert.equal(r.components[0]?.monthly_quantity, 6570); // 9 nodes × 730 h
    assertMoney(r.monthly_after, 1353.42); // 6570 × 0.206
  });

  it('legacy cluster_mode block and number_cache_clusters', async () => {
    const legacy = await group(
      { node_type: 'cache.r6g.large', cluster_mode: [{ num_node_groups: 2, replicas_per_node_group: 1 }] },
      'eu-west-2',
    );
    assertMoney(legacy.monthly_after, 700.8); // 4 nodes × 730 × 0.24, engine redis by default
    const number = await group(
      { engine: 'redis', node_type: 'cache.r6g.large', number_cache_clusters: 2 },
      'eu-west-2',
    );
    assertMoney(number.monthly_after, 350.4); // 2 × 730 × 0.24
  });

  it('defaults to one Redis node, and counts num_cache_clusters when it changes', async () => {
    const single = await group({ node_type: 'cache.t3.micro' }, 'us-east-1', {
      after_unknown: { engine: true },
    });
    assert.equal(single.components[0]?.name, 'Cache nodes (1 × cache.t3.micro, Redis)');
    assertMoney(single.monthly_after, 12.41); // 730 × 0.017
    const grown = await costOf({
      resources: [
        {
          address: 'aws_elasticache_replication_group.g',
          actions: ['update'],
          before: {
            engine: 'redis',
            node_type: 'cache.t3.micro',
            num_cache_clusters: 2,
            num_node_groups: 1,
            replicas_per_node_group: 1,
          },
          after: {
            engine: 'redis',
            node_type: 'cache.t3.micro',
            num_cache_clusters: 3,
            num_node_groups: 1,
            replicas_per_node_group: 1,
          },
          expressions: { num_cache_clusters: { constant_value: 3 } },
        },
      ],
    });
    assertMoney(grown.monthly_before, 24.82); // 2 × 730 × 0.017
    assertMoney(grown.monthly_after, 37.23); // 3 × 730 × 0.017
  });

  it('snapshot storage beyond the free one, and unknown counts', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_elasticache_replication_group.g',
          after: {
            engine: 'redis',
            node_type: 'cache.t3.micro',
            num_cache_clusters: 2,
            snapshot_retention_limit: 7,
          },
        },
      ],
      usage: usage('aws_elasticache_replication_group.g', { snapshot_storage_size_gb: 10 }),
    });
    assertMoney(component(r, /^Backup storage \(7 daily snapshots, 1 free\)/).monthly_cost, 5.1); // 10 × 6 × 0.085
    const unknown = await group({ engine: 'redis', node_type: 'cache.t3.micro' }, 'us-east-1', {
      after_unknown: { num_node_groups: true, num_cache_clusters: true },
      expressions: { num_node_groups: { references: ['var.shards'] } },
    });
    assert.equal(unknown.components[0]?.state, 'unknown');
    assert.equal(unknown.components[0]?.reason, 'num_node_groups is known only after apply');
  });
});
