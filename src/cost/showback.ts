import type Big from 'big.js';
import type { ResourceCost } from '../model/cost.ts';
import type { ShowbackRowReport } from '../model/report.ts';
import type { Resource } from '../model/resource.ts';
import { owningLabel } from '../kubernetes/labels.ts';
import type { DecimalSums } from './money.ts';
import type { CostTally } from './tally.ts';

export const UNTAGGED = '(untagged)';
export const UNKNOWN_VALUE = '(known after apply)';

/** One row of the allocation table, as the report states it. */
export type ShowbackRow = ShowbackRowReport;

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
  if (resource.tags && resource.tags.unknown.length > 0 && resource.tags.unknown.includes(key))
    return UNKNOWN_VALUE;
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
 * `tally` counts the costs of `resources`, in their order (see tallyCosts).
 */
export function showback(
  resources: readonly Resource[],
  tally: CostTally,
  keys: readonly string[],
  valueOf: TagValueOf = tagValue,
): Showback {
  const { distinct, index, counts, sums } = tally;
  // Only resources with a cost take part, and a side only where it has an amount. A side's amount at
  // the top of its range (an autoscaled workload) is the amount itself when it has none.
  const n = distinct.length;
  const before: Amount[] = [];
  const after: Amount[] = [];
  const beforeMax: Amount[] = [];
  const afterMax: Amount[] = [];
  const hasBefore: boolean[] = [];
  const hasAfter: boolean[] = [];
  // Sums are exact as integers at the common scale. When the largest possible sum (every amount's
  // magnitude, as many times as resources carry it) is a safe integer, every partial sum is too, and
  // plain numbers add them exactly without allocating; otherwise they stay bigints.
  let bound = 0;
  for (let k = 0; k < n; k++) {
    const cost = distinct[k] as ResourceCost;
    const counted = cost.status !== 'free' && cost.status !== 'not-priced';
    const b = sums.of(cost.monthlyBefore);
    const a = sums.of(cost.monthlyAfter);
    const bm = cost.max ? sums.of(cost.max.before) : b;
    const am = cost.max ? sums.of(cost.max.after) : a;
    before.push(b);
    after.push(a);
    beforeMax.push(bm);
    afterMax.push(am);
    hasBefore.push(counted && bm !== 0n);
    hasAfter.push(counted && am !== 0n);
    if (counted)
      bound +=
        (counts[k] as number) *
        (Math.abs(Number(b)) + Math.abs(Number(a)) + Math.abs(Number(bm)) + Math.abs(Number(am)));
  }
  const small = bound < 2 ** 52;
  if (small) {
    for (const amounts of [before, after, beforeMax, afterMax])
      for (let k = 0; k < n; k++) amounts[k] = Number(amounts[k]);
  }
  const zero: Amount = small ? 0 : 0n;
  let total = zero;
  for (let k = 0; k < n; k++) {
    if (hasAfter[k])
      total = add(
        total,
        small
          ? (after[k] as number) * (counts[k] as number)
          : (after[k] as bigint) * BigInt(counts[k] as number),
      );
  }

  const byTag = new Map<string, Map<string, ShowbackRow>>();
  const unmappedPercent = new Map<string, Big | undefined>();
  for (const key of keys) {
    // Rows by number, their sums in parallel arrays: one Map lookup per resource and side.
    const rowOf = new Map<string, number>();
    const values: string[] = [];
    const sumBefore: Amount[] = [];
    const sumAfter: Amount[] = [];
    const sumBeforeMax: Amount[] = [];
    const sumAfterMax: Amount[] = [];
    const row = (value: string): number => {
      let r = rowOf.get(value);
      if (r === undefined) {
        r = values.length;
        rowOf.set(value, r);
        values.push(value);
        sumBefore.push(zero);
        sumAfter.push(zero);
        sumBeforeMax.push(zero);
        sumAfterMax.push(zero);
      }
      return r;
    };
    for (let i = 0; i < index.length; i++) {
      const k = index[i] as number;
      if (hasBefore[k]) {
        const r = row(valueOf(resources[i] as Resource, key, 'before') ?? UNTAGGED);
        sumBefore[r] = add(sumBefore[r] as Amount, before[k] as Amount);
        sumBeforeMax[r] = add(sumBeforeMax[r] as Amount, beforeMax[k] as Amount);
      }
      if (hasAfter[k]) {
        const r = row(valueOf(resources[i] as Resource, key, 'after') ?? UNTAGGED);
        sumAfter[r] = add(sumAfter[r] as Amount, after[k] as Amount);
        sumAfterMax[r] = add(sumAfterMax[r] as Amount, afterMax[k] as Amount);
      }
    }
    // Real values in code-unit order (the default sort's), then the unknown and the untagged rows.
    const ordered = values.filter((v) => v !== UNTAGGED && v !== UNKNOWN_VALUE).sort();
    for (const special of [UNKNOWN_VALUE, UNTAGGED]) if (rowOf.has(special)) ordered.push(special);
    const rows = new Map<string, ShowbackRow>();
    for (const value of ordered) {
      const r = rowOf.get(value) as number;
      rows.set(
        value,
        showbackRow(
          sumBefore[r] as Amount,
          sumAfter[r] as Amount,
          sumBeforeMax[r] as Amount,
          sumAfterMax[r] as Amount,
          sums,
        ),
      );
    }
    byTag.set(key, rows);
    const untaggedRow = rowOf.get(UNTAGGED);
    const untagged = untaggedRow === undefined ? zero : (sumAfter[untaggedRow] as Amount);
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

/**
 * A row as the report states it: exact sums, each turned into a JSON number once; the range top only
 * when some resource in it has one.
 */
function showbackRow(
  before: Amount,
  after: Amount,
  beforeMax: Amount,
  afterMax: Amount,
  sums: DecimalSums,
): ShowbackRow {
  const row: ShowbackRow = {
    before: sums.jsonNumber(before),
    after: sums.jsonNumber(after),
    delta: sums.jsonNumber(sub(after, before)),
  };
  if (beforeMax !== before || afterMax !== after) {
    row.before_max = sums.jsonNumber(beforeMax);
    row.after_max = sums.jsonNumber(afterMax);
    row.delta_max = sums.jsonNumber(sub(afterMax, beforeMax));
  }
  return row;
}
