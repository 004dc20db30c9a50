/**
 * Policy entries that selected nothing in a run: a rule whose `applies_to` matched no resource, a
 * budget whose scope is empty, a forbidden entry that found nothing to look at, an exemption that
 * exempted nothing. Reported in the summary, so a typo (`aws_s3_bucket_acls`) cannot pass silently.
 */
import type { Budget, ForbiddenEntry, Policy, PolicyExemption, Rule } from '../model/policy.ts';
import type { UnmatchedEntry } from '../model/report.ts';
import { exemptionLabel } from './exemptions.ts';

export interface Matched {
  budgets: ReadonlySet<Budget>;
  forbidden: ReadonlySet<ForbiddenEntry>;
  rules: ReadonlySet<Rule>;
  exemptions: ReadonlySet<PolicyExemption>;
}

/** Nothing when the run read no resources: then nothing could match, and saying so is noise. */
export function unmatchedEntries(
  policy: Policy,
  matched: Matched,
  resourceCount: number,
  today: string,
): UnmatchedEntry[] {
  if (resourceCount === 0) return [];
  const at = (e: { at: { file: string; line?: number } }) =>
    e.at.line === undefined ? { file: e.at.file } : { file: e.at.file, line: e.at.line };
  return [
    ...policy.budgets
      .filter((b) => !matched.budgets.has(b))
      .map((b) => ({ kind: 'budget' as const, name: b.name, at: at(b) })),
    ...policy.forbidden
      .filter((e) => !matched.forbidden.has(e))
      .map((e) => ({ kind: 'forbidden' as const, name: e.name, at: at(e) })),
    ...policy.rules
      .filter((r) => !matched.rules.has(r))
      .map((r) => ({ kind: 'rule' as const, name: r.id, at: at(r) })),
    // An expired exemption has its own finding; only those in force can be stale.
    ...policy.exemptions
      .filter((e) => !matched.exemptions.has(e) && e.expires >= today)
      .map((e) => ({ kind: 'exemption' as const, name: exemptionLabel(e), at: at(e) })),
  ];
}
