import Big from 'big.js';
import { UNKNOWN, type Unknown } from '../attributes.ts';
import { dec, HOURS_PER_MONTH, isOne } from '../money.ts';
import type { UsageValues } from '../usage.ts';
import type { Quantity } from './types.ts';

export function known(value: Big | number | string): Quantity {
  // Decimals are immutable: a Big is used as it is, not copied.
  return { kind: 'known', value: value instanceof Big ? value : dec(value) };
}

export function unknownQuantity(reason: string): Quantity {
  return { kind: 'unknown', reason };
}

/** Hours a month for `count` always-on units. */
export function monthHours(count: Big | number = 1): Quantity {
  if (count === 1) return ONE_MONTH;
  return known(MONTH.times(count));
}

const MONTH = dec(HOURS_PER_MONTH);
const ONE_MONTH: Quantity = Object.freeze({ kind: 'known', value: MONTH });

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
  if (quantity.kind !== 'known' || isOne(count)) return quantity;
  return known(quantity.value.times(count));
}

/** "<attribute> is known only after apply" — the reason shown for unknown components. */
export function afterApply(attribute: string): string {
  return `${attribute} is known only after apply`;
}
