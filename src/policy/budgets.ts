/**
 * `budgets:`: limits on the monthly cost of the change — its increase in dollars or percent, or the
 * total after it — for the whole run or a scope (a tag value, a module, resource types). Evaluated on
 * the cost report's numbers; a resource with a replica range counts at its most on each side
 * (`monthly_before_max`, `monthly_after_max`), as the summary's `monthly_delta_max` does: an
 * autoscaled workload the change leaves at the same range adds nothing, not its whole range.
 *
 * Decisions, each tested in test/policy/budgets.test.ts:
 * - A limit is exceeded only above it: exactly at the limit passes.
 * - Percent growth from $0 before is not defined: percent limits do not apply, and a note says so
 *   (new spend is what `max_monthly_delta` is for). A budget of "20 %" must not block every new stack.
 * - A cost known only after apply makes the sums lower bounds: exceeding the limit anyway is a
 *   finding; otherwise the budget cannot be decided, which is an indeterminate result (`on_unknown`).
 * - So does a cost tollgate does not price (the type, or no price in the region: "not priced"; part of
 *   a bill: "partly priced"), counted as $0: unknown is never a pass. Findings say how many and which
 *   ("1 resource in scope is not priced (aws_neptune_cluster_instance), 2 partly priced (…)").
 * - Each metric reads its own side: `monthly_total` the bill after the change only; a gap before the
 *   change makes the delta an upper bound (within passes, above is undecided) unless the bill is the
 *   same on both sides, and leaves a percentage's base unknown.
 * - "Usage not given" is $0 until the usage file gives it, not unknown: it leaves nothing undecided.
 */
import Big from 'big.js';
import { PolicyError } from '../errors.ts';
import { dec, formatUsd, ZERO } from '../cost/money.ts';
import type { Finding } from '../model/finding.ts';
import type { Budget, BudgetLimit, BudgetScope } from '../model/policy.ts';
import type { ResourceReport } from '../model/report.ts';
import type { Resource } from '../model/resource.ts';
import type { TagValueOf } from '../cost/showback.ts';
import { matchesGlobs } from '../util/glob.ts';
import { entrySettings } from './entries.ts';
import type { ParsedYamlFile } from './validate.ts';

const METRICS = [
  ['monthly_delta', 'monthlyDelta'],
  ['percent_increase', 'percentIncrease'],
  ['monthly_total', 'monthlyTotal'],
] as const;

export function compileBudgets(f: ParsedYamlFile): Budget[] {
  const raw = (f.data.budgets as Record<string, unknown>[] | undefined) ?? [];
  return raw.map((entry, i) => {
    const path = ['budgets', i];
    const name = entry.name as string;
    const budget: Budget = {
      name,
      monthlyDelta: {},
      percentIncrease: {},
      monthlyTotal: {},
      ...entrySettings(f, entry, path),
    };
    for (const [key, field] of METRICS) {
      const limit: BudgetLimit = budget[field];
      if (typeof entry[`max_${key}`] === 'number') limit.max = dec(entry[`max_${key}`] as number);
      if (typeof entry[`warn_${key}`] === 'number') limit.warn = dec(entry[`warn_${key}`] as number);
      if (limit.max && limit.warn && limit.warn.gt(limit.max))
        throw new PolicyError(
          f.file,
          `budgets[${i}] (${name}): warn_${key} (${limit.warn.toString()}) is above max_${key} (${limit.max.toString()}), so it would never warn`,
          f.lineOf([...path, `warn_${key}`]),
        );
    }
    if (METRICS.every(([, field]) => !budget[field].max && !budget[field].warn))
      throw new PolicyError(
        f.file,
        `budgets[${i}] (${name}) sets no limit: give max_ or warn_ monthly_delta, percent_increase or monthly_total`,
        budget.at.line,
      );
    const scope = entry.scope as Record<string, unknown> | undefined;
    if (scope) budget.scope = compileScope(f, scope, [...path, 'scope'], i);
    if (typeof entry.message === 'string') budget.message = entry.message;
    return budget;
  });
}

