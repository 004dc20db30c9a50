import type { Finding } from '../model/finding.ts';
import type { Report } from '../model/report.ts';
import { terminalSafe } from './escape.ts';
import {
  actionCounts,
  exemptionNote,
  findingCounts,
  findingsByResource,
  plural,
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

  // Many resources often miss the same tag: each distinct fix is shown once, where it first applies.
  const fixesShown = new Set<string>();
  const severityStyle = (f: Finding): Style =>
    f.exemption ? s.dim : f.severity === 'block' ? s.red : f.severity === 'warn' ? s.yellow : s.cyan;
  for (const group of findingsByResource(report.findings)) {
    const first = group.findings[0] as Finding;
    const where = first.source
      ? s.dim(`  ${safe(first.source.file)}${first.source.line ? `:${first.source.line}` : ''}`)
      : '';
    const origin = report.summary.inputs.length > 1 && first.origin ? s.dim(`  (${safe(first.origin)})`) : '';
    out.push(`${severityStyle(first)('●')} ${s.bold(safe(first.address))}${where}${origin}`);
    for (const f of group.findings) {
      const label = f.exemption ? 'EXEMPT' : severityLabel(f.severity);
      out.push(
        `  ${severityStyle(f)(label.padEnd(6))} ${s.dim(f.rule.padEnd(14))} ${safe(f.message)}${s.dim(safe(exemptionNote(f)))}`,
      );
      if (f.fix && !fixesShown.has(f.fix)) {
        fixesShown.add(f.fix);
        out.push(`  ${' '.repeat(6)} ${' '.repeat(14)} ${s.dim(`fix: ${safe(f.fix)}`)}`);
      }
    }
    out.push('');
  }

  const verdictStyle = report.verdict === 'block' ? s.red : report.verdict === 'warn' ? s.yellow : s.green;
  const icon = report.verdict === 'block' ? '✖' : report.verdict === 'warn' ? '▲' : '✔';
  out.push(verdictStyle(s.bold(`${icon} ${VERDICT_WORD[report.verdict]}`)) + ` — ${findingCounts(report)}`);
  return `${out.join('\n')}\n`;
}
