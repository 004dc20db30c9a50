import { runDate } from '../../pipeline.ts';
import { runTestFile, testFiles } from '../../policy-tests/run.ts';
import { terminalSafe } from '../../render/escape.ts';
import type { CliIO } from '../io.ts';

export const DEFAULT_TEST_DIR = 'policies/tests';

/**
 * `tollgate test [PATH]`: runs policy test files and prints one line per case, the problems of each
 * failing one under it, and `N passed, N failed`. Exit 1 when a case fails; a malformed test file
 * stops the run (exit 2, from the caller's error handling).
 */
export async function testCommand(
  path: string | undefined,
  flags: { now?: string },
  io: CliIO,
): Promise<number> {
  const today = runDate({ ...(flags.now !== undefined ? { today: flags.now } : {}), env: io.env });
  let passed = 0;
  let failed = 0;
  for (const file of testFiles(path ?? DEFAULT_TEST_DIR, io.cwd)) {
    for (const result of await runTestFile(file, io.cwd, today)) {
      const label = `${result.file} › ${result.name}`;
      if (result.problems.length === 0) {
        passed++;
        io.stdout.write(`ok    ${terminalSafe(label)}\n`);
      } else {
        failed++;
        io.stdout.write(`FAIL  ${terminalSafe(label)}\n`);
        for (const p of result.problems) io.stdout.write(`        ${terminalSafe(p)}\n`);
      }
    }
  }
  io.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
