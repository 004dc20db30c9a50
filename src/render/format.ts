import type { Finding, Severity } from '../model/finding.ts';
import type { Report, UnmatchedEntry, Verdict } from '../model/report.ts';
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

/**
 * " (exempted: reason, main.tf:12)" for an inline suppression, " (exempted: reason, owner, until
 * DATE)" for a policy exemption, "" when the finding is not exempted.
 */
export function exemptionNote(f: Finding): string {
  const e = f.exemption;
  if (!e) return '';
  if (e.source === 'policy')
    return ` (exempted: ${[e.reason, e.owner, e.expires ? `until ${e.expires}` : undefined].filter(Boolean).join(', ')})`;
  const at = e.at ? `, ${e.at.file}${e.at.line ? `:${e.at.line}` : ''}` : '';
  return ` (exempted: ${e.reason}${at})`;
}

export type SectionKey = Severity | 'exempted';

export const SECTION_TITLE: Record<SectionKey, string> = {
  block: 'Blocking',
  warn: 'Warnings',
  info: 'Notes',
  exempted: 'Exempted',
};

/** Findings by severity, most severe first, and the exempted ones apart; empty sections left out. */
export function findingSections(findings: readonly Finding[]): { key: SectionKey; findings: Finding[] }[] {
  const keys: SectionKey[] = ['block', 'warn', 'info', 'exempted'];
  return keys
    .map((key) => ({
      key,
      findings: findings.filter((f) =>
        key === 'exempted' ? f.exemption !== undefined : !f.exemption && f.severity === key,
      ),
    }))
    .filter((s) => s.findings.length > 0);
}

/** `file:line` of a policy entry. */
function at(place: { file: string; line?: number }): string {
  return place.line === undefined ? place.file : `${place.file}:${place.line}`;
}

/**
 * What the policy itself has to say about the run: entries that matched nothing ("2 rules matched
 * nothing: ...") and exemptions about to expire. Plain text; each renderer escapes it.
 */
export function policyNotes(report: Report): { unmatched?: string; expiring?: string } {
  const notes: { unmatched?: string; expiring?: string } = {};
  const unmatched = report.summary.policy.unmatched ?? [];
  if (unmatched.length > 0) {
    const kinds: [UnmatchedEntry['kind'], string, string][] = [
      ['rule', 'rule', 'rules'],
      ['budget', 'budget', 'budgets'],
      ['forbidden', 'forbidden entry', 'forbidden entries'],
      ['exemption', 'exemption', 'exemptions'],
    ];
    const counts = kinds
      .map(([kind, one, many]) => {
        const n = unmatched.filter((u) => u.kind === kind).length;
        return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
      })
      .filter((c) => c !== '');
    const names = unmatched.map((u) => `${u.kind} ${u.name} (${at(u.at)})`).join('; ');
    notes.unmatched = `${counts.join(', ')} matched nothing in this run: ${names}`;
  }
  const expiring = report.summary.policy.exemptions_expiring ?? [];
  if (expiring.length > 0) {
    const list = expiring
      .map(
        (e) =>
          `${e.rules.join(', ')} on ${e.resources.join(', ')} expires ${e.expires} (${e.days_left === 0 ? 'last day today' : plural(e.days_left, 'day')}; owner ${e.owner}; ${at(e.at)})`,
      )
      .join('; ');
    notes.expiring = `${plural(expiring.length, 'exemption')} expiring within 14 days: ${list}`;
  }
  return notes;
}

export function severityLabel(severity: Severity): string {
  return severity === 'block' ? 'BLOCK' : severity === 'warn' ? 'WARN' : 'NOTE';
}
