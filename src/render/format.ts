import type { Finding, Severity } from '../model/finding.ts';
import type { Report, Verdict } from '../model/report.ts';
import { ACTIONS } from '../model/resource.ts';

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export const VERDICT_WORD: Record<Verdict, string> = {
  pass: 'passed',
  warn: 'passed with warnings',
  block: 'blocked',
};

/** "3 blocking findings, 1 warning" — or "no findings". */
export function findingCounts(report: Report): string {
  const { block, warn, info, exempted } = report.summary.findings;
  const parts: string[] = [];
  if (block) parts.push(plural(block, 'blocking finding'));
  if (warn) parts.push(plural(warn, 'warning'));
  if (info) parts.push(plural(info, 'note'));
  if (exempted) parts.push(`${exempted} exempted`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

/** "2 to create, 1 to update, 13 unchanged". */
export function actionCounts(report: Report): string {
  const words: Record<string, string> = {
    create: 'to create',
    update: 'to update',
    replace: 'to replace',
    delete: 'to delete',
    'no-op': 'unchanged',
  };
  const parts = ACTIONS.filter((a) => report.summary.actions[a] > 0).map(
    (a) => `${report.summary.actions[a]} ${words[a]}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'no resources';
}

/** Findings of one resource together, resources ordered by their worst finding. */
export function findingsByResource(findings: readonly Finding[]): { key: string; findings: Finding[] }[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.origin ?? ''}\0${f.address}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return [...groups].map(([key, list]) => ({ key, findings: list }));
}

/** " (exempted: reason, main.tf:12)" for an exempted finding, "" otherwise. */
export function exemptionNote(f: Finding): string {
  if (!f.exemption) return '';
  const at = f.exemption.at
    ? `, ${f.exemption.at.file}${f.exemption.at.line ? `:${f.exemption.at.line}` : ''}`
    : '';
  return ` (exempted: ${f.exemption.reason}${at})`;
}

export function severityLabel(severity: Severity): string {
  return severity === 'block' ? 'BLOCK' : severity === 'warn' ? 'WARN' : 'NOTE';
}
