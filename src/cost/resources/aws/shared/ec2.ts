import type Big from 'big.js';
import { UNKNOWN, type Unknown } from '../../../attributes.ts';
import { afterApply, known, monthHours, times, unknownQuantity } from '../../quantity.ts';
import type { ComponentSpec } from '../../types.ts';
import { unknownInstanceType } from './instance-types.ts';

/**
 * Linux on-demand instance hours for `count` instances of `type`. The catalog holds shared-tenancy
 * prices only, so dedicated and host tenancy are named as not priced rather than priced as shared.
 */
export function instanceHours(options: {
  type: string | Unknown | undefined;
  count?: Big | Unknown;
  tenancy?: string | Unknown;
  label?: string;
  typeAttribute?: string;
}): ComponentSpec {
  const { type, tenancy } = options;
  const attribute = options.typeAttribute ?? 'instance_type';
  const name = `${options.label ?? 'Instance'} (Linux on-demand, ${type === UNKNOWN || type === undefined ? 'type unknown' : type})`;
  if (type === UNKNOWN || type === undefined) {
    const reason = type === UNKNOWN ? afterApply(attribute) : `${attribute} is not set`;
    return {
      name,
      unit: 'hours',
      quantity: unknownQuantity(reason),
      skus: [],
      hourly: true,
      unpricedReason: reason,
    };
  }
  if (tenancy === 'dedicated' || tenancy === 'host') {
    const reason = `${tenancy} tenancy is not in the catalog (it holds shared-tenancy prices)`;
    return {
      name,
      unit: 'hours',
      quantity: options.count === undefined ? monthHours() : times(monthHours(), options.count),
      skus: [],
      hourly: true,
      unpricedReason: reason,
    };
  }
  const quantity = options.count === undefined ? monthHours() : times(monthHours(), options.count);
  const spec: ComponentSpec = {
    name,
    unit: 'hours',
    quantity,
    skus: [{ sku: `ec2/instance/${type}` }],
    hourly: true,
  };
  // Said only if no source prices it (a misspelt type, most often).
  const unknownType = unknownInstanceType(type);
  if (unknownType) spec.unpricedReason = unknownType;
  return spec;
}

/** Burstable families whose CPU credits can be bought (`unlimited` mode). */
export function isBurstable(type: string): boolean {
  return /^t(2|3|3a|4g)\./.test(type);
}

/** Unlimited is the default for t3, t3a and t4g; standard for t2. */
export function defaultCreditMode(type: string): 'unlimited' | 'standard' {
  return type.startsWith('t2.') ? 'standard' : 'unlimited';
}

/** Detailed monitoring publishes seven metrics per instance at the custom-metric price. */
export const DETAILED_MONITORING_METRICS = 7;

/** One instance's detailed monitoring: each of its metrics is billed by the month, a metric-month. */
export function detailedMonitoring(name: string): ComponentSpec {
  return {
    name,
    unit: 'metric-months',
    quantity: known(DETAILED_MONITORING_METRICS),
    skus: [{ sku: 'cloudwatch/metric' }],
  };
}
