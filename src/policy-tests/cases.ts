/**
 * Policy test files (`tollgate test`): YAML data, like `conftest verify` and `kyverno test` cases.
 * A file names a policy and lists cases; each case names an input and what the run must report.
 * Pure: the text in, the cases out; a malformed file is an error with its file and line.
 */
import { PolicyError } from '../errors.ts';
import type { Severity } from '../model/finding.ts';
import type { Verdict } from '../model/report.ts';
import { isIsoDate } from '../util/date.ts';
import { parseYamlFile } from '../policy/validate.ts';

export interface ExpectedFinding {
  rule: string;
  address?: string;
  severity?: Severity;
  exempted?: boolean;
  indeterminate?: boolean;
  /** A part of the message. */
  message?: string;
}

export interface TestCase {
  name: string;
  line?: number;
  /** Paths as written, relative to the test file. */
  policy: string;
  plans: string[];
  tfDirs: string[];
  vars: Record<string, string>;
  usage?: string;
  now?: string;
  all: boolean;
  /** False: no cost estimation (--no-cost). */
  cost: boolean;
  verdict?: Verdict;
  findings: ExpectedFinding[];
  ignore: string[];
  /** The run must fail with an error containing this. */
  error?: string;
}

export interface TestFile {
  file: string;
  cases: TestCase[];
}

export function parseTestFile(file: string, text: string): TestFile {
  const parsed = parseYamlFile('test', file, text);
  const data = parsed.data;
  const defaultPolicy = data.policy as string | undefined;
  const defaultNow = data.now as string | undefined;
  const checkDate = (value: string | undefined, path: (string | number)[]): void => {
    if (value !== undefined && !isIsoDate(value))
      throw new PolicyError(
        file,
        `${path.join('.')} "${value}" is not a date (expected YYYY-MM-DD)`,
        parsed.lineOf(path),
      );
  };
  checkDate(defaultNow, ['now']);
  const cases = (data.cases as Record<string, unknown>[]).map((raw, i): TestCase => {
    const line = parsed.lineOf(['cases', i]);
    const name = raw.name as string;
    const policy = (raw.policy as string | undefined) ?? defaultPolicy;
    if (policy === undefined)
      throw new PolicyError(
        file,
        `cases[${i}] (${name}) names no policy: give policy: at the top or in the case`,
        line,
      );
    const plans = list(raw.plan);
    const tfDirs = list(raw.tf);
    if (plans.length === 0 && tfDirs.length === 0)
      throw new PolicyError(file, `cases[${i}] (${name}) has no input: give plan: or tf:`, line);
    checkDate(raw.now as string | undefined, ['cases', i, 'now']);
    const expected: TestCase = {
      name,
      policy,
      plans,
      tfDirs,
      vars: Object.fromEntries(
        Object.entries((raw.vars as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [
          k,
          String(v),
        ]),
      ),
      all: raw.all === true,
      cost: raw.cost !== false,
      findings: ((raw.findings as ExpectedFinding[] | undefined) ?? []).map((f) => ({ ...f })),
      ignore: (raw.ignore as string[] | undefined) ?? [],
    };
    if (line !== undefined) expected.line = line;
    if (typeof raw.usage === 'string') expected.usage = raw.usage;
    const now = (raw.now as string | undefined) ?? defaultNow;
    if (now !== undefined) expected.now = now;
    if (typeof raw.verdict === 'string') expected.verdict = raw.verdict as Verdict;
    if (typeof raw.error === 'string') expected.error = raw.error;
    if (expected.error !== undefined && (expected.verdict !== undefined || expected.findings.length > 0))
      throw new PolicyError(
        file,
        `cases[${i}] (${name}) expects an error and a result; a run that fails has no verdict or findings`,
        line,
      );
    if (expected.error === undefined && expected.verdict === undefined)
      throw new PolicyError(
        file,
        `cases[${i}] (${name}) expects nothing: give verdict: (and findings:), or error:`,
        line,
      );
    return expected;
  });
  return { file, cases };
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as string[]) : [value as string];
}
