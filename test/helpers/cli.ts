import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/program.ts';
import type { Report } from '../../src/model/report.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const PLANS = join(FIXTURES, 'terraform-plans');

/** Tests never see a catalog refreshed or prices cached on the developer's machine. */
const HERMETIC: NodeJS.ProcessEnv = {
  XDG_DATA_HOME: join(ROOT, 'test', 'no-such-xdg-data'),
  XDG_CACHE_HOME: join(ROOT, 'test', 'no-such-xdg-cache'),
};

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s) },
    env: { ...HERMETIC, ...options.env },
    cwd: options.cwd ?? ROOT,
  });
  return { code, stdout, stderr };
}

/** Runs the bundled dist/cli.js as a separate process, as users and hooks do. */
export function runDist(
  args: string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): CliResult {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...HERMETIC, ...options.env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `tollgate check --format json` parsed. */
export async function checkJson(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; report: Report; stderr: string }> {
  const result = await runCli(['check', '--format', 'json', ...args], options);
  if (result.code === 2) throw new Error(`check failed: ${result.stderr}`);
  return {
    code: result.code,
    report: JSON.parse(result.stdout) as Report,
    stderr: result.stderr,
  };
}
