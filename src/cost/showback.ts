import type Big from 'big.js';
import type { ResourceCost } from '../model/cost.ts';
import type { Resource } from '../model/resource.ts';
import { owningLabel } from '../kubernetes/labels.ts';
import { DecimalSums } from './money.ts';

export const UNTAGGED = '(untagged)';
export const UNKNOWN_VALUE = '(known after apply)';

/**
 * One row of the allocation table, as the report states it: exact sums, each turned into a JSON
 * number once (see toJsonNumber). The range top is there only when some resource in the row has one.
 */
export interface ShowbackRow {
  before: number;
  after: number;
  delta: number;
  /** At the top of every range (autoscaled workloads at maxReplicas). */
  max?: { before: number; after: number; delta: number };
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
  // of its range (an autoscaled workload) is the amount itself when it has none. Resources with the
  // same bill share one ResourceCost, whose amounts are converted once.
  const counts = new Map<ResourceCost, number>();
  for (const cost of costs.values()) {
    if (cost.status !== 'free' && cost.status !== 'not-priced') counts.set(cost, (counts.get(cost) ?? 0) + 1);
  }
  const decimals: Big[] = [];
  for (const cost of counts.keys()) {
    decimals.push(cost.monthlyBefore, cost.monthlyAfter);
    if (cost.max) decimals.push(cost.max.before, cost.max.after);
  }
  const sums = new DecimalSums(decimals);
  // Sums are exact as integers at the common scale. When the largest possible sum (every amount's
  // magnitude, as many times as resources carry it) is a safe integer, every partial sum is too, and
  // plain numbers add them exactly without allocating; otherwise they stay bigints.
  const scaled = new Map<ResourceCost, Scaled>();
  let bound = 0;
  for (const [cost, count] of counts) {
    const before = sums.of(cost.monthlyBefore);
    const after = sums.of(cost.monthlyAfter);
    const s: Scaled = {
      before,
      after,
      beforeMax: cost.max ? sums.of(cost.max.before) : before,
      afterMax: cost.max ? sums.of(cost.max.after) : after,
    };
    scaled.set(cost, s);
    bound +=
      count *
      (Math.abs(Number(s.before)) +
        Math.abs(Number(s.after)) +
        Math.abs(Number(s.beforeMax)) +
        Math.abs(Number(s.afterMax)));
  }
  const small = bound < 2 ** 52;
  if (small) {
    for (const s of scaled.values()) {
      s.before = Number(s.before);
      s.after = Number(s.after);
      s.beforeMax = Number(s.beforeMax);
      s.afterMax = Number(s.afterMax);
    }
  }
  const zero: Amount = small ? 0 : 0n;
  const before: Resource[] = [];
  const beforeAmounts: Scaled[] = [];
  const after: Resource[] = [];
  const afterAmounts: Scaled[] = [];
  let total = zero;
  for (const [resource, cost] of costs) {
    const s = scaled.get(cost);
    if (!s) continue;
    if (!isZeroAmount(s.beforeMax)) {
      before.push(resource);
      beforeAmounts.push(s);
    }
    if (!isZeroAmount(s.afterMax)) {
      after.push(resource);
      afterAmounts.push(s);
      total = add(total, s.after);
    }
  }

  const byTag = new Map<string, Map<string, ShowbackRow>>();
  const unmappedPercent = new Map<string, Big | undefined>();
  for (const key of keys) {
    const rows = new Map<string, Scaled>();
    const row = (value: string): Scaled => {
      let r = rows.get(value);
      if (!r) rows.set(value, (r = { before: zero, after: zero, beforeMax: zero, afterMax: zero }));
      return r;
    };
    for (let i = 0; i < before.length; i++) {
      const r = row(valueOf(before[i] as Resource, key, 'before') ?? UNTAGGED);
      const s = beforeAmounts[i] as Scaled;
      r.before = add(r.before, s.before);
      r.beforeMax = add(r.beforeMax, s.beforeMax);
    }
    for (let i = 0; i < after.length; i++) {
      const r = row(valueOf(after[i] as Resource, key, 'after') ?? UNTAGGED);
      const s = afterAmounts[i] as Scaled;
      r.after = add(r.after, s.after);
      r.afterMax = add(r.afterMax, s.afterMax);
    }
    const sorted = [...rows].sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
    byTag.set(key, new Map(sorted.map(([value, r]) => [value, showbackRow(r, sums)])));
    const untagged = rows.get(UNTAGGED)?.after ?? zero;
    unmappedPercent.set(
      key,
      isZeroAmount(total)
        ? undefined
        : sums
            .decimal(BigInt(untagged))
            .div(sums.decimal(BigInt(total)))
            .times(100),
    );
  }
  return { byTag, unmappedPercent };
}

/** A sum at the common scale: a number while every sum is a safe integer, else a bigint. */
type Amount = number | bigint;

// Both operands are always of one kind (see `small` above): `+` is exact for either.
function add(a: Amount, b: Amount): Amount {
  return (a as number) + (b as number);
}

function sub(a: Amount, b: Amount): Amount {
  return (a as number) - (b as number);
}

function isZeroAmount(a: Amount): boolean {
  return a === 0 || a === 0n;
}

/** Amounts of one cost, or sums of a row, at the common scale. */
interface Scaled {
  before: Amount;
  after: Amount;
  beforeMax: Amount;
  afterMax: Amount;
}

/** A row's JSON numbers; its range top only when some resource in it has a range. */
function showbackRow(r: Scaled, sums: DecimalSums): ShowbackRow {
  const json = (sum: Amount) => sums.jsonNumber(sum);
  const row: ShowbackRow = {
    before: json(r.before),
    after: json(r.after),
    delta: json(sub(r.after, r.before)),
  };
  if (r.beforeMax !== r.before || r.afterMax !== r.after) {
    row.max = {
      before: json(r.beforeMax),
      after: json(r.afterMax),
      delta: json(sub(r.afterMax, r.beforeMax)),
    };
  }
  return row;
}

// Real values first, then the unknown and the untagged rows.
function order(value: string): number {
  return value === UNTAGGED ? 2 : value === UNKNOWN_VALUE ? 1 : 0;
}
