import { markdownTable } from 'markdown-table';
import type { Finding } from '../model/finding.ts';
import type { Report, ResourceReport } from '../model/report.ts';
import { mdCode, mdText } from './escape.ts';
import { actionCounts, exemptionNote, findingCounts, plural, VERDICT_WORD } from './format.ts';

const ICON = { pass: '✅', warn: '⚠️', block: '❌' } as const;
const SEVERITY_ICON = { block: '❌ block', warn: '⚠️ warn', info: 'ℹ️ note' } as const;

/** The markdown report: the body of the pull-request comment and the job summary. */
export function renderMarkdown(report: Report): string {
  const sections = [headline(report), findingsSection(report), resourcesSection(report), footer(report)];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function headline(report: Report): string {
  const lines = [
    `### ${ICON[report.verdict]} tollgate ${VERDICT_WORD[report.verdict]}: ${findingCounts(report)}`,
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
    f.exemption ? `${SEVERITY_ICON[f.severity]} (exempted)` : SEVERITY_ICON[f.severity],
    mdCode(f.address) + (multi && f.origin ? ` (${mdText(f.origin)})` : ''),
    mdCode(f.rule),
    mdText(f.message + exemptionNote(f)),
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

function footer(report: Report): string {
  const policy = report.summary.policy.files.map(mdText).join(', ');
  const inputs = report.summary.inputs.map((i) => mdText(i.path)).join(', ');
  return `<sub>tollgate ${mdText(report.tool.version)} · policy: ${policy} · input: ${inputs}</sub>`;
}