function compileScope(
  f: ParsedYamlFile,
  raw: Record<string, unknown>,
  path: (string | number)[],
  i: number,
): BudgetScope {
  const scope: BudgetScope = {};
  if ((raw.tag === undefined) !== (raw.value === undefined))
    throw new PolicyError(
      f.file,
      `budgets[${i}].scope needs both tag and value (a tag key and the value resources carry)`,
      f.lineOf(path),
    );
  if (typeof raw.tag === 'string') scope.tag = { key: raw.tag, value: raw.value as string };
  if (typeof raw.module === 'string') scope.module = raw.module;
  if (raw.type !== undefined)
    scope.types = Array.isArray(raw.type) ? (raw.type as string[]) : [raw.type as string];
  return scope;
}

/** A resource and its line of the cost report. */
export interface CostedResource {
  resource: Resource;
  report: ResourceReport;
}

export interface BudgetCheck {
  findings: Finding[];
  /** Budgets whose scope selected some resource. */
  matched: Set<Budget>;
}

/** A resource in scope whose bill on some side of the change is not priced, or only partly. */
interface PriceGap {
  address: string;
  type: string;
  /** Its bill after the change, when in scope after: `not-priced` (nothing priced) or `partly` (some of it). */
  after?: 'not-priced' | 'partly';
  /** The same for its bill before the change, when in scope before. */
  before?: 'not-priced' | 'partly';
  /**
   * In scope on both sides with the same bill (an update that does not change what is billed): the gap
   * is the same before and after, so it cancels out of the delta (not out of either side's total).
   */
  sameBill: boolean;
}

/** What a scope adds up to, and what it cannot know. */
interface Sums {
  before: Big;
  after: Big;
  /** Resources in scope whose cost after the change is known only after apply: `after` is a lower bound. */
  unknownCost: string[];
  /** Resources whose scope tag is known only after apply: they may belong, and add to `after`. */
  maybeInScope: string[];
  /** Resources in scope with no price for some or all of their bill: counted as $0 for what is missing. */
  gaps: PriceGap[];
  matched: boolean;
}

/** Every budget against the cost report. `costed` is false with --no-cost: nothing can be evaluated. */
export function checkBudgets(
  budgets: readonly Budget[],
  resources: readonly CostedResource[],
  costed: boolean,
  labelValue?: TagValueOf,
): BudgetCheck {
  const findings: Finding[] = [];
  const matched = new Set<Budget>();
  for (const budget of budgets) {
    if (!costed) {
      findings.push(finding(budget, 'info', 'not evaluated: cost estimation is turned off (--no-cost)'));
      matched.add(budget);
      continue;
    }
    const sums = addUp(budget.scope, resources, labelValue);
    if (sums.matched) matched.add(budget);
    findings.push(...judgeBudget(budget, sums));
  }
  return { findings, matched };
}

function addUp(
  scope: BudgetScope | undefined,
  resources: readonly CostedResource[],
  labelValue: TagValueOf | undefined,
): Sums {
  const sums: Sums = {
    before: ZERO,
    after: ZERO,
    unknownCost: [],
    maybeInScope: [],
    gaps: [],
    matched: false,
  };
  for (const { resource, report } of resources) {
    const inBefore = scopeHas(scope, resource, 'before', labelValue);
    const inAfter = scopeHas(scope, resource, 'after', labelValue);
    if (inBefore !== true && inAfter === false) continue;
    sums.matched = true;
    if (inBefore === true)
      sums.before = sums.before.plus(dec(report.monthly_before_max ?? report.monthly_before));
    const after = dec(report.monthly_after_max ?? report.monthly_after);
    const unknown = report.action !== 'delete' && report.components.some((c) => c.state === 'unknown');
    if (inAfter === 'unknown') sums.maybeInScope.push(`${resource.address} (${formatUsd(after)}/month)`);
    if (inAfter === true) {
      sums.after = sums.after.plus(after);
      if (unknown) {
        const c = report.components.find((x) => x.state === 'unknown');
        sums.unknownCost.push(`${resource.address} (${c?.name ?? 'a component'}: ${c?.reason ?? 'unknown'})`);
      }
    }
    const gap: PriceGap = { address: resource.address, type: resource.type, sameBill: false };
    // `components` is the bill after the change (before it, for a deletion); `components_before` is
    // present only when the bill before differs. A resource only maybe in scope after is named as such.
    if (inAfter === true) {
      const g = priceGap(report, report.components);
      if (g) gap.after = g;
    }
    if (inBefore === true) {
      const g = priceGap(report, report.components_before ?? report.components);
      if (g) gap.before = g;
    }
    if (!gap.after && !gap.before) continue;
    gap.sameBill =
      inAfter === true &&
      inBefore === true &&
      report.components.length > 0 &&
      report.components_before === undefined;
    sums.gaps.push(gap);
  }
  return sums;
}

