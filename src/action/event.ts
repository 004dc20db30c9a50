import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';

/** The pull request a run is for, from the event payload. */
export interface PullRequestEvent {
  number: number;
  /** The base commit id; '' when the payload has none. */
  baseSha: string;
  /** The head commit id; '' when the payload has none. */
  headSha: string;
  /** The head branch lives in a fork: the token is read-only, so commenting will fail. */
  fromFork: boolean;
}

export interface RunEvent {
  name: string;
  owner?: string;
  repo?: string;
  /** Set on pull_request and pull_request_target events. */
  pullRequest?: PullRequestEvent;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * The event this run is for. Read here, not from `@actions/github`'s `context`, which is computed
 * once at import time and cannot be checked or tested.
 */
export function readEvent(env: NodeJS.ProcessEnv): RunEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const event: RunEvent = { name };
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (owner && repo && rest.length === 0) {
    event.owner = owner;
    event.repo = repo;
  }
  if (!PR_EVENTS.has(name)) return event;
  const path = env.GITHUB_EVENT_PATH;
  if (!path)
    throw new UsageError(
      `GITHUB_EVENT_PATH is not set for the ${name} event; is this running in GitHub Actions?`,
    );
  let payload: { pull_request?: Record<string, unknown> };
  try {
    payload = JSON.parse(readFileSync(path, 'utf8')) as typeof payload;
  } catch (err) {
    throw new UsageError(`cannot read the event payload ${path} (${(err as Error).message})`);
  }
  const pr = payload.pull_request as
    | {
        number?: unknown;
        base?: { sha?: unknown };
        head?: { sha?: unknown; repo?: { fork?: unknown; full_name?: unknown } | null };
      }
    | undefined;
  if (!pr || typeof pr.number !== 'number') {
    throw new UsageError(`the ${name} event payload (${path}) has no pull request number`);
  }
  // Commit ids only: they reach git as arguments, and one starting with '-' would read as an option.
  const commit = (value: unknown): string =>
    typeof value === 'string' && /^[0-9a-fA-F]{4,64}$/.test(value) ? value : '';
  const headRepo = pr.head?.repo;
  event.pullRequest = {
    number: pr.number,
    baseSha: commit(pr.base?.sha),
    headSha: commit(pr.head?.sha),
    fromFork:
      headRepo === null ||
      headRepo?.fork === true ||
      (typeof headRepo?.full_name === 'string' && headRepo.full_name !== env.GITHUB_REPOSITORY),
  };
  return event;
}
