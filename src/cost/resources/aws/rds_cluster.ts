import { UNKNOWN } from '../../attributes.ts';
import { afterApply, fromUsage, monthHours, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer } from '../types.ts';
import { withDefault } from './shared/references.ts';
import { AURORA_ENGINES, auroraStorage } from './shared/rds.ts';

/**
 * An Aurora cluster bills its storage (GB-months, usage `storage_gb`) and, on Aurora Standard storage,
 * its I/O requests (usage `monthly_io_requests`); I/O-Optimized storage includes I/O. Its instances
 * are aws_rds_cluster_instance resources, priced there. Backup storage beyond the retention period's
 * free allowance is not priced.
 */
export const rdsCluster: Pricer = {
  types: ['aws_rds_cluster'],
  summary:
    'Aurora storage and I/O (Standard storage), Aurora Serverless v1 capacity; Multi-AZ DB clusters named as not priced',
  usage: {
    monthly_acu_hours: 'Aurora Serverless v1 ACU-hours a month',
    storage_gb: 'GB stored',
    monthly_io_requests: 'I/O requests a month (Aurora Standard storage)',
  },
  components({ attrs, resource, usage }) {
    const engine = attrs.str('engine');
    if (engine === UNKNOWN || engine === undefined) {
      const reason = engine === UNKNOWN ? afterApply('engine') : 'engine is not set';
      return [{ name: 'Storage', unit: 'GB-months', quantity: unknownQuantity(reason), skus: [] }];
    }
    if (!Object.hasOwn(AURORA_ENGINES, engine)) {
      // mysql and postgres clusters are Multi-AZ DB clusters: a writer and two readers of
      // db_cluster_instance_class on io1/io2/gp3 storage, at prices of their own.
      const instanceClass = attrs.str('db_cluster_instance_class');
      return [
        {
          name: `Multi-AZ DB cluster instances (3 × ${typeof instanceClass === 'string' ? instanceClass : 'class unknown'}, ${engine})`,
          unit: 'hours',
          quantity: monthHours(3),
          skus: [],
          hourly: true,
          unpricedReason: 'Multi-AZ DB cluster prices are not in the catalog',
        },
      ];
    }
    const components: ComponentSpec[] = [];
    const mode = withDefault(resource, ['engine_mode'], attrs.str('engine_mode'), 'provisioned');
    if (mode === UNKNOWN) {
      components.push({
        name: 'Aurora Serverless v1 capacity',
        unit: 'ACU-hours',
        quantity: unknownQuantity(afterApply('engine_mode')),
        skus: [],
      });
    } else if (mode === 'serverless') {
      components.push({
        name: 'Aurora Serverless v1 capacity',
        unit: 'ACU-hours',
        quantity: fromUsage(usage, 'monthly_acu_hours'),
        skus: [],
        unpricedReason: 'Aurora Serverless v1 capacity prices are not in the catalog',
      });
    }
    const storage = auroraStorage(attrs.str('storage_type'), resource);
    if (storage === UNKNOWN) {
      const reason = afterApply('storage_type');
      return [
        ...components,
        { name: 'Storage', unit: 'GB-months', quantity: unknownQuantity(reason), skus: [] },
      ];
    }
    if (storage === undefined) {
      const reason = `storage type "${String(attrs.str('storage_type'))}" is not Aurora storage`;
      return [
        ...components,
        {
          name: 'Storage',
          unit: 'GB-months',
          quantity: unknownQuantity(reason),
          skus: [],
          unpricedReason: reason,
        },
      ];
    }
    components.push({
      name: `Storage (Aurora ${storage === 'iopt1' ? 'I/O-Optimized' : 'Standard'})`,
      unit: 'GB-months',
      quantity: fromUsage(usage, 'storage_gb'),
      skus: [{ sku: `rds/aurora-storage/${storage}` }],
    });
    if (storage === 'standard') {
      components.push({
        name: 'I/O requests',
        unit: '1M requests',
        quantity: fromUsage(usage, 'monthly_io_requests', 1_000_000),
        skus: [{ sku: 'rds/aurora-io' }],
      });
    }
    return components;
  },
};
