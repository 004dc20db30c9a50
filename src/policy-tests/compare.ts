/**
 * Whether a report is what a test case expects: the verdict, every expected finding present, and no
 * blocking or warning finding the case did not list (notes only count when listed), so a test
 * pins the policy's behaviour rather than one line of it. Pure.
 */
import type { Finding } from '../model/finding.ts';
import type { Report } from '../model/report.ts';
import { matchesAddress, matchesGlobs } from '../util/glob.ts';
import type { ExpectedFinding, TestCase } from './cases.ts';

/** The problems with `report` for `expected`, one line each; none means the case passes. */
export function compareReport(report: Report, expected: TestCase): string[] {
  const problems: string[] = [];
  if (expected.verdict !== undefined && report.verdict !== expected.verdict)
    problems.push(`verdict: expected ${expected.verdict}, got ${report.verdict}`);
  const relevant = report.findings.filter(
    (f) => !(expected.ignore.length > 0 && matchesGlobs(expected.ignore, f.rule)),
  );
  const accounted = new Set<Finding>();
  for (const e of expected.findings) {
    const hits = relevant.filter((f) => matches(e, f));
    if (hits.length === 0) problems.push(`missing: ${describeExpected(e)}`);
    for (const f of hits) accounted.add(f);
  }
  for (const f of relevant) {
    if (accounted.has(f) || f.severity === 'info') continue;
    problems.push(`unexpected: ${describeFinding(f)}`);
  }
  return problems;
}

function matches(e: ExpectedFinding, f: Finding): boolean {
  return (
    matchesGlobs([e.rule], f.rule) &&
    (e.address === undefined || matchesAddress(e.address, f.address)) &&
    (e.severity === undefined || e.severity === f.severity) &&
    (e.exempted === undefined || e.exempted === (f.exemption !== undefined)) &&
    (e.indeterminate === undefined || e.indeterminate === (f.indeterminate === true)) &&
    (e.message === undefined || f.message.includes(e.message))
  );
}

function describeExpected(e: ExpectedFinding): string {
  const traits = [
    e.severity,
    e.exempted === undefined ? undefined : e.exempted ? 'exempted' : 'not exempted',
    e.indeterminate === undefined ? undefined : e.indeterminate ? 'indeterminate' : 'decided',
  ].filter(Boolean);
  return (
    `${e.rule}${e.address ? ` on ${e.address}` : ''}${traits.length > 0 ? ` (${traits.join(', ')})` : ''}` +
    (e.message ? ` with a message containing ${JSON.stringify(e.message)}` : '')
  );
}

/** `forbidden.no-gpu on aws_instance.x (block, exempted): instance type ...` */
export function describeFinding(f: Finding): string {
  const traits = [
    f.severity,
    f.exemption ? 'exempted' : undefined,
    f.indeterminate ? 'indeterminate' : undefined,
  ];
  return `${f.rule} on ${f.address} (${traits.filter(Boolean).join(', ')}): ${f.message}`;
}
