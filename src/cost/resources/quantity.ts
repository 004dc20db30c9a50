import type Big from 'big.js';
import { UNKNOWN, type Unknown } from '../attributes.ts';
import { dec, HOURS_PER_MONTH } from '../money.ts';
import type { UsageValues } from '../usage.ts';
import type { Quantity } from './types.ts';

export function known(value: Big | number | string): Quantity {
  return { kind: 'known', value: dec(value) };
}

export function unknownQuantity(reason: string): Quantity {
  return { kind: 'unknown', reason };
}

/** Hours a month for `count` always-on units. */
export function monthHours(count: Big | number = 1): Quantity {
  return known(dec(HOURS_PER_MONTH).times(count));
}

/**
 * A usage-billed quantity from the usage file, converted to the price's unit (e.g. requests → 1M
 * requests with `per: 1_000_000`); "usage not given" when the file has none.
 */
export function fromUsage(usage: UsageValues, key: string, per = 1): Quantity {
  const value = usage.number(key);
  return value === undefined ? { kind: 'usage', key } : known(value.div(per));
}

/** A count that may be unknown (desired_capacity, replicas): UNKNOWN stays UNKNOWN. */
export function times(quantity: Quantity, count: Big | Unknown): Quantity {
  if (count === UNKNOWN)
    return quantity.kind === 'known' ? unknownQuantity('the count is known only after apply') : quantity;
  return quantity.kind === 'known' ? known(quantity.value.times(count)) : quantity;
}

/** "<attribute> is known only after apply" — the reason shown for unknown components. */
export function afterApply(attribute: string): string {
  return `${attribute} is known only after apply`;
}
