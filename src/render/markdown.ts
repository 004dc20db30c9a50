import { markdownTable } from 'markdown-table';
import type { Finding } from '../model/finding.ts';
import type { Report, ResourceReport } from '../model/report.ts';
import { mdCode, mdText } from './escape.ts';
import {
  costCell,
  costRows,
  headline as costHeadline,
  moneyRange,
  notPricedLine,
  priceFooter,
  pricingGaps,
  statusText,
  unchangedLine,
} from './cost.ts';
import {
  actionCounts,
  exemptionNote,
  findingCounts,
  findingSections,
  plural,
  policyNotes,
  SECTION_TITLE,
  VERDICT_WORD,
  type SectionKey,
} from './format.ts';

const ICON = { pass: '✅', warn: '⚠️', block: '❌' } as const;
const SEVERITY_ICON = { block: '❌ block', warn: '⚠️ warn', info: 'ℹ️ note' } as const;
const SECTION_ICON: Record<SectionKey, string> = { block: '❌ ', warn: '⚠️ ', info: 'ℹ️ ', exempted: '' };

/** A findings table row and the section (severity, or exempted) it is listed under. */
interface FindingRow {
  section: SectionKey;
  cells: string[];
}

export interface MarkdownOptions {
  /**
   * Longest allowed result, in UTF-16 code units (never fewer than GitHub's characters). Detail is
   * folded away to stay under it: resource rows first, then findings rows, each replaced by a line
   * saying how many were left out. Unlimited when absent.
   */
  maxLength?: number;
  /** Where the reader finds what was left out. */
  fullReportAt?: string;
  /** How length is counted against maxLength; UTF-16 code units by default (a limit in bytes passes its own). */
  measure?: (text: string) => number;
}

/** How much of each long list a rendering shows. */
interface Shown {
  resources: number;
  findings: number;
}

/** The markdown report: the body of the pull-request comment and the job summary. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const max = options.maxLength ?? Infinity;
  const measure = options.measure ?? ((text: string) => text.length);
  const at = options.fullReportAt ?? 'the job summary / JSON report';
  // Most severe first and exempted last, so folding drops exempted and minor findings first.
  const findingRows: FindingRow[] = findingSections(report.findings).flatMap((section) =>
    section.findings.map((f) => ({ section: section.key, cells: findingRow(report, f) })),
  );
  const resourceRows = report.resources.map(resourceRow);
  const render = (shown: Shown): string => compose(report, findingRows, resourceRows, shown, at);

  const all = { resources: resourceRows.length, findings: findingRows.length };
  const full = render(all);
  if (measure(full) <= max) return full;
  // Fold the per-resource details first: the findings say what is wrong, the details only restate.
  const resources = largestFitting(
    resourceRows.length,
    (n) => measure(render({ ...all, resources: n })) <= max,
  );
  if (resources !== undefined) return render({ ...all, resources });
  const findings = largestFitting(
    findingRows.length,
    (n) => measure(render({ resources: 0, findings: n })) <= max,
  );
  if (findings !== undefined) return render({ resources: 0, findings });
  return hardCut(render({ resources: 0, findings: 0 }), max, at, measure);
}

function compose(
  report: Report,
  findingRows: FindingRow[],
  resourceRows: string[][],
  shown: Shown,
  at: string,
): string {
  const sections = [
    headline(report),
    policyNotice(report),
    costSection(report),
    showbackSection(report),
    findingsSection(findingRows, shown.findings, at),
    policySection(report),
    resourcesSection(resourceRows, shown.resources, at),
    footer(report),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function headline(report: Report): string {
  const s = report.summary;
  const counted = s.monthly_delta !== 0 || s.monthly_after !== 0 || s.monthly_after_max !== 0;
  const gaps = pricingGaps(report);
  // Nothing counted but something unpriced: $0.00 would read as "free", which it is not known to be.
  const cost = counted
    ? ` · ${moneyRange(s.monthly_delta, s.monthly_delta_max, true)}/mo (${monthlyTotal(report)})`
    : gaps
      ? ` · cost not known: ${gaps}`
      : '';
  const lines = [
    `### ${ICON[report.verdict]} tollgate ${VERDICT_WORD[report.verdict]}: ${findingCounts(report)}${cost}`,
  ];
  lines.push('');
  lines.push(
    `${plural(report.summary.resources, 'resource')} (${actionCounts(report)}), ` +
      `${report.summary.checked} checked against the tagging taxonomy.`,
  );
  return lines.join('\n');
}

/** `total $49.56/mo`; a floor when some resource is not fully priced, and the heading says so. */
function monthlyTotal(report: Report): string {
  const s = report.summary;
  const total = `${moneyRange(s.monthly_after, s.monthly_after_max)}/mo`;
  const gaps = pricingGaps(report);
  return gaps ? `total at least ${total}; ${gaps}` : `total ${total}`;
}

