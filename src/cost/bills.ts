import type Big from 'big.js';
import type { ComponentSpec, Quantity, SkuChoice } from './resources/types.ts';

/**
 * One shared list of components for every side with the same bill (one module's for_each, a fleet
 * of the same instance type), so each distinct bill is filled and reported once. A side is hashed
 * field by field and compared structurally on a hash match: building a key string per side instead
 * would allocate more than pricing the resource does.
 */
export class BillInterner {
  private readonly buckets = new Map<number, Bill[]>();

  /** `specs`, or an equal list seen before; region and hours are part of what makes bills equal. */
  intern(specs: ComponentSpec[], region: string, hours: Big | undefined): ComponentSpec[] {
    let h = text(SEED, region);
    h = decimal(h, hours);
    for (const s of specs) h = spec(h, s);
    const bucket = this.buckets.get(h);
    if (bucket) {
      for (const bill of bucket)
        if (bill.region === region && sameDecimal(bill.hours, hours) && sameSpecs(bill.specs, specs))
          return bill.specs;
      bucket.push({ specs, region, hours });
    } else this.buckets.set(h, [{ specs, region, hours }]);
    return specs;
  }
}

interface Bill {
  specs: ComponentSpec[];
  region: string;
  hours: Big | undefined;
}

const SEED = 0x811c9dc5;

// FNV-1a over a string's length and a few of its characters: names and reasons are long, and the
// structural comparison on a hash match is what decides, so the hash only has to spread bills out.
function text(h: number, value: string | undefined): number {
  if (value === undefined) return Math.imul(h ^ 0x1f, 0x01000193);
  const n = value.length;
  h = Math.imul(h ^ n, 0x01000193);
  if (n <= 16) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  } else {
    for (let i = 0; i < 8; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
    for (let i = n - 8; i < n; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  }
  return Math.imul(h ^ 0x1e, 0x01000193);
}

function int(h: number, value: number): number {
  return Math.imul(h ^ (value & 0xffff) ^ ((value >>> 16) << 5), 0x01000193);
}

// A Big's normalized sign, exponent and digits (equal decimals have equal ones): no string needed.
function decimal(h: number, value: Big | undefined): number {
  if (value === undefined) return int(h, 0x7fff);
  h = int(int(h, value.s), value.e + 1024);
  for (const digit of value.c) h = int(h, digit);
  return int(h, value.c.length);
}

function quantity(h: number, q: Quantity | undefined): number {
  if (q === undefined) return text(h, undefined);
  h = text(h, q.kind);
  return q.kind === 'known' ? decimal(h, q.value) : text(h, q.kind === 'usage' ? q.key : q.reason);
}

function spec(h: number, s: ComponentSpec): number {
  h = text(text(h, s.name), s.unit);
  h = int(h, s.hourly ? 1 : 0);
  h = text(text(h, s.unpricedReason), s.note);
  h = quantity(quantity(h, s.quantity), s.quantityMax);
  h = s.policyPrice ? text(decimal(h, s.policyPrice.usd), s.policyPrice.note) : int(h, 0x55);
  h = int(h, s.skus.length);
  for (const c of s.skus) h = text(text(decimal(text(h, c.sku), c.factor), c.region), c.note);
  return h;
}

function sameDecimal(a: Big | undefined, b: Big | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.s !== b.s || a.e !== b.e || a.c.length !== b.c.length)
    return false;
  for (let i = 0; i < a.c.length; i++) if (a.c[i] !== b.c[i]) return false;
  return true;
}

function sameQuantity(a: Quantity | undefined, b: Quantity | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.kind !== b.kind) return false;
  if (a.kind === 'known') return b.kind === 'known' && sameDecimal(a.value, b.value);
  if (a.kind === 'usage') return b.kind === 'usage' && a.key === b.key;
  return b.kind === 'unknown' && a.reason === b.reason;
}

function sameSku(a: SkuChoice, b: SkuChoice): boolean {
  return a.sku === b.sku && a.region === b.region && a.note === b.note && sameDecimal(a.factor, b.factor);
}

function sameSpec(a: ComponentSpec, b: ComponentSpec): boolean {
  return (
    a.name === b.name &&
    a.unit === b.unit &&
    Boolean(a.hourly) === Boolean(b.hourly) &&
    a.unpricedReason === b.unpricedReason &&
    a.note === b.note &&
    sameQuantity(a.quantity, b.quantity) &&
    sameQuantity(a.quantityMax, b.quantityMax) &&
    (a.policyPrice === b.policyPrice ||
      (a.policyPrice !== undefined &&
        b.policyPrice !== undefined &&
        a.policyPrice.note === b.policyPrice.note &&
        sameDecimal(a.policyPrice.usd, b.policyPrice.usd))) &&
    a.skus.length === b.skus.length &&
    a.skus.every((c, i) => sameSku(c, b.skus[i] as SkuChoice))
  );
}

function sameSpecs(a: readonly ComponentSpec[], b: readonly ComponentSpec[]): boolean {
  return a.length === b.length && a.every((s, i) => sameSpec(s, b[i] as ComponentSpec));
}
