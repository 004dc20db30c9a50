import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './cli.ts';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionRunOptions {
  /** Inputs by their action.yml names; passed as INPUT_<NAME> with hyphens kept, as the runner does. */
  inputs: Record<string, string>;
  workspace: string;
  eventName: string;
  /** The webhook payload; written to a file named by GITHUB_EVENT_PATH. */
  payload?: unknown;
  apiUrl?: string;
  env?: Record<string, string>;
  /** A scratch directory for the runner's files (event, output, summary, RUNNER_TEMP). */
  scratch: string;
}

/**
 * Runs the bundled dist/action.js as a child process the way the GitHub runner starts a node action.
 * Asynchronous on purpose: the fake GitHub API lives in this process and must keep answering.
 */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(options.scratch, 'run-'));
  const outputFile = join(dir, 'output.txt');
  const summaryFile = join(dir, 'summary.md');
  const eventFile = join(dir, 'event.json');
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(runnerTemp);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, JSON.stringify(options.payload ?? {}));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_WORKFLOW: 'infra',
    GITHUB_JOB: 'plan',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: runnerTemp,
    TOLLGATE_RETRY_BASE_MS: '20',
    ...(options.apiUrl ? { GITHUB_API_URL: options.apiUrl } : {}),
    ...options.env,
  };
  const defaults: Record<string, string> = {
    policy: 'policies/',
    'github-token': 'ghs_faketoken',
    comment: 'update',
    'comment-when': 'changed',
    'fail-on': 'block',
    'policy-from-base': 'true',
    'working-directory': '.',
    pricing: 'catalog',
  };
  for (const [name, value] of Object.entries({ ...defaults, ...options.inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'action.js')], {
    cwd: options.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
}

/** The GITHUB_OUTPUT file format: `name<<DELIMITER\nvalue\nDELIMITER\n`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm;
  for (const m of text.matchAll(re)) outputs[m[1] as string] = m[3] as string;
  return outputs;
}

/** A scratch directory removed by the returned function. */
export function scratchDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'tollgate-action-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Writes files (path → content) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    env: GIT_ENV,
    encoding: 'utf8',
  }).trim();
}

/**
 * A real repository: `base` files committed on main, then `head` files (null deletes) committed on
 * a branch, checked out as actions/checkout leaves a pull request. Returns both commit ids.
 */
export function makeRepo(
  dir: string,
  base: Record<string, string>,
  head: Record<string, string | null> = {},
): { baseSha: string; headSha: string } {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  writeFiles(dir, base);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'feature');
  for (const [path, content] of Object.entries(head)) {
    if (content === null) rmSync(join(dir, path));
    else writeFiles(dir, { [path]: content });
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'head');
  return { baseSha, headSha: git(dir, 'rev-parse', 'HEAD') };
}

/** A pull_request webhook payload shaped like GitHub's (the fields tollgate reads, and their neighbours). */
export function pullRequestPayload(options: {
  number: number;
  baseSha: string;
  headSha: string;
  fork?: boolean;
}): unknown {
  const headRepo = options.fork ? 'contributor/infra' : 'acme/infra';
  return {
    action: 'synchronize',
    number: options.number,
    pull_request: {
      url: `https://api.github.com/repos/acme/infra/pulls/${options.number}`,
      id: 1_987_654_321,
      number: options.number,
      state: 'open',
      title: 'Add the queue',
      user: { login: options.fork ? 'contributor' : 'dev', type: 'User' },
      head: {
        label: `${options.fork ? 'contributor' : 'acme'}:feature`,
        ref: 'feature',
        sha: options.headSha,
        repo: { full_name: headRepo, fork: options.fork === true, private: false },
      },
      base: {
        label: 'acme:main',
        ref: 'main',
        sha: options.baseSha,
        repo: { full_name: 'acme/infra', fork: false, private: false },
      },
    },
    repository: { full_name: 'acme/infra', name: 'infra', owner: { login: 'acme' } },
    sender: { login: options.fork ? 'contributor' : 'dev', type: 'User' },
  };
}
