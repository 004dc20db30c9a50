import { UNKNOWN } from '../../attributes.ts';
import { afterApply, fromUsage, monthHours } from '../quantity.ts';
import type { ComponentSpec, Pricer, PricerInput } from '../types.ts';
import { loadBalancerAddresses } from './shared/public_ipv4.ts';
import { isConfigured, withDefault } from './shared/references.ts';

/**
 * A Classic Load Balancer bills every hour it exists and every GB it processes (usage
 * `monthly_data_processed_gb`), and an internet-facing one the public IPv4 address it has in each of
 * its subnets (Availability Zones). Listeners, health checks and instances attached do not change it.
 */
export const elb: Pricer = {
  types: ['aws_elb'],
  summary: 'hours, GB processed, the public IPv4 addresses of internet-facing ones',
  usage: { monthly_data_processed_gb: 'GB processed a month' },
  components(input) {
    const components: ComponentSpec[] = [
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
        quantity: fromUsage(input.usage, 'monthly_data_processed_gb'),
        skus: [{ sku: 'elb/clb/gb' }],
      },
    ];
    const addresses = publicIpv4(input);
    if (addresses) components.push(addresses);
    return components;
  },
};

/**
 * AWS has charged every public IPv4 address by the hour since 2024-02-01, Classic Load Balancers'
 * included: an internet-facing one has one in each subnet, or in each Availability Zone when it is
 * given zones instead (EC2-Classic, default VPC). It may add more as it scales: the count is its floor.
 */
function publicIpv4({ attrs, resource }: PricerInput): ComponentSpec | undefined {
  const unknown = (reason: string): ComponentSpec => loadBalancerAddresses({ unknown: reason });
  const internal = withDefault(resource, ['internal'], attrs.bool('internal'), false);
  if (internal === true) return undefined;
  if (internal === UNKNOWN) return unknown(afterApply('internal'));

  // Either is computed from the other when the configuration writes only one: unknown at create.
  const subnets = attrs.strings('subnets');
  const zones = attrs.strings('availability_zones');
  let count: number;
  let per: string;
  if (Array.isArray(subnets) && subnets.length > 0) {
    count = subnets.length;
    per = 'subnet';
  } else if (Array.isArray(zones) && zones.length > 0) {
    count = zones.length;
    per = 'Availability Zone';
  } else if (subnets === UNKNOWN || zones === UNKNOWN) {
    const zonesWritten = isConfigured(resource, ['availability_zones']) === true;
    return unknown(afterApply(subnets === UNKNOWN && !zonesWritten ? 'subnets' : 'availability_zones'));
  } else {
    return unknown('neither subnets nor availability_zones is set: the addresses cannot be counted');
  }
  return loadBalancerAddresses(count, per, 'a Classic Load Balancer may add more as it scales');
}