/** What of one bill has no price: all of it (or the type is not priced at all), part of it, or nothing. */
function priceGap(
  report: ResourceReport,
  bill: ResourceReport['components'],
): 'not-priced' | 'partly' | undefined {
  if (report.status === 'not-priced' && bill.length === 0) return 'not-priced';
  if (!bill.some((c) => c.state === 'not-priced')) return undefined;
  // As the resource's status says it (see statusOf): partly priced only when some line has a price.
  return bill.some((c) => c.state === 'priced') ? 'partly' : 'not-priced';
}

/** Whether a resource's cost on one side of the change belongs to the scope; 'unknown' for a tag known only after apply. */
function scopeHas(
  scope: BudgetScope | undefined,
  resource: Resource,
  side: 'before' | 'after',
  labelValue: TagValueOf | undefined,
): boolean | 'unknown' {
  if (side === 'before' && resource.action === 'create') return false;
  if (side === 'after' && resource.action === 'delete') return false;
  if (!scope) return true;
  if (scope.types && !matchesGlobs(scope.types, resource.type)) return false;
  if (scope.module !== undefined) {
    const m = resource.module ?? '';
    if (!(m === scope.module || m.startsWith(`${scope.module}.`) || m.startsWith(`${scope.module}[`)))
      return false;
  }
  if (scope.tag) {
    const { key, value } = scope.tag;
    // A Kubernetes object's value for a taxonomy key is its mapped label (kubernetes.labels).
    if (resource.kubernetes && labelValue) return labelValue(resource, key, side) === value;
    if (side === 'before') return resource.tagsBefore?.[key] === value;
    const tags = resource.tags;
    if (!tags) return false;
    if (Object.hasOwn(tags.known, key)) return tags.known[key] === value;
    if (tags.unknown.includes(key) || tags.allUnknown || tags.unresolvedDefaultsFrom !== undefined)
      return 'unknown';
    return false;
  }
  return true;
}

type Verdict = { level: 'max' | 'warn'; limit: Big } | undefined;

/**
 * How a counted sum relates to the real one: `exact`; `lower` (the real one is at least this: a cost
 * after the change is missing); `upper` (at most this: only a cost before the change is missing, which
 * makes the delta smaller); `none` (missing on both sides, or in the base of a percentage).
 */
type Bound = 'exact' | 'lower' | 'upper' | 'none';

/** A metric against its limits: the limit exceeded, and the limit that cannot be decided. */
function judge(value: Big, limit: BudgetLimit, bound: Bound): { exceeded: Verdict; undecided: Verdict } {
  const max: Verdict = limit.max ? { level: 'max', limit: limit.max } : undefined;
  const warn: Verdict = limit.warn ? { level: 'warn', limit: limit.warn } : undefined;
  const above = (v: Verdict): boolean => v !== undefined && value.gt(v.limit);
  if (bound === 'upper') {
    // The real value is at most the counted one: a limit it is within passes; one it is above may not be.
    if (above(max)) return { exceeded: undefined, undecided: max };
    return { exceeded: undefined, undecided: above(warn) ? warn : undefined };
  }
  if (bound === 'none') return { exceeded: undefined, undecided: max ?? warn };
  if (above(max)) return { exceeded: max, undecided: undefined };
  const exceeded = above(warn) ? warn : undefined;
  let undecided: Verdict;
  if (bound === 'lower') undecided = max ?? (exceeded ? undefined : warn);
  return { exceeded, undecided };
}

