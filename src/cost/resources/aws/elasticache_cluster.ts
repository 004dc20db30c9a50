import { UNKNOWN, type Unknown } from '../../attributes.ts';
import { dec } from '../../money.ts';
import type { Resource } from '../../../model/resource.ts';
import { afterApply } from '../quantity.ts';
import type { Pricer, PricerInput } from '../types.ts';
import { backupStorage, cacheNodes, SNAPSHOT_USAGE } from './shared/elasticache.ts';
import { byValue, referenced, sideOf, withDefault } from './shared/references.ts';

const GROUP = ['aws_elasticache_replication_group'];

/**
 * An ElastiCache cluster: `num_cache_nodes` nodes of `node_type` for its engine, and Redis/Valkey
 * snapshot storage beyond the free one. A cluster with `replication_group_id` is one read-replica node
 * added to that group: AWS bills it as one more node, which the group's own count
 * (num_cache_clusters, the clusters the group creates) does not include, so it is priced here, with
 * the group's node type and engine when it leaves them unset; its snapshots are the group's.
 */
export const elasticacheCluster: Pricer = {
  types: ['aws_elasticache_cluster'],
  summary: 'node hours by engine and node type × nodes, snapshot storage',
  usage: SNAPSHOT_USAGE,
  components(input) {
    const { attrs, resource, usage } = input;
    if (attrs.str('replication_group_id') !== undefined) {
      const group = groupOf(input);
      const groupAttrs = group ? sideOf(group, input.side) : undefined;
      const own = (value: string | Unknown | undefined, fromGroup: string | Unknown | undefined) =>
        value !== undefined && value !== UNKNOWN ? value : (fromGroup ?? value);
      // A replication group's engine is redis unless it says otherwise (provider documentation).
      const groupEngine =
        group && groupAttrs ? withDefault(group, ['engine'], groupAttrs.str('engine'), 'redis') : undefined;
      return [
        cacheNodes({
          engine: own(attrs.str('engine'), groupEngine),
          nodeType: own(attrs.str('node_type'), groupAttrs?.str('node_type')),
          count: dec(1),
          member: true,
        }),
      ];
    }
    const engine = attrs.str('engine');
    const count = attrs.num('num_cache_nodes');
    // A Redis or Valkey cluster outside a replication group is exactly one node.
    const nodes = count === undefined && (engine === 'redis' || engine === 'valkey') ? dec(1) : count;
    return [
      cacheNodes({
        engine,
        nodeType: attrs.str('node_type'),
        count: nodes ?? UNKNOWN,
        countReason: nodes === undefined ? 'num_cache_nodes is not set' : afterApply('num_cache_nodes'),
      }),
      ...backupStorage(attrs, resource, engine, usage),
    ];
  },
};

function groupOf(input: PricerInput): Resource | undefined {
  const found = referenced(input, ['replication_group_id'], GROUP);
  if (found) return found;
  const id = input.attrs.str('replication_group_id');
  return typeof id === 'string' ? byValue(input, GROUP, 'replication_group_id', id) : undefined;
}
