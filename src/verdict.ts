import { SEVERITY_RANK, type Finding } from './model/finding.ts';
import type { Verdict } from './model/report.ts';

export type FailOn = 'block' | 'warn' | 'never';

/** The worst severity among findings decides: any block blocks, else any warning warns. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  let verdict: Verdict = 'pass';
  for (const f of findings) {
    if (f.exemption) continue;
    if (f.severity === 'block') return 'block';
    if (f.severity === 'warn') verdict = 'warn';
  }
  return verdict;
}

/** 0 when the verdict is below the `--fail-on` level, 1 when it reaches it. */
export function exitCodeFor(verdict: Verdict, failOn: FailOn): 0 | 1 {
  if (failOn === 'never' || verdict === 'pass') return 0;
  if (failOn === 'warn') return 1;
  return verdict === 'block' ? 1 : 0;
}

/** Block first, then warnings, then notes; within a severity by address, then rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      compare(a.origin ?? '', b.origin ?? '') ||
      compare(a.address, b.address) ||
      compare(a.rule, b.rule),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
