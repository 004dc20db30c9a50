import Big from 'big.js';
import type { Report } from '../model/report.ts';

/**
 * The report's monthly cost totals, when the run priced anything. Read defensively: the cost fields
 * are optional in the report, and money may be written as a decimal string or a JSON number.
 */
export interface MonthlyFigures {
  before?: Big;
  after?: Big;
  delta?: Big;
  currency: string;
}

type CostSummaryFields = Partial<Record<'monthly_before' | 'monthly_after' | 'monthly_delta', unknown>> & {
  currency?: unknown;
  price_snapshot?: unknown;
};

export function monthlyFigures(report: Report): MonthlyFigures {
  const summary = report.summary as CostSummaryFields;
  const before = decimal(summary.monthly_before);
  const after = decimal(summary.monthly_after);
  let delta = decimal(summary.monthly_delta);
  if (delta === undefined && before !== undefined && after !== undefined) delta = after.minus(before);
  const figures: MonthlyFigures = {
    currency: typeof summary.currency === 'string' && summary.currency !== '' ? summary.currency : 'USD',
  };
  if (before !== undefined) figures.before = before;
  if (after !== undefined) figures.after = after;
  if (delta !== undefined) figures.delta = delta;
  return figures;
}

/** The date (or label) of the price data the run used, when it priced anything. */
export function priceSnapshot(report: Report): string | undefined {
  const snapshot = (report.summary as CostSummaryFields).price_snapshot;
  return typeof snapshot === 'string' && snapshot !== '' ? snapshot : undefined;
}

/** `$1,234.50`, or `1,234.50 EUR` for other currencies; rounded to cents only here. */
export function formatMoney(amount: Big, currency: string, signed = false): string {
  const rounded = amount.round(2, Big.roundHalfUp);
  const sign = rounded.lt(0) ? '-' : signed && rounded.gt(0) ? '+' : '';
  const [whole = '0', cents = '00'] = rounded.abs().toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return currency === 'USD' ? `${sign}$${grouped}.${cents}` : `${sign}${grouped}.${cents} ${currency}`;
}

/** `+$12.34/mo (total $1,246.34/mo)`, or '' when the report has no cost. */
export function costHeadline(report: Report): string {
  const { delta, after, currency } = monthlyFigures(report);
  const parts: string[] = [];
  if (delta !== undefined) parts.push(`${formatMoney(delta, currency, true)}/mo`);
  if (after !== undefined)
    parts.push(
      delta !== undefined
        ? `(total ${formatMoney(after, currency)}/mo)`
        : `${formatMoney(after, currency)}/mo`,
    );
  return parts.join(' ');
}

function decimal(value: unknown): Big | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Big(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return new Big(value.trim());
  return undefined;
}
