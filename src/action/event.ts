import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';

/** The pull request a run is for, from the event payload. */
export interface PullRequestEvent {
  number: number;
  baseSha: string;
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
  const sha = /^[0-9a-f]{40}$/;
  if (!pr || typeof pr.number !== 'number' || typeof pr.base?.sha !== 'string' || !sha.test(pr.base.sha)) {
    throw new UsageError(
      `the ${name} event payload (${path}) has no pull request with a number and a base commit`,
    );
  }
  const headRepo = pr.head?.repo;
  event.pullRequest = {
    number: pr.number,
    baseSha: pr.base.sha,
    headSha: typeof pr.head?.sha === 'string' ? pr.head.sha : '',
    fromFork:
      headRepo === null ||
      headRepo?.fork === true ||
      (typeof headRepo?.full_name === 'string' && headRepo.full_name !== env.GITHUB_REPOSITORY),
  };
  return event;
}
