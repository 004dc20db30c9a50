import type Big from 'big.js';
import { UNKNOWN } from '../../attributes.ts';
import { dec, HOURS_PER_MONTH } from '../../money.ts';
import type { Resource } from '../../../model/resource.ts';
import type { AttrView } from '../../attributes.ts';
import { afterApply, known, monthHours, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer, PricerInput } from '../types.ts';
import { nlbDimensions } from './shared/listeners.ts';
import { loadBalancerAddresses } from './shared/public_ipv4.ts';
import { isConfigured, withDefault } from './shared/references.ts';

interface Kind {
  sku: 'alb' | 'nlb' | 'gwlb';
  name: string;
  unit: string;
  /** How much of each dimension one capacity unit covers per hour; AWS bills the largest. */
  per: {
    new_connections: number;
    active_connections: number;
    processed_bytes_gb: number;
    rule_evaluations?: number;
  };
}

/**
 * AWS's capacity-unit dimensions. ALB LCU: 25 new connections/s, 3,000 active connections/min, 1 GB/h
 * processed (EC2 and IP targets; Lambda targets count 0.4 GB), 1,000 rule evaluations/s. NLB NLCU for
 * TCP: 800 new connections/s, 100,000 active connections, 1 GB/h; UDP and TLS listeners cover less
 * (shared/listeners.ts). GWLB GLCU: 600 new flows/s, 60,000 active flows, 1 GB/h.
 */
const KINDS: Record<string, Kind> = {
  application: {
    sku: 'alb',
    name: 'Application load balancer',
    unit: 'LCU',
    per: { new_connections: 25, active_connections: 3000, processed_bytes_gb: 1, rule_evaluations: 1000 },
  },
  network: {
    sku: 'nlb',
    name: 'Network load balancer',
    unit: 'NLCU',
    per: { new_connections: 800, active_connections: 100_000, processed_bytes_gb: 1 },
  },
  gateway: {
    sku: 'gwlb',
    name: 'Gateway load balancer',
    unit: 'GLCU',
    per: { new_connections: 600, active_connections: 60_000, processed_bytes_gb: 1 },
  },
};

/**
 * aws_lb / aws_alb: the load balancer's hours, and its capacity units from the usage file.
 *
 * Usage keys (per address or per type), in order of precedence:
 * - `monthly_capacity_units_hours`: LCU-hours a month, e.g. the sum of CloudWatch's ConsumedLCUs.
 * - infracost's averages: `new_connections` (per second), `active_connections` (per minute),
 *   `processed_bytes_gb` (GB per hour), `rule_evaluations` (per second, ALB only: request rate ×
 *   rules evaluated beyond the 10 free ones). Each is divided by what one capacity unit covers
 *   and the largest is billed, every hour: 730 × max(...) capacity-unit-hours. Dimensions not given
 *   count as 0. A network load balancer's dimensions follow the protocol of its listeners
 *   (aws_lb_listener) in the plan: TCP, UDP or TLS.
 * Without any of them the capacity-unit line is "usage not given".
 */
export const lb: Pricer = {
  types: ['aws_lb', 'aws_alb'],
  summary:
    'hours by type (application, network, gateway), capacity units, the public IPv4 addresses of internet-facing ones',
  usage: {
    monthly_capacity_units_hours:
      'capacity-unit-hours a month (LCU, NLCU or GLCU), e.g. the sum of ConsumedLCUs; wins over the averages',
    new_connections:
      'average new connections (flows) per second; on a network load balancer the capacity unit depends on its listeners (TCP, UDP, TLS) in the plan',
    active_connections: 'average active connections per minute',
    processed_bytes_gb: 'average GB processed per hour',
    rule_evaluations: 'average rule evaluations per second (application load balancers)',
  },
  components(input) {
    const { attrs, resource } = input;
    const type = attrs.str('load_balancer_type') ?? 'application';
    if (type === UNKNOWN) {
      const reason = afterApply('load_balancer_type');
      return [
        {
          name: 'Load balancer',
          unit: 'hours',
          quantity: unknownQuantity(reason),
          skus: [],
          hourly: true,
          unpricedReason: reason,
        },
      ];
    }
    const kind = Object.hasOwn(KINDS, type) ? KINDS[type] : undefined;
    if (!kind) {
      const reason = `load_balancer_type "${type}" is not one tollgate knows (application, network, gateway)`;
      return [
        {
          name: 'Load balancer',
          unit: 'hours',
          quantity: monthHours(),
          skus: [],
          hourly: true,
          unpricedReason: reason,
        },
      ];
    }
    const components: ComponentSpec[] = [
      {
        name: kind.name,
        unit: 'hours',
        quantity: monthHours(),
        skus: [{ sku: `elb/${kind.sku}/hour` }],
        hourly: true,
      },
      capacityUnits(kind, input),
    ];
    const addresses = publicIpv4(kind, attrs, resource);
    if (addresses) components.push(addresses);
    return components;
  },
};

