import type Big from 'big.js';
import type { ResourceCost } from '../model/cost.ts';
import type { Resource } from '../model/resource.ts';
import { DecimalSums, isZero } from './money.ts';

export const UNTAGGED = '(untagged)';
export const UNKNOWN_VALUE = '(known after apply)';

export interface ShowbackRow {
  before: Big;
  after: Big;
  delta: Big;
}

export interface Showback {
  /** tag key → tag value → monthly cost before, after, and the change. */
  byTag: Map<string, Map<string, ShowbackRow>>;
  /** tag key → share of the monthly cost after the change that carries no value for it, in percent. */
  unmappedPercent: Map<string, Big | undefined>;
}

/** How a resource's value for a taxonomy key is read (Kubernetes maps keys to label names). */
export type TagValueOf = (resource: Resource, key: string, side: 'before' | 'after') => string | undefined;

export const tagValue: TagValueOf = (resource, key, side) => {
  if (side === 'before') return nonEmpty(resource.tagsBefore?.[key]);
  if (resource.tags?.unknown.includes(key)) return UNKNOWN_VALUE;
  return nonEmpty(
    resource.tags && Object.hasOwn(resource.tags.known, key) ? resource.tags.known[key] : undefined,
  );
};

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Allocation by tag: each resource's cost before the change goes to the value it had, its cost after
 * to the value it will have. What carries no value is `(untagged)`, and its share is the unmapped cost.
 */
export function showback(
  costs: Map<Resource, ResourceCost>,
  keys: readonly string[],
  valueOf: TagValueOf = tagValue,
): Showback {
  // Only resources with a cost take part; find them once for every key.
  const before: [Resource, Big][] = [];
  const after: [Resource, Big][] = [];
  for (const [resource, cost] of costs) {
    if (cost.status === 'free' || cost.status === 'not-priced') continue;
    if (!isZero(cost.monthlyBefore)) before.push([resource, cost.monthlyBefore]);
    if (!isZero(cost.monthlyAfter)) after.push([resource, cost.monthlyAfter]);
  }
  const sums = new DecimalSums([...before, ...after].map(([, amount]) => amount));
  let total = 0n;
  for (const [, amount] of after) total += sums.of(amount);

  const byTag = new Map<string, Map<string, ShowbackRow>>();
  const unmappedPercent = new Map<string, Big | undefined>();
  for (const key of keys) {
    const rows = new Map<string, { before: bigint; after: bigint }>();
    const row = (value: string) => {
      let r = rows.get(value);
      if (!r) rows.set(value, (r = { before: 0n, after: 0n }));
      return r;
    };
    for (const [resource, amount] of before)
      row(valueOf(resource, key, 'before') ?? UNTAGGED).before += sums.of(amount);
    for (const [resource, amount] of after)
      row(valueOf(resource, key, 'after') ?? UNTAGGED).after += sums.of(amount);
    const sorted = [...rows].sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
    byTag.set(
      key,
      new Map(
        sorted.map(([value, r]) => [
          value,
          {
            before: sums.decimal(r.before),
            after: sums.decimal(r.after),
            delta: sums.decimal(r.after - r.before),
          },
        ]),
      ),
    );
    const untagged = rows.get(UNTAGGED)?.after ?? 0n;
    unmappedPercent.set(
      key,
      total === 0n ? undefined : sums.decimal(untagged).div(sums.decimal(total)).times(100),
    );
  }
  return { byTag, unmappedPercent };
}

// Real values first, then the unknown and the untagged rows.
function order(value: string): number {
  return value === UNTAGGED ? 2 : value === UNKNOWN_VALUE ? 1 : 0;
}