function judgeBudget(budget: Budget, sums: Sums): Finding[] {
  const out: Finding[] = [];
  const delta = sums.after.minus(sums.before);
  const scope = scopeLabel(budget.scope);
  // What makes the cost after the change a lower bound, besides resources with no price after it.
  const afterUnknown = sums.unknownCost.length > 0 || sums.maybeInScope.length > 0;
  const unknownWhy: string[] = [];
  if (sums.unknownCost.length > 0)
    unknownWhy.push(`cost known only after apply: ${sums.unknownCost.join(', ')}`);
  if (sums.maybeInScope.length > 0)
    unknownWhy.push(
      `tag "${budget.scope?.tag?.key}" known only after apply: ${sums.maybeInScope.join(', ')}`,
    );
  // Which gaps each metric depends on: the total only on the bill after the change; the delta on
  // both bills, except a gap the same on both sides; a percentage also on its base, the cost before.
  const totalGaps = sums.gaps.filter((g) => g.after);
  const deltaGaps = sums.gaps.filter((g) => !g.sameBill);
  const boundOf = (afterLow: boolean, beforeLow: boolean): Bound =>
    afterLow ? (beforeLow ? 'none' : 'lower') : beforeLow ? 'upper' : 'exact';
  const totalBound = boundOf(afterUnknown || totalGaps.length > 0, false);
  const deltaBound = boundOf(
    afterUnknown || deltaGaps.some((g) => g.after),
    deltaGaps.some((g) => g.before),
  );
  const percentBound = sums.gaps.some((g) => g.before) ? 'none' : deltaBound;

  // Compared at the precision shown (cents, tenths of a percent), so "+$500.00 exceeds the $500
  // limit" cannot happen: exactly at the limit, as the reader sees it, passes.
  const percent = sums.before.gt(0) ? delta.div(sums.before).times(100).round(1, Big.roundHalfUp) : undefined;
  const atLeast = (bound: Bound): string => (bound === 'lower' ? 'at least ' : '');
  const measures: {
    value: Big | undefined;
    limit: BudgetLimit;
    bound: Bound;
    gaps: PriceGap[];
    /** The side of the change whose gaps the metric reads. */
    side: 'after' | 'either';
    text: (limit: Big) => string;
    shown: string;
  }[] = [
    {
      value: cents(delta),
      limit: budget.monthlyDelta,
      bound: deltaBound,
      gaps: deltaGaps,
      side: 'either',
      shown: `${atLeast(deltaBound)}${formatUsd(delta, { signed: true })}/month`,
      text: (limit) => `the ${limitUsd(limit)}`,
    },
    {
      value: percent,
      limit: budget.percentIncrease,
      bound: percentBound,
      gaps: sums.gaps,
      side: 'either',
      shown: percent
        ? `${atLeast(percentBound)}${percent.gt(0) ? '+' : ''}${percent.toFixed(1)}% (${formatUsd(delta, { signed: true })}/month on ${formatUsd(sums.before)})`
        : '',
      text: (limit) => `the ${limit.toString()}%`,
    },
    {
      value: cents(sums.after),
      limit: budget.monthlyTotal,
      bound: totalBound,
      gaps: totalGaps,
      side: 'after',
      shown: `${atLeast(totalBound)}${formatUsd(sums.after)}/month after the change`,
      text: (limit) => `the ${limitUsd(limit)}`,
    },
  ];
  for (const m of measures) {
    if (!m.limit.max && !m.limit.warn) continue;
    // An upper bound comes from gaps before the change alone: say so, as it is why the change may be smaller.
    const gapText = describeGaps(m.gaps, m.side, m.bound === 'upper' ? ' before the change' : '');
    const why = [...unknownWhy, ...(gapText ? [gapText] : [])];
    if (m.value === undefined) {
      // Only the percent limits: nothing before the change to grow from, as far as it is priced.
      if (m.bound === 'none') {
        out.push(
          ...undecidedFinding(
            budget,
            `${scope}cannot be decided: percent growth is not defined from $0.00/month as counted, but ${why.join('; ')}`,
          ),
        );
      } else if (delta.gt(0))
        out.push(
          finding(
            budget,
            'info',
            `${scope}percent growth is not defined from $0.00/month (${formatUsd(delta, { signed: true })}/month is new spend), so the percent limit does not apply; max_monthly_delta limits new spend`,
          ),
        );
      continue;
    }
    const { exceeded, undecided } = judge(m.value, m.limit, m.bound);
    if (exceeded) {
      const word = exceeded.level === 'max' ? 'limit' : 'warning threshold';
      const counted = m.bound === 'lower' && gapText ? `; ${gapText}` : '';
      out.push(
        finding(
          budget,
          exceeded.level === 'max' ? budget.severity : 'warn',
          `${scope}${m.shown} exceeds ${m.text(exceeded.limit)} ${word}${counted}${budget.message ? `. ${budget.message}` : ''}`,
          fixFor(budget),
        ),
      );
    }
    if (undecided) {
      const word = undecided.level === 'max' ? 'limit' : 'warning threshold';
      const where =
        m.bound === 'lower'
          ? `${m.shown} is within`
          : `${m.shown} as counted is ${m.value.gt(undecided.limit) ? 'above' : 'within'}`;
      out.push(
        ...undecidedFinding(
          budget,
          `${scope}cannot be decided: ${where} ${m.text(undecided.limit)} ${word}, but ${why.join('; ')}`,
        ),
      );
    }
  }
  return out;
}