function policyNotice(report: Report): string {
  const { changed_in_pr: changed, ref } = report.summary.policy;
  if (changed !== true) return '';
  if (ref === undefined) {
    return "> [!NOTE]\n> This PR adds the policy (the base commit has none at this path); the PR's policy was enforced.";
  }
  return (
    `> [!WARNING]\n> This PR changes the policy; the base policy was enforced (read from the base commit ${shortRef(ref)}). ` +
    'The changed policy takes effect once merged.'
  );
}

function findingRow(report: Report, f: Finding): string[] {
  const multi = report.summary.inputs.length > 1;
  return [
    f.exemption ? `${SEVERITY_ICON[f.severity]} (exempted)` : SEVERITY_ICON[f.severity],
    mdCode(f.address) + (multi && f.origin ? ` (${mdText(f.origin)})` : ''),
    mdCode(f.rule),
    mdText(f.message + exemptionNote(f)),
    f.fix ? mdText(f.fix) : '',
  ];
}

function findingsSection(rows: FindingRow[], shown: number, at: string): string {
  if (rows.length === 0) return '';
  const header = ['Severity', 'Resource', 'Rule', 'Problem', 'How to fix'];
  const parts = ['#### Findings'];
  const visible = rows.slice(0, shown);
  for (const key of ['block', 'warn', 'info', 'exempted'] as const) {
    const total = rows.filter((r) => r.section === key).length;
    const listed = visible.filter((r) => r.section === key).map((r) => r.cells);
    if (listed.length === 0) continue;
    parts.push(
      key === 'exempted'
        ? `**${SECTION_TITLE[key]} (${count(total)})**: shown, not counted toward the verdict`
        : `**${SECTION_ICON[key]}${SECTION_TITLE[key]} (${count(total)})**`,
      markdownTable([header, ...listed], { alignDelimiters: false }),
    );
  }
  const rest = rows.length - shown;
  if (rest > 0) parts.push(`… ${count(rest)} more ${rest === 1 ? 'finding' : 'findings'} in ${at}.`);
  return parts.join('\n\n');
}

/** Exemptions about to expire, and policy entries that matched nothing. */
function policySection(report: Report): string {
  const notes = policyNotes(report);
  const lines: string[] = [];
  if (notes.expiring) lines.push(`⏳ ${mdText(notes.expiring)}`);
  if (notes.unmatched) lines.push(`ℹ️ Policy: ${mdText(notes.unmatched)}`);
  return lines.join('\n\n');
}

function resourceRow(r: ResourceReport): string[] {
  return [mdCode(r.address), r.action, tagCell(r)];
}

function resourcesSection(rows: string[][], shown: number, at: string): string {
  if (rows.length === 0) return '';
  const table =
    shown > 0
      ? markdownTable([['Resource', 'Action', 'Tags'], ...rows.slice(0, shown)], { alignDelimiters: false })
      : '';
  const rest = rows.length - shown;
  const more =
    rest > 0 ? `… ${shown > 0 ? `${count(rest)} more` : 'the'} resource details are in ${at}.` : '';
  const body = [table, more].filter((s) => s !== '').join('\n\n');
  return `<details><summary>${plural(rows.length, 'resource')}</summary>\n\n${body}\n\n</details>`;
}

function tagCell(r: ResourceReport): string {
  if (!r.taggable || !r.tags) return '—';
  const known = Object.entries(r.tags).map(([k, v]) => mdCode(`${k}=${v}`));
  const unknown = r.tags_unknown.map((k) => mdCode(`${k}=(known after apply)`));
  const all = [...known, ...unknown];
  return all.length > 0 ? all.join(' ') : '(none)';
}

