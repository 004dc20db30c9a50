import Big from 'big.js';
import { REGION_UNKNOWN, typeNotPriced } from '../cost/estimate.ts';
import { formatUsd } from '../cost/money.ts';
import type { Report, ResourceReport } from '../model/report.ts';
import { plural } from './format.ts';

/** Rows of the cost table: resources the change touches, biggest change first. */
export function costRows(report: Report, limit: number): { rows: ResourceReport[]; omitted: number } {
  const changed = report.resources.filter(
    (r) => r.action !== 'no-op' && (r.status !== 'free' || r.monthly_delta !== 0),
  );
  const sorted = [...changed].sort(
    (a, b) =>
      Math.abs(b.monthly_delta) - Math.abs(a.monthly_delta) ||
      rank(a) - rank(b) ||
      (a.address < b.address ? -1 : 1),
  );
  return { rows: sorted.slice(0, limit), omitted: Math.max(0, sorted.length - limit) };
}

// Among equal deltas, the ones a reader must look at (not priced, partial) first.
function rank(r: ResourceReport): number {
  return r.status === 'not-priced' ? 0 : r.status === 'partial' ? 1 : r.status === 'priced' ? 2 : 3;
}

export function money(value: number, signed = false): string {
  return formatUsd(new Big(value), { signed });
}

/**
 * A cost, or a range of costs when `max` differs (an autoscaled workload between its minimum and
 * maximum replicas): `$97.36–$486.78`, and signed `+$97.36 to +$486.78`.
 */
export function moneyRange(min: number, max: number | undefined, signed = false): string {
  if (max === undefined || max === min) return money(min, signed);
  return signed ? `${money(min, true)} to ${money(max, true)}` : `${money(min)}–${money(max)}`;
}

/** `$1,200.00 → $1,812.40`, each side a range when autoscalers make it one. */
export function totals(report: Report): string {
  const s = report.summary;
  return `${moneyRange(s.monthly_before, s.monthly_before_max)} → ${moneyRange(s.monthly_after, s.monthly_after_max)}`;
}

/**
 * `+$612.40 (+12.5%)` — the change, with its share of the cost before when there was one; with the
 * change at the top of the autoscalers' ranges when that differs (`+$97.36 (+5.0%) to +$486.78`).
 */
export function delta(report: Report): string {
  const s = report.summary;
  const pct = s.monthly_delta_percent;
  const percent = pct === null ? '' : ` (${pct > 0 ? '+' : ''}${pct.toFixed(1)}%)`;
  // The exact change rounded, as budgets compare it and the showback rows show it: $72.06 → $286.34
  // may read +$214.27 when the exact change is $214.274.
  const top = s.monthly_delta_max !== s.monthly_delta ? ` to ${money(s.monthly_delta_max, true)}` : '';
  return `${money(s.monthly_delta, true)}${percent}${top}`;
}

/**
 * The cost headline: `$219.00 → $503.70, +$284.70 (+130.0%)`, and when some resource is not fully
 * priced, that the totals are a floor: `; at least — 1 resource partly priced, 2 not priced`.
 */
export function headline(report: Report): string {
  const gaps = pricingGaps(report);
  return `${totals(report)}, ${delta(report)}${gaps ? `; at least — ${gaps}` : ''}`;
}

/** `1 resource partly priced, 2 not priced`: why the totals are a floor; undefined when they are not. */
export function pricingGaps(report: Report): string | undefined {
  const s = report.summary;
  if (s.price_snapshot.source === 'off') return undefined;
  const gaps = [
    ...(s.partial > 0 ? [`${plural(s.partial, 'resource')} partly priced`] : []),
    ...(s.not_priced.resources > 0 ? [`${plural(s.not_priced.resources, 'resource')} not priced`] : []),
  ];
  return gaps.length > 0 ? gaps.join(', ') : undefined;
}

/**
 * Unchanged resources are in the totals but not in the table of changes: one line says what they
 * add, so the table and the totals can be reconciled. Undefined when they add nothing.
 */
export function unchangedLine(report: Report): string | undefined {
  let count = 0;
  let sum = new Big(0);
  let top = new Big(0);
  for (const r of report.resources) {
    if (r.action !== 'no-op' || (r.monthly_after === 0 && !r.monthly_after_max)) continue;
    count++;
    sum = sum.plus(r.monthly_after);
    top = top.plus(r.monthly_after_max ?? r.monthly_after);
  }
  if (count === 0) return undefined;
  const amount = moneyRange(Number(sum.toString()), Number(top.toString()));
  return `${plural(count, 'unchanged resource')} (not listed): ${amount} a month, before and after`;
}

/**
 * A side of a partly priced resource where nothing has a price and something cannot get one (an
 * update to a billing mode the catalog has no price for): its $0.00 is no amount at all, and a
 * change to or from it no saving or increase.
 */
function unknownSide(r: ResourceReport, side: 'before' | 'after'): boolean {
  if (r.status !== 'partial') return false;
  const bill = side === 'before' ? (r.components_before ?? r.components) : r.components;
  return (
    bill.some((c) => c.state === 'unknown' || c.state === 'not-priced') &&
    !bill.some((c) => c.state === 'priced')
  );
}

