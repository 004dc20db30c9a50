import type Big from 'big.js';
import { UNKNOWN, type AttrView, type Unknown } from '../../../attributes.ts';
import { dec } from '../../../money.ts';
import type { UsageValues } from '../../../usage.ts';
import type { Resource } from '../../../../model/resource.ts';
import { afterApply, fromUsage, monthHours, times, unknownQuantity } from '../../quantity.ts';
import type { ComponentSpec } from '../../types.ts';
import { withDefault } from './references.ts';

export const ENGINE_NAMES: Record<string, string> = {
  redis: 'Redis',
  valkey: 'Valkey',
  memcached: 'Memcached',
};

/** Hours of `count` cache nodes of one type and engine. */
export function cacheNodes(options: {
  engine: string | Unknown | undefined;
  nodeType: string | Unknown | undefined;
  count: Big | Unknown;
  /** Why the count is unknown, when it is. */
  countReason?: string;
  /** A single node added to a replication group by an aws_elasticache_cluster. */
  member?: boolean;
}): ComponentSpec {
  const { engine, nodeType, count } = options;
  const countLabel = count === UNKNOWN ? '?' : count.toString();
  const typeLabel = typeof nodeType === 'string' ? nodeType : 'type unknown';
  const engineLabel = typeof engine === 'string' ? (ENGINE_NAMES[engine] ?? engine) : 'engine unknown';
  const name = options.member
    ? `Cache node (${typeLabel}, ${engineLabel}, read replica in a replication group)`
    : `Cache nodes (${countLabel} × ${typeLabel}, ${engineLabel})`;
  const missing =
    engine === UNKNOWN
      ? afterApply('engine')
      : engine === undefined
        ? 'engine is not set'
        : nodeType === UNKNOWN
          ? afterApply('node_type')
          : nodeType === undefined
            ? 'node_type is not set'
            : undefined;
  if (missing || typeof engine !== 'string' || typeof nodeType !== 'string') {
    const reason = missing ?? 'unknown';
    return { name, unit: 'hours', quantity: unknownQuantity(reason), skus: [], hourly: true };
  }
  const quantity =
    count === UNKNOWN
      ? unknownQuantity(options.countReason ?? 'the node count is known only after apply')
      : times(monthHours(), count);
  if (!Object.hasOwn(ENGINE_NAMES, engine)) {
    const reason = `engine "${engine}" is not known to tollgate`;
    return { name, unit: 'hours', quantity, skus: [], hourly: true, unpricedReason: reason };
  }
  return {
    name,
    unit: 'hours',
    quantity,
    skus: [{ sku: `elasticache/node/${engine}/${nodeType}` }],
    hourly: true,
  };
}

/** Usage keys of ElastiCache clusters and replication groups. */
export const SNAPSHOT_USAGE = {
  snapshot_storage_size_gb: 'GB of one backup snapshot (Redis, Valkey), kept for the retention period',
} as const;

/**
 * Backup storage for automatic snapshots kept `snapshot_retention_limit` days. ElastiCache stores one
 * snapshot per active cluster free of charge, so a retention of N days bills N − 1 snapshots of
 * `snapshot_storage_size_gb` (usage) each. Memcached takes no snapshots; 0 days (the default) turns
 * them off.
 */
export function backupStorage(
  attrs: AttrView,
  resource: Resource,
  engine: string | Unknown | undefined,
  usage: UsageValues,
): ComponentSpec[] {
  if (engine === 'memcached') return [];
  const retention = withDefault(
    resource,
    ['snapshot_retention_limit'],
    attrs.num('snapshot_retention_limit'),
    dec(0),
  );
  const name = 'Backup storage (snapshots beyond the free one)';
  if (retention === UNKNOWN) {
    return [
      {
        name,
        unit: 'GB-months',
        quantity: unknownQuantity(afterApply('snapshot_retention_limit')),
        skus: [{ sku: 'elasticache/backup' }],
      },
    ];
  }
  if (retention.lte(1)) return [];
  return [
    {
      name: `Backup storage (${retention.toString()} daily snapshots, 1 free)`,
      unit: 'GB-months',
      quantity: times(fromUsage(usage, 'snapshot_storage_size_gb'), retention.minus(1)),
      skus: [{ sku: 'elasticache/backup' }],
    },
  ];
}
