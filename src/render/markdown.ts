import { markdownTable } from 'markdown-table';
import type { Finding } from '../model/finding.ts';
import type { Report, ResourceReport } from '../model/report.ts';
import { mdCode, mdText } from './escape.ts';
import { costRows, delta, money, notPricedLine, priceFooter, statusText } from './cost.ts';
import { actionCounts, findingCounts, plural, VERDICT_WORD } from './format.ts';

const ICON = { pass: '✅', warn: '⚠️', block: '❌' } as const;
const SEVERITY_ICON = { block: '❌ block', warn: '⚠️ warn', info: 'ℹ️ note' } as const;

/** The markdown report: the body of the pull-request comment and the job summary. */
export function renderMarkdown(report: Report): string {
  const sections = [
    headline(report),
    costSection(report),
    showbackSection(report),
    findingsSection(report),
    resourcesSection(report),
    footer(report),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function headline(report: Report): string {
  const s = report.summary;
  const cost = s.monthly_delta !== 0 || s.monthly_after !== 0 ? ` · ${delta(report)}/month` : '';
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

function findingsSection(report: Report): string {
  if (report.findings.length === 0) return '';
  const multi = report.summary.inputs.length > 1;
  const header = ['Severity', 'Resource', 'Rule', 'Problem', 'How to fix'];
  const rows = report.findings.map((f: Finding) => [
    SEVERITY_ICON[f.severity],
    mdCode(f.address) + (multi && f.origin ? ` (${mdText(f.origin)})` : ''),
    mdCode(f.rule),
    mdText(f.message),
    f.fix ? mdText(f.fix) : '',
  ]);
  return `#### Findings\n\n${markdownTable([header, ...rows], { alignDelimiters: false })}`;
}

function resourcesSection(report: Report): string {
  if (report.resources.length === 0) return '';
  const rows = report.resources.map((r: ResourceReport) => [mdCode(r.address), r.action, tagCell(r)]);
  const table = markdownTable([['Resource', 'Action', 'Tags'], ...rows], { alignDelimiters: false });
  return `<details><summary>${plural(report.resources.length, 'resource')}</summary>\n\n${table}\n\n</details>`;
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
  const lines = [
    `**Monthly cost:** ${money(s.monthly_before)} → ${money(s.monthly_after)} (${delta(report)})`,
  ];
  const { rows, omitted } = costRows(report, COST_ROWS);
  if (rows.length > 0) {
    const cell = (r: ResourceReport, v: number, missing: boolean, signed = false) =>
      r.status === 'not-priced' || missing ? '—' : money(v, signed);
    const table = rows.map((r) => [
      mdCode(r.address),
      r.action,
      cell(r, r.monthly_before, r.action === 'create'),
      cell(r, r.monthly_after, r.action === 'delete'),
      cell(r, r.monthly_delta, false, true),
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
  const notPriced = notPricedLine(report);
  if (notPriced) lines.push('', `⚠️ ${mdText(notPriced)}`);
  return lines.join('\n');
}

function showbackSection(report: Report): string {
  const parts: string[] = [];
  for (const [key, rows] of Object.entries(report.summary.by_tag)) {
    const entries = Object.entries(rows);
    if (entries.length === 0) continue;
    const table = markdownTable(
      [
        [mdText(key), 'Before', 'After', 'Delta'],
        ...entries.map(([value, row]) => [
          mdText(value),
          money(row.before),
          money(row.after),
          money(row.delta, true),
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
  const policy = report.summary.policy.files.map(mdText).join(', ');
  const inputs = report.summary.inputs.map((i) => mdText(i.path)).join(', ');
  return `<sub>${mdText(priceFooter(report))} tollgate ${mdText(report.tool.version)} · policy: ${policy} · input: ${inputs}</sub>`;
}
