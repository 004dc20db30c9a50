import type Big from 'big.js';
import { UNKNOWN, type AttrView, type Unknown } from '../../attributes.ts';
import { dec } from '../../money.ts';
import type { Resource } from '../../../model/resource.ts';
import { afterApply } from '../quantity.ts';
import type { Pricer } from '../types.ts';
import { backupStorage, cacheNodes, SNAPSHOT_USAGE } from './shared/elasticache.ts';
import { isConfigured, withDefault } from './shared/references.ts';

/**
 * A Redis/Valkey replication group: node_type × its nodes, and snapshot storage beyond the free one.
 * Cluster mode (`num_node_groups`, or the legacy `cluster_mode` block) runs num_node_groups shards of
 * replicas_per_node_group + 1 nodes; otherwise `num_cache_clusters` (legacy `number_cache_clusters`)
 * nodes, 1 by default (provider documentation). Read replicas added by aws_elasticache_cluster
 * resources with replication_group_id are priced on those resources, not counted here.
 */
export const elasticacheReplicationGroup: Pricer = {
  types: ['aws_elasticache_replication_group'],
  summary: 'node hours × every node (shards × replicas), snapshot storage',
  usage: SNAPSHOT_USAGE,
  components({ attrs, resource, usage }) {
    // The provider's default engine for a replication group is redis.
    const engine = withDefault(resource, ['engine'], attrs.str('engine'), 'redis');
    const { count, reason } = nodeCount(attrs, resource);
    const spec: Parameters<typeof cacheNodes>[0] = { engine, nodeType: attrs.str('node_type'), count };
    if (reason) spec.countReason = reason;
    return [cacheNodes(spec), ...backupStorage(attrs, resource, engine, usage)];
  },
};

interface Count {
  count: Big | Unknown;
  reason?: string;
}

function nodeCount(attrs: AttrView, resource: Resource): Count {
  const legacy = attrs.blocks('cluster_mode');
  const legacyBlock = legacy === UNKNOWN ? undefined : legacy[0];
  const clusterMode =
    isConfigured(resource, ['num_node_groups']) === true ||
    isConfigured(resource, ['replicas_per_node_group']) === true ||
    isConfigured(resource, ['cluster_mode']) === true ||
    legacyBlock !== undefined;
  const shards = first(attrs.num('num_node_groups'), legacyBlock?.num('num_node_groups'));
  const replicas = first(attrs.num('replicas_per_node_group'), legacyBlock?.num('replicas_per_node_group'));
  const clusters = first(attrs.num('num_cache_clusters'), attrs.num('number_cache_clusters'));

  const sharded = (): Count => {
    if (shards === UNKNOWN) return { count: UNKNOWN, reason: afterApply('num_node_groups') };
    if (replicas === UNKNOWN) return { count: UNKNOWN, reason: afterApply('replicas_per_node_group') };
    if (shards === undefined) return { count: UNKNOWN, reason: 'num_node_groups is not set' };
    if (replicas === undefined) return { count: UNKNOWN, reason: 'replicas_per_node_group is not set' };
    return { count: shards.times(replicas.plus(1)) };
  };
  if (clusterMode) return sharded();
  if (clusters !== undefined && clusters !== UNKNOWN) return { count: clusters };
  if (shards !== undefined && shards !== UNKNOWN && replicas !== undefined && replicas !== UNKNOWN) {
    return sharded();
  }
  const defaulted = withDefault(resource, ['num_cache_clusters'], clusters, dec(1));
  return defaulted === UNKNOWN
    ? { count: UNKNOWN, reason: afterApply('num_cache_clusters') }
    : { count: defaulted };
}

/** The first known of an attribute and its legacy name; UNKNOWN if either is; undefined if neither is set. */
function first(a: Big | Unknown | undefined, b: Big | Unknown | undefined): Big | Unknown | undefined {
  if (a !== undefined && a !== UNKNOWN) return a;
  if (b !== undefined && b !== UNKNOWN) return b;
  return a ?? b;
}
