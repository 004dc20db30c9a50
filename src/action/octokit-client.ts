import { getOctokit } from '@actions/github';
import type { RemoteEntry } from '../io/base-policy.ts';
import type { GitHubClient, IssueComment } from '../publish/github-client.ts';

/**
 * The GitHub client over Octokit, for one pull request. The base URL is passed explicitly:
 * `@actions/github` would otherwise fix it from GITHUB_API_URL at import time.
 */
export function octokitClient(options: {
  token: string;
  baseUrl: string;
  owner: string;
  repo: string;
  issueNumber: number;
}): GitHubClient {
  const { owner, repo, issueNumber } = options;
  const octokit = getOctokit(options.token, { baseUrl: options.baseUrl });
  const comment = (c: { id: number; body?: string | null; html_url: string }): IssueComment => ({
    id: c.id,
    body: c.body ?? '',
    url: c.html_url,
  });
  return {
    async listComments(page) {
      const res = await octokit.rest.issues.listComments({
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100,
        page,
      });
      return { comments: res.data.map(comment), hasNext: /\brel="next"/.test(res.headers.link ?? '') };
    },
    async createComment(body) {
      return comment(
        (await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body })).data,
      );
    },
    async updateComment(id, body) {
      return comment((await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body })).data);
    },
    async getContent(path, ref): Promise<RemoteEntry> {
      let data: unknown;
      try {
        data = (await octokit.rest.repos.getContent({ owner, repo, path, ref })).data;
      } catch (err) {
        if ((err as { status?: number }).status === 404) return undefined;
        throw err;
      }
      if (Array.isArray(data)) {
        const entries = data as { name: string; type: string }[];
        return { type: 'dir', files: entries.filter((e) => e.type === 'file').map((e) => e.name) };
      }
      const file = data as { type?: string; content?: string; encoding?: string };
      if (file.type !== 'file' || typeof file.content !== 'string') return undefined;
      return {
        type: 'file',
        text: Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8'),
      };
    },
  };
}
