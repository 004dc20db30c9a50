import { createHash } from 'node:crypto';
import type { GitHubClient, IssueComment } from './github-client.ts';

/** GitHub refuses comment bodies longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * The hidden first line that identifies tollgate's comment. The id hashes what makes a tollgate step
 * distinct (workflow, job, working directory, inputs), so two steps in one workflow keep two
 * comments while reruns of one step find their own.
 */
export function commentMarker(identity: Record<string, string>): string {
  const canonical = JSON.stringify(Object.entries(identity).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const id = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
  return `<!-- tollgate:comment id=${id} -->`;
}

export type CommentMode = 'update' | 'new';

export interface PublishRequest {
  marker: string;
  mode: CommentMode;
  /** The comment body (without the marker) when this run has something to say. */
  body: string;
  /** Whether this run has something to say; when not, only an existing comment is updated, to `quietBody`. */
  worthSaying: boolean;
  quietBody: string;
}

export type PublishResult =
  { action: 'created' | 'updated'; comment: IssueComment } | { action: 'skipped'; reason: string };

/**
 * Creates or updates tollgate's comment. `update` edits the newest comment carrying the marker (or
 * creates it); `new` always adds one. A run with nothing to say never creates a comment, but turns an
 * existing one into a short "nothing to report now", so what the PR shows is never stale.
 */
export async function publishComment(client: GitHubClient, request: PublishRequest): Promise<PublishResult> {
  const withMarker = (body: string): string => `${request.marker}\n${body}`;
  const existing =
    request.mode === 'update' || !request.worthSaying ? await findComment(client, request.marker) : undefined;
  if (!request.worthSaying) {
    if (!existing) return { action: 'skipped', reason: 'nothing to report and no earlier comment to update' };
    const body = withMarker(request.quietBody);
    if (existing.body === body)
      return { action: 'skipped', reason: 'the comment already says there is nothing to report' };
    return { action: 'updated', comment: await client.updateComment(existing.id, body) };
  }
  const body = withMarker(request.body);
  if (request.mode === 'update' && existing) {
    return { action: 'updated', comment: await client.updateComment(existing.id, body) };
  }
  return { action: 'created', comment: await client.createComment(body) };
}

/** The newest comment whose first line is the marker, reading every page. */
export async function findComment(client: GitHubClient, marker: string): Promise<IssueComment | undefined> {
  let found: IssueComment | undefined;
  for (let page = 1; ; page++) {
    const { comments, hasNext } = await client.listComments(page);
    for (const c of comments) if (c.body.split('\n', 1)[0]?.trim() === marker) found = c;
    if (!hasNext || comments.length === 0) return found;
  }
}
