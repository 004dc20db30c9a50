import { UNKNOWN } from '../../attributes.ts';
import { afterApply, fromUsage, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer } from '../types.ts';
import { withDefault } from './shared/references.ts';

/**
 * A log group bills, from usage, the GB ingested (`monthly_data_ingested_gb`), the GB stored
 * (`storage_gb`, archived GB-months, which retention_in_days bounds) and the GB Logs Insights queries
 * scan (`monthly_data_scanned_gb`). The catalog holds Standard-class prices: an INFREQUENT_ACCESS or
 * DELIVERY group has prices of its own and is named as not priced rather than priced as Standard.
 */
export const cloudwatchLogGroup: Pricer = {
  types: ['aws_cloudwatch_log_group'],
  components({ attrs, resource, usage }) {
    // STANDARD is the class AWS creates when none is given.
    const logClass = withDefault(resource, ['log_group_class'], attrs.str('log_group_class'), 'STANDARD');
    const lines: [string, string, string, string][] = [
      ['Data ingested', 'GB', 'monthly_data_ingested_gb', 'cloudwatch/logs/ingest'],
      ['Archival storage', 'GB-months', 'storage_gb', 'cloudwatch/logs/storage'],
      ['Logs Insights data scanned', 'GB', 'monthly_data_scanned_gb', 'cloudwatch/logs/insights'],
    ];
    return lines.map(([name, unit, key, sku]): ComponentSpec => {
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