const COST_ROWS = 25;

function costSection(report: Report): string {
  const s = report.summary;
  if (s.price_snapshot.source === 'off') return '';
  const { rows, omitted } = costRows(report, COST_ROWS);
  // A change that costs nothing and prices nothing (IAM, tags only) needs no cost section.
  if (rows.length === 0 && s.monthly_before === 0 && s.monthly_after === 0 && s.monthly_after_max === 0)
    return '';
  const lines = [`**Monthly cost:** ${costHeadline(report)}`];
  if (rows.length > 0) {
    const table = rows.map((r) => [
      mdCode(r.address),
      r.action,
      costCell(r, 'monthly_before'),
      costCell(r, 'monthly_after'),
      costCell(r, 'monthly_delta'),
      mdText(statusText(r)),
    ]);
    lines.push(
      '',
      markdownTable([['Resource', 'Action', 'Before', 'After', 'Delta', 'Status'], ...table], {
        alignDelimiters: false,
        align: ['l', 'l', 'r', 'r', 'r', 'l'],
      }),
    );
    if (omitted > 0)
      lines.push('', `… and ${plural(omitted, 'more changed resource')} (all in the JSON report).`);
  }
  const unchanged = unchangedLine(report);
  if (unchanged) lines.push('', unchanged);
  const notPriced = notPricedLine(report);
  if (notPriced) lines.push('', `⚠️ ${mdText(notPriced)}`);
  return lines.join('\n');
}

function showbackSection(report: Report): string {
  if (report.summary.price_snapshot.source === 'off') return '';
  const parts: string[] = [];
  for (const [key, rows] of Object.entries(report.summary.by_tag)) {
    const entries = Object.entries(rows);
    if (entries.length === 0) continue;
    const table = markdownTable(
      [
        [mdText(key), 'Before', 'After', 'Delta'],
        ...entries.map(([value, row]) => [
          mdText(value),
          moneyRange(row.before, row.before_max),
          moneyRange(row.after, row.after_max),
          moneyRange(row.delta, row.delta_max, true),
        ]),
      ],
      { alignDelimiters: false, align: ['l', 'r', 'r', 'r'] },
    );
    const pct = report.summary.unmapped_percent[key];
    const unmapped =
      pct !== null && pct !== undefined && pct > 0
        ? `\n\n${pct}% of the monthly cost has no ${mdCode(key)} tag.`
        : '';
    parts.push(
      parts.length === 0
        ? `#### Cost by ${mdText(key)}\n\n${table}${unmapped}`
        : `<details><summary>Cost by ${mdText(key)}</summary>\n\n${table}${unmapped}\n\n</details>`,
    );
  }
  return parts.join('\n\n');
}

function footer(report: Report): string {
  const { files, ref } = report.summary.policy;
  const policy = files.map(mdText).join(', ') + (ref === undefined ? '' : ` at ${shortRef(ref)}`);
  const inputs = report.summary.inputs.map((i) => mdText(i.path)).join(', ');
  return `<sub>tollgate ${mdText(report.tool.version)} · policy: ${policy} · input: ${inputs} · ${mdText(priceFooter(report))}</sub>`;
}

/** A commit id shortened as git shows it; any other ref escaped whole. */
function shortRef(ref: string): string {
  return /^[0-9a-f]{40}$/.test(ref) ? mdCode(ref.slice(0, 7)) : mdCode(ref);
}

/** `1,234` */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The largest n in 0..total for which `fits(n)` holds (fits is monotonic), or undefined if none. */
function largestFitting(total: number, fits: (n: number) => boolean): number | undefined {
  if (!fits(0)) return undefined;
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Last resort when even the sections without any rows are too long: cut at a line, and say so. */
function hardCut(text: string, max: number, at: string, measure: (text: string) => number): string {
  const note = `\n\n… the rest of this report is in ${at}.\n`;
  let room = Math.max(0, max - measure(note));
  // A measure counting bytes may need fewer characters than its budget: cut again until it fits.
  for (;;) {
    const cut = text.lastIndexOf('\n', room);
    const result = `${text.slice(0, cut > 0 ? cut : room)}${note}`;
    if (measure(result) <= max || room === 0) return result;
    room = Math.floor(room * 0.9);
  }
}
