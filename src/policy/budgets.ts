/**
 * `budgets:`: limits on the monthly cost of the change — its increase in dollars or percent, or the
 * total after it — for the whole run or a scope (a tag value, a module, resource types). Evaluated on
 * the cost report's numbers; a resource with a replica range (`monthly_after_max`) counts at its most.
 *
 * Decisions, each tested in test/policy/budgets.test.ts:
 * - A limit is exceeded only above it: exactly at the limit passes.
 * - Percent growth from $0 before is not defined: percent limits do not apply, and a note says so
 *   (new spend is what `max_monthly_delta` is for). A budget of "20 %" must not block every new stack.
 * - A cost known only after apply makes the sums lower bounds: exceeding the limit anyway is a
 *   finding; otherwise the budget cannot be decided, which is an indeterminate result (`on_unknown`).
 * - Resources tollgate cannot price count as $0 and the finding says how many ("…; 2 resources in
 *   scope are not priced"); a budget that passes with such resources notes it.
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

/** What a scope adds up to, and what it cannot know. */
interface Sums {
  before: Big;
  after: Big;
  /** Resources in scope whose cost after the change is known only after apply: `after` is a lower bound. */
  unknownCost: string[];
  /** Resources whose scope tag is known only after apply: they may belong, and add to `after`. */
  maybeInScope: string[];
  notPriced: number;
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
    notPriced: 0,
    matched: false,
  };
  for (const { resource, report } of resources) {
    const inBefore = scopeHas(scope, resource, 'before', labelValue);
    const inAfter = scopeHas(scope, resource, 'after', labelValue);
    if (inBefore !== true && inAfter === false) continue;
    sums.matched = true;
    if (inBefore === true) sums.before = sums.before.plus(dec(report.monthly_before));
    const afterMax = (report as ResourceReport & { monthly_after_max?: number | null }).monthly_after_max;
    const after = dec(afterMax ?? report.monthly_after);
    const unknown = report.action !== 'delete' && report.components.some((c) => c.state === 'unknown');
    if (inAfter === 'unknown') {
      sums.maybeInScope.push(`${resource.address} (${formatUsd(after)}/month)`);
      continue;
    }
    if (inAfter) {
      sums.after = sums.after.plus(after);
      if (unknown) {
        const c = report.components.find((x) => x.state === 'unknown');
        sums.unknownCost.push(`${resource.address} (${c?.name ?? 'a component'}: ${c?.reason ?? 'unknown'})`);
      }
    }
    const notPriced =
      report.status === 'not-priced' ||
      [...report.components, ...(report.components_before ?? [])].some((c) => c.state === 'not-priced');
    if (notPriced) sums.notPriced++;
  }
  return sums;
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

/** A metric against its limits: the limit exceeded, and the limit that cannot be decided. */
function judge(
  value: Big,
  limit: BudgetLimit,
  lowerBound: boolean,
): { exceeded: Verdict; undecided: Verdict } {
  if (limit.max && value.gt(limit.max))
    return { exceeded: { level: 'max', limit: limit.max }, undecided: undefined };
  const exceeded: Verdict =
    limit.warn && value.gt(limit.warn) ? { level: 'warn', limit: limit.warn } : undefined;
  let undecided: Verdict;
  if (lowerBound) {
    if (limit.max) undecided = { level: 'max', limit: limit.max };
    else if (limit.warn && !exceeded) undecided = { level: 'warn', limit: limit.warn };
  }
  return { exceeded, undecided };
}

function judgeBudget(budget: Budget, sums: Sums): Finding[] {
  const out: Finding[] = [];
  const delta = sums.after.minus(sums.before);
  const lowerBound = sums.unknownCost.length > 0 || sums.maybeInScope.length > 0;
  const scope = scopeLabel(budget.scope);
  const atLeast = lowerBound ? 'at least ' : '';
  const notPriced =
    sums.notPriced > 0
      ? `; ${sums.notPriced} resource${sums.notPriced === 1 ? ' in scope is' : 's in scope are'} not priced`
      : '';
  const undecidedWhy: string[] = [];
  if (sums.unknownCost.length > 0)
    undecidedWhy.push(`cost known only after apply: ${sums.unknownCost.join(', ')}`);
  if (sums.maybeInScope.length > 0)
    undecidedWhy.push(
      `tag "${budget.scope?.tag?.key}" known only after apply: ${sums.maybeInScope.join(', ')}`,
    );

  // Compared at the precision shown (cents, tenths of a percent), so "+$500.00 exceeds the $500
  // limit" cannot happen: exactly at the limit, as the reader sees it, passes.
  const percent = sums.before.gt(0) ? delta.div(sums.before).times(100).round(1, Big.roundHalfUp) : undefined;
  const measures: {
    value: Big | undefined;
    limit: BudgetLimit;
    text: (limit: Big) => string;
    shown: string;
  }[] = [
    {
      value: cents(delta),
      limit: budget.monthlyDelta,
      shown: `${atLeast}${formatUsd(delta, { signed: true })}/month`,
      text: (limit) => `the ${limitUsd(limit)}`,
    },
    {
      value: percent,
      limit: budget.percentIncrease,
      shown: percent
        ? `${atLeast}${percent.gt(0) ? '+' : ''}${percent.toFixed(1)}% (${formatUsd(delta, { signed: true })}/month on ${formatUsd(sums.before)})`
        : '',
      text: (limit) => `the ${limit.toString()}%`,
    },
    {
      value: cents(sums.after),
      limit: budget.monthlyTotal,
      shown: `${atLeast}${formatUsd(sums.after)}/month after the change`,
      text: (limit) => `the ${limitUsd(limit)}`,
    },
  ];
  let decidedAny = false;
  for (const m of measures) {
    if (!m.limit.max && !m.limit.warn) continue;
    if (m.value === undefined) {
      // Only the percent limits: nothing before the change to grow from.
      decidedAny = true;
      if (delta.gt(0))
        out.push(
          finding(
            budget,
            'info',
            `${scope}percent growth is not defined from $0.00/month (${formatUsd(delta, { signed: true })}/month is new spend), so the percent limit does not apply; max_monthly_delta limits new spend`,
          ),
        );
      continue;
    }
    const { exceeded, undecided } = judge(m.value, m.limit, lowerBound);
    if (exceeded) {
      decidedAny = true;
      const word = exceeded.level === 'max' ? 'limit' : 'warning threshold';
      out.push(
        finding(
          budget,
          exceeded.level === 'max' ? budget.severity : 'warn',
          `${scope}${m.shown} exceeds ${m.text(exceeded.limit)} ${word}${notPriced}${budget.message ? `. ${budget.message}` : ''}`,
          fixFor(budget),
        ),
      );
    }
    if (undecided && budget.onUnknown !== 'pass') {
      decidedAny = true;
      const word = undecided.level === 'max' ? 'limit' : 'warning threshold';
      out.push({
        ...finding(
          budget,
          budget.onUnknown,
          `${scope}cannot be decided: ${m.shown} is within ${m.text(undecided.limit)} ${word}, but ${undecidedWhy.join('; ')}${notPriced}`,
        ),
        indeterminate: true,
      });
    }
  }
  if (!decidedAny && sums.notPriced > 0)
    out.push(
      finding(
        budget,
        'info',
        `${scope}within its limits as far as priced${notPriced}, so the cost may be higher than counted`,
      ),
    );
  return out;
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