/**
 * An internet-facing application or network load balancer has a public IPv4 address in each of its
 * subnets (one per Availability Zone), and AWS has charged every public IPv4 address by the hour
 * since 2024-02-01, load balancers' included. Internal ones, gateway load balancers and
 * `dualstack-without-public-ipv4` have none; a network load balancer's subnet given an Elastic IP
 * (`subnet_mapping.allocation_id`) uses that address, billed on the aws_eip. An application load
 * balancer can add addresses as it scales: the count here is its floor. A network load balancer keeps
 * one address per subnet.
 */
function publicIpv4(kind: Kind, attrs: AttrView, resource: Resource): ComponentSpec | undefined {
  if (kind.sku === 'gwlb') return undefined;
  const unknown = (reason: string): ComponentSpec => loadBalancerAddresses({ unknown: reason });
  const internal = withDefault(resource, ['internal'], attrs.bool('internal'), false);
  if (internal === true) return undefined;
  if (internal === UNKNOWN) return unknown(afterApply('internal'));
  const addressType = withDefault(resource, ['ip_address_type'], attrs.str('ip_address_type'), 'ipv4');
  if (addressType === 'dualstack-without-public-ipv4') return undefined;
  if (addressType === UNKNOWN) return unknown(afterApply('ip_address_type'));

  let count: number;
  const mappings = attrs.blocks('subnet_mapping');
  if (mappings !== UNKNOWN && mappings.length > 0) {
    const own = mappings.filter((m, i) => !elasticIp(m, resource, i));
    if (own.length === 0) return undefined;
    count = own.length;
  } else {
    const subnets = attrs.strings('subnets');
    if (subnets === UNKNOWN) return unknown(afterApply('subnets'));
    // subnets and subnet_mapping are computed from each other: the one the configuration does not
    // write is unknown at create. Known subnets name the same subnets the mappings will.
    const fromSubnets = subnets !== undefined && subnets.length > 0;
    if (mappings === UNKNOWN && (!fromSubnets || isConfigured(resource, ['subnet_mapping']) === true))
      return unknown(afterApply('subnet_mapping'));
    if (!fromSubnets) return unknown('subnets is not set: the addresses, one per subnet, cannot be counted');
    count = subnets.length;
  }
  const scales = kind.sku === 'alb' ? 'an application load balancer may add more as it scales' : '';
  return loadBalancerAddresses(count, 'subnet', scales);
}

/**
 * Whether a subnet mapping takes an Elastic IP. allocation_id is not computed: unknown, it is an
 * expression (an aws_eip created in the same plan), unless the plan computes the whole block and the
 * configuration does not write it.
 */
function elasticIp(mapping: AttrView, resource: Resource, index: number): boolean {
  const id = mapping.str('allocation_id');
  if (id !== UNKNOWN) return id !== undefined;
  return isConfigured(resource, ['subnet_mapping', index, 'allocation_id']) !== false;
}

function capacityUnits(kind: Kind, input: PricerInput): ComponentSpec {
  const { usage } = input;
  const base = {
    name: `Load balancer capacity units (${kind.unit})`,
    unit: `${kind.unit}-hours`,
    skus: [{ sku: `elb/${kind.sku}/lcu` }],
  };
  const direct = usage.number('monthly_capacity_units_hours');
  if (direct !== undefined) return { ...base, quantity: known(direct) };

  const averages = {
    new_connections: usage.number('new_connections'),
    active_connections: usage.number('active_connections'),
    processed_bytes_gb: usage.number('processed_bytes_gb'),
    rule_evaluations: usage.number('rule_evaluations'),
  };
  const dimensions = Object.keys(averages) as (keyof Kind['per'])[];
  if (!dimensions.some((key) => averages[key] !== undefined && kind.per[key] !== undefined)) {
    const keys = ['new_connections', 'active_connections', 'processed_bytes_gb'];
    if (kind.per.rule_evaluations !== undefined) keys.push('rule_evaluations');
    return {
      ...base,
      quantity: { kind: 'usage', key: `monthly_capacity_units_hours (or ${keys.join(', ')})` },
    };
  }
  // Only averages depend on the listeners' protocol: the plan's listeners are read for them alone.
  let per: Kind['per'] = kind.per;
  let note: string | undefined;
  if (kind.sku === 'nlb') {
    const byProtocol = nlbDimensions(input);
    if ('reason' in byProtocol)
      return { ...base, quantity: unknownQuantity(byProtocol.reason), hourly: true };
    per = byProtocol.per;
    note = byProtocol.note;
  }
  const perHour: Big[] = [];
  for (const key of dimensions) {
    const value = averages[key];
    const covered = per[key];
    if (value !== undefined && covered !== undefined) perHour.push(value.div(covered));
  }
  const units = perHour.reduce((a, b) => (b.gt(a) ? b : a), dec(0));
  // Capacity units are billed for every hour the load balancer runs: scaled with monthly_hours.
  return {
    ...base,
    quantity: known(units.times(HOURS_PER_MONTH)),
    hourly: true,
    ...(note === undefined ? {} : { note }),
  };
}
