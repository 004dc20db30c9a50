import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the few GitHub REST endpoints tollgate calls, with an in-memory store:
 * issue comments (list with `Link` pagination, create, update) and repository contents. It enforces
 * GitHub's 65 536-character body limit, records every request, and can be told to fail the next
 * matching requests, so tests see exactly what the Action sent.
 */

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  user: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | undefined;
}

export interface Fault {
  method?: string;
  /** Matched against the request path. */
  path?: RegExp;
  status: number;
  headers?: Record<string, string>;
  message?: string;
  /** How many matching requests fail; then the fault is spent. */
  times: number;
  /** Carry the request out anyway, then answer with the failure (a gateway timing out on a slow write). */
  afterApplying?: boolean;
}

export interface FakeGitHub {
  url: string;
  comments: StoredComment[];
  requests: RecordedRequest[];
  /** Files per commit: `contents.set('<sha>:policies/default.yaml', text)`. */
  contents: Map<string, string>;
  fail(fault: Fault): void;
  /** Comments of one issue, oldest first. */
  commentsOn(issue: number): StoredComment[];
  reset(): void;
  close(): Promise<void>;
}

const BODY_LIMIT = 65_536;
const OWNER_REPO = '([^/]+)/([^/]+)';

export async function startFakeGitHub(): Promise<FakeGitHub> {
  let nextId = 1000;
  const faults: Fault[] = [];
  const state = {
    comments: [] as StoredComment[],
    requests: [] as RecordedRequest[],
    contents: new Map<string, string>(),
  };
  let url = '';

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(parsed.pathname);
    state.requests.push({
      method,
      path,
      query: parsed.searchParams,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      authorization: req.headers.authorization,
    });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };

    const fault = faults.find(
      (f) => f.times > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(path)),
    );
    if (fault) {
      fault.times--;
      // A gateway timing out on a slow write: the request is carried out, the answer is an error.
      if (fault.afterApplying) route(method, path, parsed, text, () => {});
      send(
        fault.status,
        {
          message: fault.message ?? `fault ${fault.status}`,
          documentation_url: 'https://docs.github.com/rest',
        },
        fault.headers,
      );
      return;
    }
    route(method, path, parsed, text, send);
  }

  type Send = (status: number, body: unknown, headers?: Record<string, string>) => void;

  function route(method: string, path: string, parsed: URL, text: string, send: Send): void {
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^/repos/${OWNER_REPO}/issues/(\\d+)/comments$`).exec(path))) {
      const issue = Number(m[3]);
      if (method === 'GET') {
        const perPage = Number(parsed.searchParams.get('per_page') ?? 30);
        const page = Number(parsed.searchParams.get('page') ?? 1);
        const all = state.comments.filter((c) => c.issue === issue);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const links: string[] = [];
        const link = (p: number, rel: string): string =>
          `<${url}${parsed.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
        if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
        if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
        send(
          200,
          all.slice((page - 1) * perPage, page * perPage).map(view),
          links.length > 0 ? { link: links.join(', ') } : {},
        );
        return;
      }
      if (method === 'POST') {
        const body = (JSON.parse(text) as { body: string }).body;
        if (body.length > BODY_LIMIT) return tooLong(send);
        const comment = { id: nextId++, issue, body, user: 'github-actions[bot]' };
        state.comments.push(comment);
        send(201, view(comment));
        return;
      }
    }
    if ((m = new RegExp(`^/repos/${OWNER_REPO}/issues/comments/(\\d+)$`).exec(path)) && method === 'PATCH') {
      const comment = state.comments.find((c) => c.id === Number(m?.[3]));
      if (!comment) return send(404, { message: 'Not Found' });
      const body = (JSON.parse(text) as { body: string }).body;
      if (body.length > BODY_LIMIT) return tooLong(send);
      comment.body = body;
      send(200, view(comment));
      return;
    }
    if ((m = new RegExp(`^/repos/${OWNER_REPO}/contents/(.*)$`).exec(path)) && method === 'GET') {
      const ref = parsed.searchParams.get('ref') ?? '';
      const target = (m[3] ?? '').replace(/\/$/, '');
      const file = state.contents.get(`${ref}:${target}`);
      if (file !== undefined) {
        send(200, {
          type: 'file',
          name: target.split('/').at(-1),
          path: target,
          encoding: 'base64',
          content: Buffer.from(file).toString('base64'),
        });
        return;
      }
      const prefix = `${ref}:${target}/`;
      const entries = [...state.contents.keys()]
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length));
      if (entries.length > 0) {
        const names = [...new Set(entries.map((e) => e.split('/')[0] as string))].sort();
        send(
          200,
          names.map((n) => ({ type: entries.includes(n) ? 'file' : 'dir', name: n, path: `${target}/${n}` })),
        );
        return;
      }
      send(404, { message: 'Not Found' });
      return;
    }
    send(404, { message: `no fake for ${method} ${path}` });
  }

  function view(c: StoredComment): Record<string, unknown> {
    const [, owner = 'o', repo = 'r'] =
      /^\/repos\/([^/]+)\/([^/]+)/.exec(state.requests.at(-1)?.path ?? '') ?? [];
    // The repository of the request being answered, as GitHub's html_url carries it.
    return {
      id: c.id,
      body: c.body,
      user: { login: c.user, type: c.user.endsWith('[bot]') ? 'Bot' : 'User' },
      html_url: `https://github.com/${owner}/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
    };
  }

  function tooLong(send: (status: number, body: unknown) => void): void {
    send(422, {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'unprocessable',
          field: 'data',
          message: 'Body is too long (maximum is 65536 characters)',
        },
      ],
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get comments() {
      return state.comments;
    },
    get requests() {
      return state.requests;
    },
    get contents() {
      return state.contents;
    },
    fail: (fault) => faults.push(fault),
    commentsOn: (issue) => state.comments.filter((c) => c.issue === issue),
    reset() {
      state.comments = [];
      state.requests = [];
      state.contents = new Map();
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
