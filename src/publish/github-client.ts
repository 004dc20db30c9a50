import type { ContentsReader, RemoteEntry } from '../io/base-policy.ts';

/** An issue (pull request) comment, as much of it as tollgate uses. */
export interface IssueComment {
  id: number;
  body: string;
  url: string;
}

/**
 * The few GitHub REST calls tollgate makes, for one pull request. The Action implements it with
 * Octokit; the logic on top of it (find, update or create, retry) never sees HTTP.
 */
export interface GitHubClient extends ContentsReader {
  /** One page of the pull request's comments, oldest first, and whether another page follows. */
  listComments(page: number): Promise<{ comments: IssueComment[]; hasNext: boolean }>;
  createComment(body: string): Promise<IssueComment>;
  updateComment(id: number, body: string): Promise<IssueComment>;
  getContent(path: string, ref: string): Promise<RemoteEntry>;
}

/** What an HTTP failure looks like from Octokit (`RequestError`) or any client: a status and headers. */
export interface HttpFailure {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
  message?: string;
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** First back-off delay; doubled on each retry. */
  baseDelayMs: number;
  /** The longest single wait tollgate accepts (a server asking for more is given up on). */
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Told before each wait, so the log shows why the run pauses. */
  onRetry?: (attempt: number, delayMs: number, err: unknown) => void;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * How long to wait before retrying a failed call, or undefined when retrying cannot help. Server
 * errors (5xx, and failures with no status at all: the connection broke) back off exponentially;
 * secondary rate limits (403 or 429 with `retry-after`, or with `x-ratelimit-remaining: 0`) wait as
 * long as GitHub says. Every other 4xx (a fork's read-only token, a missing PR) is final.
 */
export function retryDelay(
  err: unknown,
  attempt: number,
  options: RetryOptions,
  now = Date.now(),
): number | undefined {
  const failure = err as HttpFailure;
  const status = failure.status;
  const headers = failure.response?.headers ?? {};
  const backoff = options.baseDelayMs * 2 ** (attempt - 1);
  if (status === undefined || status >= 500) return backoff;
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) {
    const ms = Math.max(retryAfter * 1000, backoff);
    return ms <= options.maxDelayMs ? ms : undefined;
  }
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']) * 1000;
    const ms = Number.isFinite(reset) ? Math.max(reset - now, backoff) : backoff;
    return ms <= options.maxDelayMs ? ms : undefined;
  }
  // A 429 without headers is still a rate limit; a bare 403 is a permission problem.
  return status === 429 ? backoff : undefined;
}

/** Calls `fn`, retrying as `retryDelay` allows; the last failure is thrown. */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const delay = attempt < options.attempts ? retryDelay(err, attempt, options) : undefined;
      if (delay === undefined) throw err;
      options.onRetry?.(attempt, delay, err);
      await options.sleep(delay);
    }
  }
}

/** The same client with every call retried. */
export function retrying(client: GitHubClient, options: RetryOptions): GitHubClient {
  return {
    listComments: (page) => withRetry(() => client.listComments(page), options),
    createComment: (body) => {
      let attempt = 0;
      return withRetry(async () => {
        // A create that failed with a server error may still have been stored: never post it twice.
        if (attempt++ > 0) {
          const stored = await findByBody(client, body);
          if (stored) return stored;
        }
        return client.createComment(body);
      }, options);
    },
    updateComment: (id, body) => withRetry(() => client.updateComment(id, body), options),
    getContent: (path, ref) => withRetry(() => client.getContent(path, ref), options),
  };
}

async function findByBody(client: GitHubClient, body: string): Promise<IssueComment | undefined> {
  let found: IssueComment | undefined;
  for (let page = 1; ; page++) {
    const { comments, hasNext } = await client.listComments(page);
    for (const c of comments) if (c.body === body) found = c;
    if (!hasNext || comments.length === 0) return found;
  }
}

/** "403 Resource not accessible by integration", for a warning. */
export function describeHttpFailure(err: unknown): string {
  const failure = err as HttpFailure;
  const message =
    (failure.message ?? String(err)).split('\n')[0]?.replace(/ - https:\/\/docs\.github\.com\S*/, '') ?? '';
  return failure.status === undefined ? message : `${failure.status} ${message}`.trim();
}