/**
 * A cost cell of the resource table: "—" where there is no amount to show (no bill before a create
 * or after a delete, nothing priced, a side with no priced part and the change to or from it).
 */
export function costCell(
  r: ResourceReport,
  field: 'monthly_before' | 'monthly_after' | 'monthly_delta',
): string {
  if (r.status === 'not-priced') return '—';
  const before = unknownSide(r, 'before');
  const after = unknownSide(r, 'after');
  if (field === 'monthly_before' && (before || r.action === 'create')) return '—';
  if (field === 'monthly_after' && (after || r.action === 'delete')) return '—';
  if (field === 'monthly_delta' && (before || after)) return '—';
  return moneyRange(r[field], r[`${field}_max`], field === 'monthly_delta');
}

/** What the status column says: why a resource is not fully priced, in a few words. */
export function statusText(r: ResourceReport): string {
  switch (r.status) {
    case 'priced': {
      const usage = r.components.filter((c) => c.state === 'usage-not-given').length;
      const parts = ['priced'];
      if (r.monthly_after_max !== undefined || r.monthly_before_max !== undefined)
        parts.push('a range (autoscaled)');
      if (usage > 0) parts.push(`${plural(usage, 'usage-based component')} without usage`);
      return parts.join('; ');
    }
    case 'free':
      return 'free';
    case 'not-priced':
      return `not priced: ${r.cost_reason ?? firstGap(r) ?? 'no price'}`;
    case 'partial':
      return `partial${r.monthly_after_max !== undefined ? ', a range (autoscaled)' : ''}: ${firstGap(r) ?? 'some components not priced'}`;
  }
}

function firstGap(r: ResourceReport): string | undefined {
  const gaps = r.components.filter((c) => c.state === 'unknown' || c.state === 'not-priced');
  const first = gaps[0];
  if (!first) return undefined;
  const more = gaps.length > 1 ? ` (+${gaps.length - 1} more)` : '';
  return `${first.name}: ${first.reason ?? first.state}${more}`;
}

/** The line every report ends its cost part with: where prices came from and the month it assumes. */
export function priceFooter(report: Report): string {
  const s = report.summary.price_snapshot;
  if (s.source === 'off') return 'Cost estimation was turned off for this run.';
  const range =
    s.catalog.oldest === s.catalog.newest ? s.catalog.oldest : `${s.catalog.oldest} to ${s.catalog.newest}`;
  const catalog = `${s.catalog.kind === 'refreshed' ? 'refreshed' : 'bundled'} catalog of AWS on-demand list prices (snapshots ${range})`;
  const why =
    s.live && s.live.fallback > 0 && s.live.errors[0] ? `; fallback because ${s.live.errors[0]}` : '';
  const source =
    s.source === 'live' && s.live
      ? `live AWS Pricing API (${s.live.api} from the API, ${s.live.cache} cached, ${s.live.fallback} from the ${catalog}${why})`
      : catalog;
  // Per-service discounts override the general one: name each, and the general one as the rest's.
  const byService = Object.entries(s.discounts ?? {}).map(([k, v]) => `${k} ${v}%`);
  const discount =
    byService.length === 0
      ? s.discount_percent !== undefined
        ? `; ${s.discount_percent}% discount applied`
        : ''
      : `; discounts applied: ${[
          ...byService,
          ...(s.discount_percent !== undefined ? [`${s.discount_percent}% on other services`] : []),
        ].join(', ')}`;
  const defaulted = s.default_region;
  const region = defaulted
    ? `; ${defaulted.resources === 1 ? '1 resource names' : `${defaulted.resources} resources name`} no region: priced in ${defaulted.region} (pricing.default_region)`
    : '';
  return `Prices: ${source}; ${report.summary.hours_per_month} hours a month${discount}${region}.`;
}

/**
 * "3 resources not priced — no catalog price in their region: aws_eks_cluster ×1; type not priced by
 * tollgate: aws_neptune_cluster ×2": a type tollgate cannot price and a priced type the catalog has
 * no price for here call for different fixes, so the line tells them apart.
 */
export function notPricedLine(report: Report): string | undefined {
  const np = report.summary.not_priced;
  if (np.resources === 0) return undefined;
  const groups = new Map<string, Map<string, number>>();
  for (const r of report.resources) {
    if (r.status !== 'not-priced') continue;
    const why = notPricedBecause(r);
    let types = groups.get(why);
    if (!types) groups.set(why, (types = new Map<string, number>()));
    types.set(r.type, (types.get(r.type) ?? 0) + 1);
  }
  const parts = [...groups].map(
    ([why, types]) =>
      `${why}: ${[...types]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([t, n]) => `${t} ×${n}`)
        .join(', ')}`,
  );
  return `${plural(np.resources, 'resource')} not priced — ${parts.join('; ')}`;
}

function notPricedBecause(r: ResourceReport): string {
  const reason = r.cost_reason ?? '';
  if (reason === typeNotPriced(r.type)) return 'type not priced by tollgate';
  if (reason.startsWith(REGION_UNKNOWN)) return REGION_UNKNOWN;
  if (reason) return reason;
  const fromCatalog = r.components.some(
    (c) => c.state === 'not-priced' && c.reason?.startsWith('no catalog price'),
  );
  return fromCatalog ? 'no catalog price in their region' : 'no price for their configuration';
}
