import { fromUsage, monthHours } from '../quantity.ts';
import type { Pricer } from '../types.ts';

/**
 * A Classic Load Balancer bills every hour it exists and every GB it processes (usage
 * `monthly_data_processed_gb`). Listeners, health checks and instances attached do not change it.
 */
export const elb: Pricer = {
  types: ['aws_elb'],
  summary: 'hours, GB processed',
  usage: { monthly_data_processed_gb: 'GB processed a month' },
  components({ usage }) {
    return [
      {
        name: 'Classic load balancer',
        unit: 'hours',
        quantity: monthHours(),
        skus: [{ sku: 'elb/clb/hour' }],
        hourly: true,
      },
      {
        name: 'Data processed',
        unit: 'GB',
        quantity: fromUsage(usage, 'monthly_data_processed_gb'),
        skus: [{ sku: 'elb/clb/gb' }],
      },
    ];
  },
};
