import type { Finding } from '../model/finding.ts';
import Big from 'big.js';
import { formatUnitPrice } from '../cost/money.ts';
import { formatQuantity, perBatch, unitThings } from '../cost/units.ts';
import type { ComponentReport, Report } from '../model/report.ts';
import {
  costCell,
  costRows,
  headline,
  moneyRange,
  notPricedLine,
  priceFooter,
  statusText,
  unchangedLine,
} from './cost.ts';
import { terminalSafe } from './escape.ts';
import {
  actionCounts,
  exemptionNote,
  findingCounts,
  findingSections,
  findingsByResource,
  plural,
  policyNotes,
  SECTION_TITLE,
  severityLabel,
  VERDICT_WORD,
} from './format.ts';

export interface TextOptions {
  color: boolean;
}

type Style = (s: string) => string;

function styles(color: boolean): Record<'red' | 'yellow' | 'green' | 'cyan' | 'bold' | 'dim', Style> {
  const sgr = (open: number, close: number): Style =>
    color ? (s) => `\u001b[${open}m${s}\u001b[${close}m` : (s) => s;
  return {
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    green: sgr(32, 39),
    cyan: sgr(36, 39),
    bold: sgr(1, 22),
    dim: sgr(2, 22),
  };
}

/** The human report for a terminal or a CI log. */
export function renderText(report: Report, options: TextOptions): string {
  const s = styles(options.color);
  const safe = terminalSafe;
  const out: string[] = [];
  const inputs = report.summary.inputs.map((i) => safe(i.path)).join(', ');
  out.push(s.bold(`tollgate ${report.tool.version}`) + s.dim(` · ${inputs || 'no inputs'}`));
  out.push(s.dim(`policy: ${report.summary.policy.files.map(safe).join(', ')}`));
  out.push(
    `${plural(report.summary.resources, 'resource')} (${actionCounts(report)}); ` +
      `${report.summary.checked} checked against the tagging taxonomy`,
  );
  out.push('');
  out.push(...costSection(report, s));

  // Findings by severity, each section grouped by resource; exempted findings apart, after them.
  // Many resources often miss the same tag: each distinct fix is shown once, where it first applies.
  const fixesShown = new Set<string>();
  const severityStyle = (f: Finding): Style =>
    f.exemption ? s.dim : f.severity === 'block' ? s.red : f.severity === 'warn' ? s.yellow : s.cyan;
  const ruleWidth = Math.min(32, Math.max(14, ...report.findings.map((f) => f.rule.length)));
  for (const section of findingSections(report.findings)) {
    const first = section.findings[0] as Finding;
    const title = `${SECTION_TITLE[section.key]} (${section.findings.length})`;
    out.push(
      severityStyle(first)(s.bold(title)) + (section.key === 'exempted' ? s.dim(' — not counted') : ''),
    );
    for (const group of findingsByResource(section.findings)) {
      const lead = group.findings[0] as Finding;
      const where = lead.source
        ? s.dim(`  ${safe(lead.source.file)}${lead.source.line ? `:${lead.source.line}` : ''}`)
        : '';
      const origin = report.summary.inputs.length > 1 && lead.origin ? s.dim(`  (${safe(lead.origin)})`) : '';
      out.push(`${severityStyle(lead)('●')} ${s.bold(safe(lead.address))}${where}${origin}`);
      for (const f of group.findings) {
        const label = f.exemption ? 'EXEMPT' : severityLabel(f.severity);
        out.push(
          `  ${severityStyle(f)(label.padEnd(6))} ${s.dim(f.rule.padEnd(ruleWidth))} ${safe(f.message)}${s.dim(safe(exemptionNote(f)))}`,
        );
        if (f.fix && !fixesShown.has(f.fix)) {
          fixesShown.add(f.fix);
          out.push(`  ${' '.repeat(6)} ${' '.repeat(ruleWidth)} ${s.dim(`fix: ${safe(f.fix)}`)}`);
        }
      }
    }
    out.push('');
  }
  const notes = policyNotes(report);
  if (notes.expiring) out.push(s.yellow(`⏳ ${safe(notes.expiring)}`));
  if (notes.unmatched) out.push(s.dim(`policy: ${safe(notes.unmatched)}`));
  if (notes.expiring || notes.unmatched) out.push('');

  const verdictStyle = report.verdict === 'block' ? s.red : report.verdict === 'warn' ? s.yellow : s.green;
  const icon = report.verdict === 'block' ? '✖' : report.verdict === 'warn' ? '▲' : '✔';
  out.push(verdictStyle(s.bold(`${icon} ${VERDICT_WORD[report.verdict]}`)) + ` — ${findingCounts(report)}`);
  return `${out.join('\n')}\n`;
}

const COST_ROWS = 15;
const COMPONENT_ROWS = 10;

