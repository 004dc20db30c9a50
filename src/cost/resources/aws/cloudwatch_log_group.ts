import { UNKNOWN } from '../../attributes.ts';
import { afterApply, fromUsage, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer } from '../types.ts';
import { withDefault } from './shared/references.ts';

/** Each line of a log group's bill: name, unit, usage key, SKU. */
const LINES: readonly [string, string, string, string][] = [
  ['Data ingested', 'GB', 'monthly_data_ingested_gb', 'cloudwatch/logs/ingest'],
  ['Archival storage', 'GB-months', 'storage_gb', 'cloudwatch/logs/storage'],
  ['Logs Insights data scanned', 'GB', 'monthly_data_scanned_gb', 'cloudwatch/logs/insights'],
];

const LOG_USAGE: Record<string, string> = {
  monthly_data_ingested_gb: 'GB of logs ingested a month',
  storage_gb: 'GB of logs stored (archived)',
  monthly_data_scanned_gb: 'GB scanned by Logs Insights queries a month',
};

/**
 * A log group bills, from usage, the GB ingested (`monthly_data_ingested_gb`), the GB stored
 * (`storage_gb`, archived GB-months, which retention_in_days bounds) and the GB Logs Insights queries
 * scan (`monthly_data_scanned_gb`). The catalog holds Standard-class prices: an INFREQUENT_ACCESS or
 * DELIVERY group has prices of its own and is named as not priced rather than priced as Standard.
 */
export const cloudwatchLogGroup: Pricer = {
  types: ['aws_cloudwatch_log_group'],
  summary: 'data ingested, archival storage and Logs Insights data scanned (Standard log class)',
  usage: LOG_USAGE,
  components({ attrs, resource, usage }) {
    // STANDARD is the class AWS creates when none is given.
    const logClass = withDefault(resource, ['log_group_class'], attrs.str('log_group_class'), 'STANDARD');
    return LINES.map(([name, unit, key, sku]): ComponentSpec => {
      if (logClass === UNKNOWN) {
        return { name, unit, quantity: unknownQuantity(afterApply('log_group_class')), skus: [] };
      }
      if (logClass !== 'STANDARD') {
        return {
          name: `${name} (${logClass})`,
          unit,
          quantity: fromUsage(usage, key),
          skus: [],
          unpricedReason: `the ${logClass} log class has prices of its own, not in the catalog`,
        };
      }
      return { name, unit, quantity: fromUsage(usage, key), skus: [{ sku }] };
    });
  },
};