/**
 * `1 resource in scope is not priced (aws_neptune_cluster_instance), 2 partly priced (a, b)`: the
 * resources in scope with no price for all or part of their bill (after the change, or on either side).
 */
function describeGaps(gaps: readonly PriceGap[], side: 'after' | 'either', when: string): string {
  const notPriced = new Map<string, number>();
  const partly: string[] = [];
  for (const g of gaps) {
    const kind =
      side === 'after'
        ? g.after
        : g.after === 'not-priced' || g.before === 'not-priced'
          ? 'not-priced'
          : 'partly';
    if (kind === 'not-priced') notPriced.set(g.type, (notPriced.get(g.type) ?? 0) + 1);
    else if (kind === 'partly') partly.push(g.address);
  }
  const n = [...notPriced.values()].reduce((a, b) => a + b, 0);
  const types = [...notPriced].map(([type, count]) => (count > 1 ? `${type} ×${count}` : type));
  const partlyList = `(${listed(partly)})`;
  const are = (count: number): string => (count === 1 ? 'resource in scope is' : 'resources in scope are');
  if (n > 0)
    return `${n} ${are(n)} not priced${when} (${listed(types)})${partly.length > 0 ? `, ${partly.length} partly priced ${partlyList}` : ''}`;
  return partly.length > 0 ? `${partly.length} ${are(partly.length)} partly priced${when} ${partlyList}` : '';
}

/** The first few names of a list, and how many more. */
function listed(names: readonly string[], shown = 5): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/** An indeterminate finding at the budget's `on_unknown`; none when that is `pass`. */
function undecidedFinding(budget: Budget, message: string): Finding[] {
  if (budget.onUnknown === 'pass') return [];
  return [{ ...finding(budget, budget.onUnknown, message), indeterminate: true }];
}

function finding(budget: Budget, severity: Finding['severity'], message: string, fix?: string): Finding {
  const f: Finding = { rule: `budget.${budget.name}`, severity, address: `budget.${budget.name}`, message };
  if (fix) f.fix = fix;
  f.source =
    budget.at.line === undefined ? { file: budget.at.file } : { file: budget.at.file, line: budget.at.line };
  return f;
}

function fixFor(budget: Budget): string {
  return `Lower the change's monthly cost, or ask the policy's owners to raise budget "${budget.name}" or to grant an exemption.`;
}

/** `team=payments: `, `module.payments: `, `aws_db_*: `; nothing for the whole run. */
function scopeLabel(scope: BudgetScope | undefined): string {
  if (!scope) return '';
  const parts: string[] = [];
  if (scope.tag) parts.push(`${scope.tag.key}=${scope.tag.value}`);
  if (scope.module !== undefined) parts.push(scope.module);
  if (scope.types) parts.push(scope.types.join(','));
  return `${parts.join(' ')}: `;
}

/** `$500`, `$10,000`, `$99.50`: whole-dollar limits as written. */
function limitUsd(value: Big): string {
  const text = formatUsd(value);
  return value.eq(value.round(0)) ? text.replace(/\.00$/, '') : text;
}

function cents(value: Big): Big {
  return value.round(2, Big.roundHalfUp);
}
