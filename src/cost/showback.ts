import type Big from 'big.js';
import type { ResourceCost } from '../model/cost.ts';
import type { Resource } from '../model/resource.ts';
import { owningLabel } from '../kubernetes/labels.ts';
import { DecimalSums, isZero } from './money.ts';

export const UNTAGGED = '(untagged)';
export const UNKNOWN_VALUE = '(known after apply)';

export interface ShowbackRow {
  before: Big;
  after: Big;
  delta: Big;
  /** At the top of every range (autoscaled workloads at maxReplicas). */
  max: { before: Big; after: Big; delta: Big };
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

/**
 * Tags, and for Kubernetes objects labels: the taxonomy key mapped through `kubernetes.labels`, read
 * on the object or else its pod template, so one table covers cloud resources and workloads.
 */
export function tagOrLabelValue(labels: Record<string, string>): TagValueOf {
  return (resource, key, side) => {
    const meta = resource.kubernetes;
    if (!meta) return tagValue(resource, key, side);
    const label = Object.hasOwn(labels, key) ? (labels[key] as string) : key;
    return owningLabel(side === 'after' ? resource.after : resource.before, meta.kind, label);
  };
}

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
  // Only resources with a cost take part; find them once for every key. A side's amount at the top
  // of its range (an autoscaled workload) is the amount itself when it has none.
  const before: [Resource, Big, Big][] = [];
  const after: [Resource, Big, Big][] = [];
  for (const [resource, cost] of costs) {
    if (cost.status === 'free' || cost.status === 'not-priced') continue;
    const beforeMax = cost.max?.before ?? cost.monthlyBefore;
    const afterMax = cost.max?.after ?? cost.monthlyAfter;
    if (!isZero(beforeMax)) before.push([resource, cost.monthlyBefore, beforeMax]);
    if (!isZero(afterMax)) after.push([resource, cost.monthlyAfter, afterMax]);
  }
  const sums = new DecimalSums([...before, ...after].flatMap(([, amount, max]) => [amount, max]));
  let total = 0n;
  for (const [, amount] of after) total += sums.of(amount);

  const byTag = new Map<string, Map<string, ShowbackRow>>();
  const unmappedPercent = new Map<string, Big | undefined>();
  for (const key of keys) {
    const rows = new Map<string, { before: bigint; after: bigint; beforeMax: bigint; afterMax: bigint }>();
    const row = (value: string) => {
      let r = rows.get(value);
      if (!r) rows.set(value, (r = { before: 0n, after: 0n, beforeMax: 0n, afterMax: 0n }));
      return r;
    };
    for (const [resource, amount, max] of before) {
      const r = row(valueOf(resource, key, 'before') ?? UNTAGGED);
      r.before += sums.of(amount);
      r.beforeMax += sums.of(max);
    }
    for (const [resource, amount, max] of after) {
      const r = row(valueOf(resource, key, 'after') ?? UNTAGGED);
      r.after += sums.of(amount);
      r.afterMax += sums.of(max);
    }
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
            max: {
              before: sums.decimal(r.beforeMax),
              after: sums.decimal(r.afterMax),
              delta: sums.decimal(r.afterMax - r.beforeMax),
            },
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
