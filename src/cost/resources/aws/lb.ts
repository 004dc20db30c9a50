import type Big from 'big.js';
import { UNKNOWN } from '../../attributes.ts';
import { dec, HOURS_PER_MONTH } from '../../money.ts';
import type { UsageValues } from '../../usage.ts';
import { afterApply, known, monthHours, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer } from '../types.ts';

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
 * TCP: 800 new connections/s, 100,000 active connections, 1 GB/h. GWLB GLCU: 600 new flows/s, 60,000
 * active flows, 1 GB/h.
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
 *   count as 0.
 * Without any of them the capacity-unit line is "usage not given".
 */
export const lb: Pricer = {
  types: ['aws_lb', 'aws_alb'],
  summary: 'hours by type (application, network, gateway), capacity units',
  usage: {
    monthly_capacity_units_hours:
      'capacity-unit-hours a month (LCU, NLCU or GLCU), e.g. the sum of ConsumedLCUs; wins over the averages',
    new_connections: 'average new connections (flows) per second',
    active_connections: 'average active connections per minute',
    processed_bytes_gb: 'average GB processed per hour',
    rule_evaluations: 'average rule evaluations per second (application load balancers)',
  },
  components({ attrs, usage }) {
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
    return [
      {
        name: kind.name,
        unit: 'hours',
        quantity: monthHours(),
        skus: [{ sku: `elb/${kind.sku}/hour` }],
        hourly: true,
      },
      capacityUnits(kind, usage),
    ];
  },
};

function capacityUnits(kind: Kind, usage: UsageValues): ComponentSpec {
  const base = {
    name: `Load balancer capacity units (${kind.unit})`,
    unit: `${kind.unit}-hours`,
    skus: [{ sku: `elb/${kind.sku}/lcu` }],
  };
  const direct = usage.number('monthly_capacity_units_hours');
  if (direct !== undefined) return { ...base, quantity: known(direct) };

  const perHour: Big[] = [];
  const dimension = (key: keyof Kind['per'], value: Big | undefined) => {
    const per = kind.per[key];
    if (value !== undefined && per !== undefined) perHour.push(value.div(per));
  };
  dimension('new_connections', usage.number('new_connections'));
  dimension('active_connections', usage.number('active_connections'));
  dimension('processed_bytes_gb', usage.number('processed_bytes_gb'));
  dimension('rule_evaluations', usage.number('rule_evaluations'));
  if (perHour.length === 0) {
    const keys = ['new_connections', 'active_connections', 'processed_bytes_gb'];
    if (kind.per.rule_evaluations !== undefined) keys.push('rule_evaluations');
    return {
      ...base,
      quantity: { kind: 'usage', key: `monthly_capacity_units_hours (or ${keys.join(', ')})` },
    };
  }
  const units = perHour.reduce((a, b) => (b.gt(a) ? b : a), dec(0));
  // Capacity units are billed for every hour the load balancer runs: scaled with monthly_hours.
  return { ...base, quantity: known(units.times(HOURS_PER_MONTH)), hourly: true };
}
