import { UNKNOWN } from '../../attributes.ts';
import { dec } from '../../money.ts';
import { afterApply, fromUsage, monthHours, times, unknownQuantity } from '../quantity.ts';
import type { Pricer } from '../types.ts';

/**
 * An interface VPC endpoint bills by the hour in each Availability Zone it has a network interface
 * in, one per subnet in `subnet_ids` (AWS allows one subnet per zone), plus every GB it processes
 * (usage `monthly_data_processed_gb`, at the first-petabyte rate). Gateway endpoints (S3, DynamoDB;
 * the provider's default type) are free. Gateway Load Balancer endpoints and the VPC Lattice types
 * (Resource, ServiceNetwork) bill at rates of their own that the catalog does not hold: they are
 * named as not priced.
 */
export const vpcEndpoint: Pricer = {
  types: ['aws_vpc_endpoint'],
  summary: 'interface endpoint hours per Availability Zone, GB processed; gateway endpoints are free',
  usage: { monthly_data_processed_gb: 'GB processed a month' },
  components({ attrs, usage }) {
    const type = attrs.str('vpc_endpoint_type') ?? 'Gateway';
    if (type === 'Gateway') return [];
    if (type === UNKNOWN) {
      const reason = afterApply('vpc_endpoint_type');
      return [{ name: 'Endpoint', unit: 'hours', quantity: unknownQuantity(reason), skus: [], hourly: true }];
    }
    if (type !== 'Interface') {
      const reason = `${type} endpoints bill at their own rates, which the catalog does not hold`;
      return [
        {
          name: `${type} endpoint`,
          unit: 'hours',
          quantity: monthHours(),
          skus: [],
          hourly: true,
          unpricedReason: reason,
        },
      ];
    }
    // A list of subnets whose ids are unknown still has a known length; only an unknown list has not.
    const subnets = attrs.get('subnet_ids');
    const zones = subnets === UNKNOWN ? UNKNOWN : Array.isArray(subnets) ? dec(subnets.length) : dec(0);
    const hours = zones === UNKNOWN ? unknownQuantity(afterApply('subnet_ids')) : times(monthHours(), zones);
    return [
      {
        name: `Interface endpoint${zones === UNKNOWN ? '' : ` × ${zones.toString()} zone${zones.eq(1) ? '' : 's'}`}`,
        unit: 'hours',
        quantity: hours,
        skus: [{ sku: 'vpc/endpoint/hour' }],
        hourly: true,
      },
      {
        name: 'Data processed',
        unit: 'GB',
        quantity: fromUsage(usage, 'monthly_data_processed_gb'),
        skus: [{ sku: 'vpc/endpoint/gb' }],
      },
    ];
  },
};
