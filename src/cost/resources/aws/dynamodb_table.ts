import { UNKNOWN, type AttrView } from '../../attributes.ts';
import { afterApply, fromUsage, monthHours, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer, SkuChoice } from '../types.ts';
import { withDefault } from './shared/references.ts';

/**
 * A DynamoDB table. PROVISIONED (the default) bills read and write capacity units every hour, for the
 * table and for each global secondary index with capacity of its own; PAY_PER_REQUEST bills request
 * units from usage (`monthly_read_request_units`, `monthly_write_request_units`). Both bill storage
 * (`storage_gb`) and, with point-in-time recovery on, its backup storage (`pitr_backup_storage_size_gb`).
 * Each replica (global table) bills in its own region: its read capacity and storage at that region's
 * prices, its replicated writes (rWCU/rWRU) not priced, having no price key. The free tier (25 RCU,
 * 25 WCU, 25 GB) is per account and not subtracted; streams and on-demand backups are not priced.
 * Capacity that Application Auto Scaling moves is priced at the table's planned read/write_capacity.
 */
export const dynamodbTable: Pricer = {
  types: ['aws_dynamodb_table'],
  summary:
    'provisioned read/write capacity (table and indexes) or on-demand request units, storage, point-in-time recovery backups, replicas in their own regions',
  usage: {
    monthly_read_request_units: 'read request units a month (on-demand tables)',
    monthly_write_request_units: 'write request units a month (on-demand tables)',
    storage_gb: 'GB stored',
    pitr_backup_storage_size_gb:
      'GB of point-in-time recovery backups (tables with point-in-time recovery enabled)',
  },
  components({ attrs, resource, usage }) {
    const mode = withDefault(resource, ['billing_mode'], attrs.str('billing_mode'), 'PROVISIONED');
    const tableClass = withDefault(resource, ['table_class'], attrs.str('table_class'), 'STANDARD');
    // The Standard-IA table class has capacity, request and storage prices of its own.
    const unpriced =
      tableClass === UNKNOWN || tableClass === 'STANDARD'
        ? undefined
        : `the ${tableClass} table class has prices of its own, not in the catalog`;
    const skus = (sku: string, region?: string): Pick<ComponentSpec, 'skus' | 'unpricedReason'> => {
      if (unpriced) return { skus: [], unpricedReason: unpriced };
      const choice: SkuChoice = { sku };
      if (region) choice.region = region;
      return { skus: [choice] };
    };
    const unknownClass = tableClass === UNKNOWN ? afterApply('table_class') : undefined;

    const components: ComponentSpec[] = [];
    if (mode === UNKNOWN) {
      components.push({
        name: 'Capacity',
        unit: 'hours',
        quantity: unknownQuantity(afterApply('billing_mode')),
        skus: [],
      });
    } else if (mode === 'PAY_PER_REQUEST') {
      components.push(
        {
          name: 'Read request units',
          unit: '1M requests',
          quantity: fromUsage(usage, 'monthly_read_request_units', 1_000_000),
          ...skus('dynamodb/read-requests'),
        },
        {
          name: 'Write request units',
          unit: '1M requests',
          quantity: fromUsage(usage, 'monthly_write_request_units', 1_000_000),
          ...skus('dynamodb/write-requests'),
        },
      );
    } else {
      components.push(
        capacity('Read capacity', undefined, 'RCU', attrs, 'read_capacity', skus('dynamodb/rcu')),
        capacity('Write capacity', undefined, 'WCU', attrs, 'write_capacity', skus('dynamodb/wcu')),
      );
      const indexes = attrs.blocks('global_secondary_index');
      if (indexes === UNKNOWN) {
        components.push({
          name: 'Global secondary indexes',
          unit: 'hours',
          quantity: unknownQuantity(afterApply('global_secondary_index')),
          skus: [],
        });
      } else {
        indexes.forEach((index, i) => {
          const label = index.str('name');
          const name = `index ${typeof label === 'string' ? label : i}`;
          const path = `global_secondary_index[${i}]`;
          components.push(
            capacity('Read capacity', name, 'RCU', index, 'read_capacity', skus('dynamodb/rcu'), path),
            capacity('Write capacity', name, 'WCU', index, 'write_capacity', skus('dynamodb/wcu'), path),
          );
        });
      }
    }
    components.push({
      name: 'Data storage',
      unit: 'GB-months',
      quantity: fromUsage(usage, 'storage_gb'),
      ...skus('dynamodb/storage'),
    });

    const recovery = attrs.blocks('point_in_time_recovery');
    // Point-in-time recovery is off unless configured; the provider computes the block when it is not.
    const pitr =
      recovery === UNKNOWN
        ? withDefault(resource, ['point_in_time_recovery'], UNKNOWN, false)
        : (recovery[0]?.bool('enabled') ?? false);
    if (pitr === UNKNOWN) {
      components.push({
        name: 'Point-in-time recovery backup storage',
        unit: 'GB-months',
        quantity: unknownQuantity(afterApply('point_in_time_recovery')),
        skus: [],
      });
    } else if (pitr) {
      components.push({
        name: 'Point-in-time recovery backup storage',
        unit: 'GB-months',
        quantity: fromUsage(usage, 'pitr_backup_storage_size_gb'),
        ...skus('dynamodb/pitr'),
      });
    }

    const replicas = attrs.blocks('replica');
    if (replicas === UNKNOWN) {
      components.push({
        name: 'Replicas',
        unit: 'hours',
        quantity: unknownQuantity(afterApply('replica')),
        skus: [],
      });
    } else {
      for (const [i, replica] of replicas.entries()) {
        const region = replica.str('region_name');
        if (region === UNKNOWN || region === undefined) {
          const reason =
            region === UNKNOWN
              ? afterApply(`replica[${i}].region_name`)
              : `replica[${i}].region_name is not set`;
          components.push({
            name: `Replica ${i}`,
            unit: 'hours',
            quantity: unknownQuantity(reason),
            skus: [],
          });
          continue;
        }
        const rwReason = 'replicated write capacity (rWCU/rWRU) prices are not in the catalog';
        if (mode === 'PROVISIONED') {
          components.push(
            capacity(
              'Replica read capacity',
              region,
              'RCU',
              attrs,
              'read_capacity',
              skus('dynamodb/rcu', region),
            ),
            {
              ...capacity('Replica replicated write capacity', region, 'rWCU', attrs, 'write_capacity', {
                skus: [],
              }),
              unpricedReason: rwReason,
            },
          );
        } else {
          components.push({
            name: `Replica replicated writes (${region})`,
            unit: '1M requests',
            quantity: fromUsage(usage, 'monthly_write_request_units', 1_000_000),
            skus: [],
            unpricedReason: rwReason,
          });
        }
        components.push({
          name: `Replica data storage (${region})`,
          unit: 'GB-months',
          quantity: fromUsage(usage, 'storage_gb'),
          ...skus('dynamodb/storage', region),
        });
      }
    }
    return unknownClass
      ? components.map((c) => ({ ...c, quantity: unknownQuantity(unknownClass), skus: [] }))
      : components;
  },
};

/** Provisioned capacity units held every hour: `value` × 730 unit-hours. */
function capacity(
  label: string,
  where: string | undefined,
  unitName: string,
  attrs: AttrView,
  attribute: string,
  priced: Pick<ComponentSpec, 'skus' | 'unpricedReason'>,
  path?: string,
): ComponentSpec {
  const value = attrs.num(attribute);
  const at = path ? `${path}.${attribute}` : attribute;
  const amount = `${value === UNKNOWN || value === undefined ? '?' : value.toString()} ${unitName}`;
  const name = `${label} (${where ? `${where}, ` : ''}${amount})`;
  const quantity =
    value === UNKNOWN
      ? unknownQuantity(afterApply(at))
      : value === undefined
        ? unknownQuantity(`${at} is not set`)
        : monthHours(value);
  return { name, unit: 'hours', quantity, hourly: true, ...priced };
}
