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
  const before: Entry[] = [];
  const after: Entry[] = [];
  const decimals: Big[] = [];
  for (const [resource, cost] of costs) {
    if (cost.status === 'free' || cost.status === 'not-priced') continue;
    const beforeMax = cost.max?.before ?? cost.monthlyBefore;
    const afterMax = cost.max?.after ?? cost.monthlyAfter;
    if (!isZero(beforeMax)) before.push(entry(resource, cost.monthlyBefore, beforeMax, decimals));
    if (!isZero(afterMax)) after.push(entry(resource, cost.monthlyAfter, afterMax, decimals));
  }
  // Each decimal becomes an integer once; every key then adds integers.
  const sums = new DecimalSums(decimals);
  for (const e of [...before, ...after]) {
    e.scaled = sums.of(e.amount);
    e.scaledMax = e.max === e.amount ? e.scaled : sums.of(e.max);
  }
  let total = 0n;
  for (const e of after) total += e.scaled;

  const byTag = new Map<string, Map<string, ShowbackRow>>();
  const unmappedPercent = new Map<string, Big | undefined>();
  for (const key of keys) {
    const rows = new Map<string, Sums>();
    const row = (value: string): Sums => {
      let r = rows.get(value);
      if (!r) rows.set(value, (r = { before: 0n, after: 0n, beforeMax: 0n, afterMax: 0n }));
      return r;
    };
    for (const e of before) {
      const r = row(valueOf(e.resource, key, 'before') ?? UNTAGGED);
      r.before += e.scaled;
      r.beforeMax += e.scaledMax;
    }
    for (const e of after) {
      const r = row(valueOf(e.resource, key, 'after') ?? UNTAGGED);
      r.after += e.scaled;
      r.afterMax += e.scaledMax;
    }
    const sorted = [...rows].sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
    byTag.set(key, new Map(sorted.map(([value, r]) => [value, showbackRow(r, sums)])));
    const untagged = rows.get(UNTAGGED)?.after ?? 0n;
    unmappedPercent.set(
      key,
      total === 0n ? undefined : sums.decimal(untagged).div(sums.decimal(total)).times(100),
    );
  }
  return { byTag, unmappedPercent };
}

interface Entry {
  resource: Resource;
  amount: Big;
  max: Big;
  scaled: bigint;
  scaledMax: bigint;
}

interface Sums {
  before: bigint;
  after: bigint;
  beforeMax: bigint;
  afterMax: bigint;
}

function entry(resource: Resource, amount: Big, max: Big, decimals: Big[]): Entry {
  decimals.push(amount);
  if (max !== amount) decimals.push(max);
  return { resource, amount, max, scaled: 0n, scaledMax: 0n };
}

/** A row's decimals; its range top is the same objects unless some resource in it has a range. */
function showbackRow(r: Sums, sums: DecimalSums): ShowbackRow {
  const before = sums.decimal(r.before);
  const after = sums.decimal(r.after);
  const delta = sums.decimal(r.after - r.before);
  if (r.beforeMax === r.before && r.afterMax === r.after)
    return { before, after, delta, max: { before, after, delta } };
  return {
    before,
    after,
    delta,
    max: {
      before: sums.decimal(r.beforeMax),
      after: sums.decimal(r.afterMax),
      delta: sums.decimal(r.afterMax - r.beforeMax),
    },
  };
}

// Real values first, then the unknown and the untagged rows.
function order(value: string): number {
  return value === UNTAGGED ? 2 : value === UNKNOWN_VALUE ? 1 : 0;
}
