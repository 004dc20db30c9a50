import { fromUsage, monthHours } from '../quantity.ts';
import type { Pricer } from '../types.ts';

/**
 * A NAT gateway bills every hour it exists and every GB it processes. Its public address is an
 * aws_eip, priced there.
 */
export const natGateway: Pricer = {
  types: ['aws_nat_gateway'],
  summary: 'hours, GB processed',
  usage: { monthly_data_processed_gb: 'GB processed a month' },
  components({ usage }) {
    return [
      {
        name: 'NAT gateway',
        unit: 'hours',
        quantity: monthHours(),
        skus: [{ sku: 'vpc/nat/hour' }],
        hourly: true,
      },
      {
        name: 'Data processed',
        unit: 'GB',
        quantity: fromUsage(usage, 'monthly_data_processed_gb'),
        skus: [{ sku: 'vpc/nat/gb' }],
      },
    ];
  },
};
