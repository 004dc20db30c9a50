import Big from 'big.js';

/** AWS bills hourly resources per hour; tollgate states a month as 730 hours, in every report. */
export const HOURS_PER_MONTH = 730;

export type Decimal = Big;

/** An exact decimal from a price or quantity; numbers go through their shortest decimal form. */
export function dec(value: string | number | Big): Big {
  return new Big(value);
}

export const ZERO: Big = new Big(0);

// big.js builds a Big from its argument on every comparison; these two run per resource, so they read
// the normalised digits instead (zero is [0]; one is [1] with exponent 0).
export function isZero(value: Big): boolean {
  return value.c[0] === 0;
}

export function isOne(value: Big): boolean {
  return value.s === 1 && value.e === 0 && value.c.length === 1 && value.c[0] === 1;
}

export function sum(values: Iterable<Big>): Big {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/**
 * Exact sums over many decimals, as integers at one common scale. Every Big addition allocates digit
 * arrays, and a report adds each resource's cost several times (totals, and per showback key and
 * side); here each distinct decimal is converted once and the additions are bigint additions.
 */
export class DecimalSums {
  private readonly scaled = new Map<Big, bigint>();
  private readonly scale: number;

  /** `values`: every decimal that will be added (the scale must fit the one with the most places). */
  constructor(values: Iterable<Big>) {
    let scale = 0;
    for (const v of values) {
      if (this.scaled.has(v)) continue;
      this.scaled.set(v, 0n);
      scale = Math.max(scale, decimalPlaces(v));
    }
    this.scale = scale;
    for (const v of this.scaled.keys()) {
      const digits = BigInt(v.c.join('')) * 10n ** BigInt(scale + v.e - v.c.length + 1);
      this.scaled.set(v, v.s < 0 ? -digits : digits);
    }
  }

  /** The addend for `value`, which must have been given to the constructor. */
  of(value: Big): bigint {
    const scaled = this.scaled.get(value);
    if (scaled === undefined) throw new Error(`DecimalSums: ${value.toString()} was not registered`);
    return scaled;
  }

  /**
   * A sum of addends as a JSON number: what toJsonNumber gives for its decimal. A safe integer over an
   * exact power of ten is one correctly rounded division, as parsing the decimal is.
   */
  jsonNumber(sum: number | bigint): number {
    if (typeof sum === 'number' && Number.isSafeInteger(sum) && this.scale <= 22)
      return this.scale === 0 ? sum : sum / 10 ** this.scale;
    return toJsonNumber(this.decimal(BigInt(sum)));
  }

  /** A sum of addends back as an exact decimal. */
  decimal(sum: bigint): Big {
    const negative = sum < 0n;
    const digits = (negative ? -sum : sum).toString().padStart(this.scale + 1, '0');
    const point = digits.length - this.scale;
    return new Big(`${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point) || '0'}`);
  }
}

function decimalPlaces(value: Big): number {
  return Math.max(0, value.c.length - value.e - 1);
}

// 10^0 … 10^22, each exactly a double (parsed, so correctly rounded whatever Math.pow does).
const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** For the JSON report: exact decimals become JSON numbers (money magnitudes fit a double exactly enough). */
export function toJsonNumber(value: Big): number {
  // A report converts tens of thousands of decimals. Up to 15 digits, the digits form an exact
  // integer and one division (or multiplication) by an exact power of ten rounds correctly, as
  // parsing the decimal's string would; anything longer goes through the string.
  const digits = value.c;
  const n = digits.length;
  const shift = value.e - n + 1;
  if (n <= 15 && shift >= -22 && shift <= 22) {
    let integer = 0;
    for (let i = 0; i < n; i++) integer = integer * 10 + (digits[i] as number);
    const magnitude =
      shift < 0 ? integer / (POWERS_OF_TEN[-shift] as number) : integer * (POWERS_OF_TEN[shift] as number);
    if (shift < 0 || magnitude <= Number.MAX_SAFE_INTEGER)
      return value.s < 0 && magnitude !== 0 ? -magnitude : magnitude;
  }
  return Number(value.toString());
}

/** `21,900`, `4.35`: a quantity rounded to `places` decimals, as people read it. Display only. */
export function formatCount(value: Big, places: number): string {
  const [whole, fraction] = value.round(places).toFixed().split('.') as [string, string | undefined];
  return groupThousands(whole) + (fraction ? `.${fraction}` : '');
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `$1,234.57`, `-$3.10`, with `+` for increases when `signed`. Rounds half-up to cents: display only. */
export function formatUsd(value: Big, options: { signed?: boolean } = {}): string {
  const rounded = value.round(2, Big.roundHalfUp);
  const negative = rounded.lt(0);
  const [whole, cents] = rounded.abs().toFixed(2).split('.') as [string, string];
  const grouped = groupThousands(whole);
  const sign = negative ? '-' : options.signed && rounded.gt(0) ? '+' : '';
  return `${sign}$${grouped}.${cents}`;
}

/**
 * A unit price with the precision it was quoted in (prices like $0.0000166667 keep their digits), up
 * to 8 significant digits: a derived rate (a node's price split per vCPU) has twenty.
 */
export function formatUnitPrice(value: Big): string {
  if (value.eq(0)) return formatUsd(value);
  // $4.608 an hour stays $4.608: shown as $4.61, a line's "730 hours × price = cost" would not add up.
  const shown = new Big(value.toPrecision(8));
  const [whole, fraction = ''] = shown
    .abs()
    .toFixed(Math.max(2, significantDecimals(shown)))
    .split('.');
  return `${shown.lt(0) ? '-' : ''}$${groupThousands(whole as string)}.${fraction}`;
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
