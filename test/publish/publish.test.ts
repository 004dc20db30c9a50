import assert from 'node:assert/strict';
import Big from 'big.js';
import { describe, it } from 'node:test';
import { commentBody, quietBody, worthSaying, type CommentWhen } from '../../src/publish/comment-body.ts';
import { DEFAULT_RETRY, retryDelay, withRetry, type RetryOptions } from '../../src/publish/github-client.ts';
import { commentMarker, GITHUB_COMMENT_LIMIT } from '../../src/publish/github-comment.ts';
import { makeReport } from '../helpers/report.ts';

const http = (status: number | undefined, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { status, response: { headers } });

describe('retries', () => {
  const options: RetryOptions = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 10_000 };

  it('backs off exponentially on server errors and broken connections', () => {
    assert.equal(retryDelay(http(502), 1, options), 100);
    assert.equal(retryDelay(http(503), 2, options), 200);
    assert.equal(retryDelay(http(500), 3, options), 400);
    assert.equal(retryDelay(http(undefined), 1, options), 100);
  });

  it('waits as long as a secondary rate limit asks, and gives up when that is too long', () => {
    assert.equal(retryDelay(http(403, { 'retry-after': '3' }), 1, options), 3000);
    assert.equal(retryDelay(http(429, { 'retry-after': '2' }), 1, options), 2000);
    assert.equal(retryDelay(http(403, { 'retry-after': '600' }), 1, options), undefined);
    const now = 1_700_000_000_000;
    const reset = String(now / 1000 + 5);
    assert.equal(
      retryDelay(http(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), 1, options, now),
      5000,
    );
    assert.equal(retryDelay(http(429), 1, options), 100, 'a 429 is a rate limit even without headers');
  });

  it('does not retry what retrying cannot fix', () => {
    for (const status of [400, 401, 403, 404, 422])
      assert.equal(retryDelay(http(status), 1, options), undefined, `${status}`);
  });

  it('withRetry stops after the allowed attempts and throws the last failure', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(http(502));
    };
    await assert.rejects(
      withRetry(failing, { ...options, sleep: (ms) => Promise.resolve(void waits.push(ms)) }),
      /HTTP 502/,
    );
    assert.equal(calls, 4);
    assert.deepEqual(waits, [100, 200, 400]);

    let n = 0;
    const flaky = () => (++n < 3 ? Promise.reject(http(504)) : Promise.resolve('ok'));
    assert.equal(await withRetry(flaky, { ...options, sleep: () => Promise.resolve() }), 'ok');
    assert.equal(n, 3);
  });
});

describe('comment marker', () => {
  it('is stable for one step and differs between steps', () => {
    const a = commentMarker({ workflow: 'infra', job: 'plan', plan: 'a.json', 'working-directory': '.' });
    assert.equal(
      commentMarker({ 'working-directory': '.', plan: 'a.json', job: 'plan', workflow: 'infra' }),
      a,
    );
    assert.notEqual(
      commentMarker({ workflow: 'infra', job: 'plan', plan: 'b.json', 'working-directory': '.' }),
      a,
    );
    assert.notEqual(
      commentMarker({ workflow: 'infra', job: 'plan', plan: 'a.json', 'working-directory': 'prod' }),
      a,
    );
    assert.match(a, /^<!-- tollgate:comment id=[0-9a-f]{16} -->$/);
  });
});

describe('comment-when', () => {
  const cost = (before: number, after: number) =>
    makeReport({
      findings: [],
      summary: { monthly_before: before, monthly_after: after, monthly_delta: after - before },
    });
  const threshold = (raw: string): CommentWhen =>
    raw.endsWith('%')
      ? { when: 'threshold', threshold: { kind: 'percent', value: new Big(raw.slice(0, -1)) } }
      : { when: 'threshold', threshold: { kind: 'amount', value: new Big(raw) } };

  it('changed: any cost change or any finding; not exempted findings alone', () => {
    assert.equal(worthSaying(cost(100, 100), { when: 'changed' }), false);
    assert.equal(worthSaying(cost(100, 100.01), { when: 'changed' }), true);
    assert.equal(worthSaying(makeReport(), { when: 'changed' }), true);
    const exempted = makeReport({
      findings: [
        {
          rule: 'tags.required',
          severity: 'block',
          address: 'a.b',
          message: 'm',
          exemption: { reason: 'r', source: 'policy' },
        },
      ],
    });
    assert.equal(worthSaying(exempted, { when: 'changed' }), false);
    assert.equal(worthSaying(makeReport({ findings: [] }), { when: 'always' }), true);
  });

  it('threshold: dollars or percent of the total before, either direction; findings always count', () => {
    assert.equal(worthSaying(cost(1000, 1049), threshold('50')), false);
    assert.equal(worthSaying(cost(1000, 1050), threshold('50')), true);
    assert.equal(worthSaying(cost(1000, 940), threshold('50')), true);
    assert.equal(worthSaying(cost(1000, 1099), threshold('10%')), false);
    assert.equal(worthSaying(cost(1000, 1100), threshold('10%')), true);
    assert.equal(worthSaying(cost(0, 5), threshold('10%')), true, 'from nothing is an infinite increase');
    assert.equal(worthSaying(makeReport(), threshold('1000')), true);
    assert.equal(
      worthSaying(
        makeReport({ findings: [], summary: { policy: { files: [], changed_in_pr: true } } }),
        threshold('1000'),
      ),
      true,
      'a PR changing the policy is always worth saying',
    );
  });

  it('the quiet body says why there is nothing to report', () => {
    const body = quietBody(cost(1000, 1020), threshold('50'), {
      commit: 'c'.repeat(40),
      runUrl: 'https://github.com/a/b/actions/runs/1',
    });
    assert.match(body, /^### ✅ tollgate: nothing to report\n/);
    assert.match(
      body,
      /The latest run on `ccccccc` found no findings and a cost change of \+\$20\.00\/mo, below the \$50\.00 threshold\./,
    );
    assert.match(body, /\[Full report in the job summary\]\(https:\/\/github\.com\/a\/b\/actions\/runs\/1\)/);
  });

  it('the comment body fits GitHub limit with room for the marker', () => {
    const body = commentBody(makeReport({ resources: 3000, findingsPerResource: 2 }), {
      commit: 'd'.repeat(40),
    });
    assert.ok(body.length + 60 < GITHUB_COMMENT_LIMIT);
    assert.match(body, /more findings in the job summary \/ JSON report/);
  });
});