function costSection(
  report: Report,
  s: Record<'red' | 'yellow' | 'green' | 'cyan' | 'bold' | 'dim', Style>,
): string[] {
  const out: string[] = [];
  const sum = report.summary;
  if (sum.price_snapshot.source === 'off') return out;
  out.push(s.bold(`Monthly cost: ${headline(report)}`));
  const { rows, omitted } = costRows(report, COST_ROWS);
  if (rows.length > 0) {
    const width = Math.min(60, Math.max(...rows.map((r) => terminalSafe(r.address).length)));
    // Ranges (autoscaled workloads) are wider than one amount: columns grow to fit them.
    const col = (field: 'monthly_before' | 'monthly_after' | 'monthly_delta', min: number) =>
      Math.max(min, ...rows.map((r) => costCell(r, field).length));
    const [wb, wa, wd] = [col('monthly_before', 11), col('monthly_after', 11), col('monthly_delta', 12)];
    out.push(
      s.dim(
        `  ${'RESOURCE'.padEnd(width)}  ${'ACTION'.padEnd(7)}  ${'BEFORE'.padStart(wb)}  ${'AFTER'.padStart(wa)}  ${'DELTA'.padStart(wd)}  STATUS`,
      ),
    );
    rows.forEach((r, i) => {
      const address = terminalSafe(r.address);
      const line = `  ${address.padEnd(width)}  ${r.action.padEnd(7)}  ${costCell(r, 'monthly_before').padStart(wb)}  ${costCell(r, 'monthly_after').padStart(wa)}  ${costCell(r, 'monthly_delta').padStart(wd)}  `;
      const status = terminalSafe(statusText(r));
      out.push(line + (r.status === 'priced' || r.status === 'free' ? s.dim(status) : s.yellow(status)));
      if (i < COMPONENT_ROWS) for (const c of r.components) out.push(s.dim(`      ${componentLine(c)}`));
    });
    if (omitted > 0)
      out.push(
        s.dim(
          `  … ${omitted} more changed resource${omitted === 1 ? '' : 's'} (every one is in --format json)`,
        ),
      );
  }
  const unchanged = unchangedLine(report);
  if (unchanged) out.push(s.dim(`  ${unchanged}`));
  const showback = showbackLines(report, s);
  if (showback.length > 0) out.push('', ...showback);
  out.push('');
  const notPriced = notPricedLine(report);
  if (notPriced) out.push(s.yellow(`  ${terminalSafe(notPriced)}`));
  out.push(s.dim(`  ${priceFooter(report)}`));
  out.push('');
  return out;
}

/**
 * `Instance (Linux on-demand, m5.large)  730 hours × $0.096 = $70.08`,
 * `Requests  25M requests × $0.20 per 1M = $5.00`, or why it has no cost.
 */
export function componentLine(c: ComponentReport): string {
  const name = terminalSafe(c.name);
  switch (c.state) {
    case 'priced': {
      const amount = quantity(c);
      return `${name}  ${amount} × ${unitPrice(c)} = ${moneyRange(c.monthly_cost ?? 0, c.monthly_cost_max)}${c.note ? ` (${terminalSafe(c.note)})` : ''}`;
    }
    case 'usage-not-given':
      // With no price yet, the reason says so; a "× ?" would only puzzle.
      return `${name}  — ${terminalSafe(unitThings(c.unit))}${c.unit_price === null ? '' : ` × ${unitPrice(c)}`}: $0.00, ${terminalSafe(c.reason ?? 'usage not given')}`;
    case 'unknown':
      return `${name}  unknown: ${terminalSafe(c.reason ?? 'known only after apply')}`;
    case 'not-priced':
      return `${name}  not priced: ${terminalSafe(c.reason ?? 'no price')}`;
  }
}

function unitPrice(c: ComponentReport): string {
  if (c.unit_price === null) return '?';
  const text = `${formatUnitPrice(new Big(c.unit_price))}${terminalSafe(perBatch(c.unit))}`;
  return c.discount_percent !== undefined && c.list_unit_price !== undefined
    ? `${text} (list ${formatUnitPrice(new Big(c.list_unit_price))} − ${c.discount_percent}%)`
    : text;
}

function quantity(c: ComponentReport): string {
  if (c.monthly_quantity === null) return `— ${terminalSafe(unitThings(c.unit))}`;
  const max = c.monthly_quantity_max === undefined ? undefined : new Big(c.monthly_quantity_max);
  return terminalSafe(formatQuantity(new Big(c.monthly_quantity), c.unit, 4, max));
}

function showbackLines(
  report: Report,
  s: Record<'red' | 'yellow' | 'green' | 'cyan' | 'bold' | 'dim', Style>,
): string[] {
  const keys = Object.keys(report.summary.by_tag);
  const first = keys[0];
  if (first === undefined) return [];
  const rows = Object.entries(report.summary.by_tag[first] ?? {});
  if (rows.length === 0) return [];
  const width = Math.max(first.length, ...rows.map(([v]) => terminalSafe(v).length));
  const cells = rows.map(([value, row]) => ({
    value: terminalSafe(value),
    before: moneyRange(row.before, row.before_max),
    after: moneyRange(row.after, row.after_max),
    delta: moneyRange(row.delta, row.delta_max, true),
  }));
  const widest = (pick: (c: (typeof cells)[number]) => string, min: number) =>
    Math.max(min, ...cells.map((c) => pick(c).length));
  const [wb, wa, wd] = [widest((c) => c.before, 11), widest((c) => c.after, 11), widest((c) => c.delta, 12)];
  const out = [
    s.dim(
      `  ${terminalSafe(first).padEnd(width)}  ${'BEFORE'.padStart(wb)}  ${'AFTER'.padStart(wa)}  ${'DELTA'.padStart(wd)}`,
    ),
  ];
  for (const c of cells) {
    out.push(
      `  ${c.value.padEnd(width)}  ${c.before.padStart(wb)}  ${c.after.padStart(wa)}  ${c.delta.padStart(wd)}`,
    );
  }
  const unmapped = keys
    .map((k) => [k, report.summary.unmapped_percent[k]] as const)
    .filter(([, pct]) => pct !== null && pct !== undefined && pct > 0)
    .map(([k, pct]) => `${terminalSafe(k)} ${pct}%`);
  if (unmapped.length > 0) out.push(s.yellow(`  unmapped cost (no tag value): ${unmapped.join(', ')}`));
  return out;
}
