import Big from 'big.js';

/** AWS bills hourly resources per hour; tollgate states a month as 730 hours, in every report. */
export const HOURS_PER_MONTH = 730;

export type Decimal = Big;

/** An exact decimal from a price or quantity; numbers go through their shortest decimal form. */
export function dec(value: string | number | Big): Big {
  return new Big(value);
}

export const ZERO: Big = new Big(0);

export function sum(values: Iterable<Big>): Big {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** For the JSON report: exact decimals become JSON numbers (money magnitudes fit a double exactly enough). */
export function toJsonNumber(value: Big): number {
  return Number(value.toString());
}

/** `$1,234.57`, `-$3.10`, with `+` for increases when `signed`. Rounds half-up to cents: display only. */
export function formatUsd(value: Big, options: { signed?: boolean } = {}): string {
  const rounded = value.round(2, Big.roundHalfUp);
  const negative = rounded.lt(0);
  const [whole, cents] = rounded.abs().toFixed(2).split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = negative ? '-' : options.signed && rounded.gt(0) ? '+' : '';
  return `${sign}$${grouped}.${cents}`;
}

/**
 * A unit price with the precision it was quoted in (prices like $0.0000166667 keep their digits), up
 * to 8 significant digits: a derived rate (a node's price split per vCPU) has twenty.
 */
export function formatUnitPrice(value: Big): string {
  const abs = value.abs();
  if (abs.gte(1) || abs.eq(0)) return formatUsd(value);
  const shown = new Big(value.toPrecision(8));
  const text = shown.toFixed(Math.max(2, significantDecimals(shown)));
  return `$${text}`;
}

function significantDecimals(value: Big): number {
  const [, fraction = ''] = value.toFixed().split('.');
  return fraction.replace(/0+$/, '').length;
}

/** A percentage change, or undefined when there is no base to compare with. */
export function percentChange(before: Big, after: Big): Big | undefined {
  if (before.eq(0)) return undefined;
  return after.minus(before).div(before).times(100);
}
