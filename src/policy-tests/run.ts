/**
 * Runs policy test files: each case is a `tollgate check` of its input with its policy, on the
 * bundled price catalog (a refreshed one on the developer's machine must not change a test's
 * numbers) and without the environment (no TF_VAR_*), then compared with what the case expects.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError, TollgateError } from '../errors.ts';
import { bundledCatalogDir } from '../io/catalog-files.ts';
import { runCheck, type CheckRequest } from '../pipeline.ts';
import { parseTestFile, type TestCase } from './cases.ts';
import { compareReport } from './compare.ts';

export interface CaseResult {
  /** The test file, as shown (relative to the working directory). */
  file: string;
  name: string;
  problems: string[];
}

/** The test files of a path: the file itself, or the YAML files directly in the directory, in name order. */
export function testFiles(path: string, cwd: string): string[] {
  const absolute = resolve(cwd, path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    throw new InputError(path, 'no such test file or directory');
  }
  if (!isDirectory) return [absolute];
  const files = readdirSync(absolute, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(absolute, e.name))
    .sort();
  if (files.length === 0) throw new InputError(path, 'contains no test files (*.yaml)');
  return files;
}

/**
 * Parses a test file (a malformed one throws, with its line) and runs its cases. `today` is the date
 * for cases that give no `now`.
 */
export async function runTestFile(absolute: string, cwd: string, today: string): Promise<CaseResult[]> {
  const shown = relative(cwd, absolute) || absolute;
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (err) {
    throw new InputError(shown, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const parsed = parseTestFile(shown, text);
  const results: CaseResult[] = [];
  for (const c of parsed.cases)
    results.push({ file: shown, name: c.name, problems: await runCase(c, absolute, today) });
  return results;
}

async function runCase(c: TestCase, testFile: string, today: string): Promise<string[]> {
  const dir = dirname(testFile);
  const request: CheckRequest = {
    plans: c.plans.map((p) => resolve(dir, p)),
    tfDirs: c.tfDirs.map((d) => resolve(dir, d)),
    tfVariables: Object.entries(c.vars).map(([k, v]) => ({ kind: 'var' as const, text: `${k}=${v}` })),
    policyPath: c.policy,
    cwd: dir,
    env: {},
    includeUnchanged: c.all,
    pricing: c.cost ? 'catalog' : 'off',
    catalogPath: bundledCatalogDir(),
    today: c.now ?? today,
  };
  if (c.usage !== undefined) request.usagePath = resolve(dir, c.usage);
  try {
    const report = await runCheck(request);
    if (c.error !== undefined)
      return [
        `expected an error containing ${JSON.stringify(c.error)}, but the run succeeded (${report.verdict})`,
      ];
    return compareReport(report, c);
  } catch (err) {
    if (!(err instanceof TollgateError)) throw err;
    if (c.error !== undefined && err.message.includes(c.error)) return [];
    return [
      c.error !== undefined
        ? `expected an error containing ${JSON.stringify(c.error)}, got: ${err.message}`
        : `the run failed: ${err.message}`,
    ];
  }
}
