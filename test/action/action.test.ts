import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Report } from '../../src/model/report.ts';
import {
  makeRepo,
  pullRequestPayload,
  runAction,
  scratchDir,
  writeFiles,
  type ActionRunOptions,
} from '../helpers/action.ts';
import { startFakeGitHub, type FakeGitHub } from '../helpers/github-server.ts';
import { makePlan } from '../helpers/plan.ts';

const POLICY =
  'version: 1\ntags:\n  required:\n    - key: team\n      allowed: [payments, search]\n    - key: env\n      severity: warn\n';
const LOOSE_POLICY = 'version: 1\ntags:\n  required:\n    - key: env\n      severity: warn\n';

const planJson = (resources: { address: string; tags: Record<string, string> }[]): string =>
  JSON.stringify(
    makePlan({ resources: resources.map((r) => ({ address: r.address, after: { tags: r.tags } })) }),
  );
const BLOCKING_PLAN = planJson([
  { address: 'aws_sqs_queue.orders', tags: { env: 'prod' } },
  { address: 'aws_s3_bucket.logs', tags: { team: 'payments', env: 'prod' } },
]);
const PASSING_PLAN = planJson([{ address: 'aws_sqs_queue.orders', tags: { team: 'payments', env: 'prod' } }]);
const WARNING_PLAN = planJson([{ address: 'aws_sqs_queue.orders', tags: { team: 'payments' } }]);

describe('the GitHub Action (dist/action.js run as the runner runs it)', () => {
  let github: FakeGitHub;
  const scratch = scratchDir();
  let counter = 0;

  before(async () => {
    github = await startFakeGitHub();
  });
  after(async () => {
    await github.close();
    scratch.remove();
  });
  beforeEach(() => github.reset());

  /** A PR checkout: base commit with the policy and a plan, head commit with `head` changes. */
  function prWorkspace(head: Record<string, string | null>, base: Record<string, string> = {}) {
    const dir = join(scratch.path, `ws-${++counter}`);
    const shas = makeRepo(dir, { 'policies/tags.yaml': POLICY, 'plan.json': PASSING_PLAN, ...base }, head);
    return { dir, ...shas };
  }

  function pr(
    ws: { dir: string; baseSha: string; headSha: string },
    inputs: Record<string, string> = {},
    extra: Partial<ActionRunOptions> = {},
  ) {
    return runAction({
      inputs: { plan: 'plan.json', ...inputs },
      workspace: ws.dir,
      eventName: 'pull_request',
      payload: pullRequestPayload({ number: 7, baseSha: ws.baseSha, headSha: ws.headSha }),
      apiUrl: github.url,
      scratch: scratch.path,
      ...extra,
    });
  }

  const writes = () => github.requests.filter((r) => r.method !== 'GET');

  it('creates one comment on the first run, with outputs, summary, report file and the gate failing the step', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN });
    const run = await pr(ws);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /^::error::tollgate blocked: 1 blocking finding \(fail-on: block\)\.$/m);
    const comments = github.commentsOn(7);
    assert.equal(comments.length, 1);
    const body = comments[0]?.body ?? '';
    assert.match(
      body,
      /^<!-- tollgate:comment id=[0-9a-f]{16} -->\n### ❌ tollgate blocked: 1 blocking finding · cost not known: 2 resources not priced\n/,
    );
    assert.match(body, /`aws_sqs_queue\.orders`/);
    assert.match(
      body,
      /\[Full report in the job summary\]\(https:\/\/github\.com\/acme\/infra\/actions\/runs\/4242\)/,
    );
    assert.match(body, new RegExp(`policy: policies/tags\\.yaml at \`${ws.baseSha.slice(0, 7)}\``));
    assert.ok(
      github.requests.every((r) => r.authorization === 'token ghs_faketoken'),
      'the token is sent',
    );

    assert.equal(run.outputs.verdict, 'block');
    assert.equal(run.outputs.findings, '1');
    assert.equal(run.outputs['monthly-delta'], '0'); // an SQS queue bills only by requests (usage)
    assert.equal(run.outputs['monthly-after'], '0');
    assert.match(
      run.outputs['comment-url'] ?? '',
      /^https:\/\/github\.com\/acme\/infra\/pull\/7#issuecomment-\d+$/,
    );
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as Report;
    assert.equal(report.verdict, 'block');
    assert.equal(report.summary.policy.ref, ws.baseSha);
    assert.equal(report.summary.policy.changed_in_pr, false);
    assert.match(run.summary, /### ❌ tollgate blocked/);
    assert.match(run.summary, /\| Severity \| Resource \| Rule \| Problem \| How to fix \|/);
  });

  it('checks Kubernetes manifests given as the kubernetes input, against the base commit', async () => {
    const deployment = (replicas: number, team: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: { team: ${team}, env: prod }\nspec:\n  replicas: ${replicas}\n  template:\n    metadata:\n      labels: { team: ${team}, env: prod }\n    spec:\n      containers:\n        - name: app\n          resources: { requests: { cpu: "1", memory: 2Gi } }\n`;
    const ws = prWorkspace(
      { 'k8s/web.yaml': deployment(4, 'payment') },
      {
        'k8s/web.yaml': deployment(2, 'payments'),
        'k8s/ci.yml': 'on: push\n',
        'policies/k8s.yaml':
          'version: 1\nkubernetes:\n  pricing: { region: us-east-1, cpu_hour: 0.04, memory_gib_hour: 0.005 }\n',
      },
    );
    const run = await pr(ws, { plan: '', kubernetes: 'k8s' });
    assert.equal(run.code, 1, run.stdout);
    // A pod costs (0.04 + 2 × 0.005) × 730 = 36.50 a month: 2 → 4 replicas.
    assert.equal(run.outputs['monthly-delta'], '73');
    assert.equal(run.outputs['monthly-after'], '146');
    assert.match(
      run.stdout,
      /^::error title=tollgate tags\.allowed%3A apps\/v1\/Deployment\/default\/web,file=k8s\/web\.yaml,line=1::tag "team" is "payment", which is not an allowed value \(label "team" in metadata\.labels\)/m,
    );
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as Report;
    assert.equal(report.summary.inputs[0]?.base_ref, ws.baseSha);
    assert.deepEqual(
      report.resources.map((r) => [r.address, r.action, r.monthly_before, r.monthly_after]),
      [['apps/v1/Deployment/default/web', 'update', 73, 146]],
    );
    assert.match(github.commentsOn(7)[0]?.body ?? '', /`apps\/v1\/Deployment\/default\/web`/);
  });

  it('updates its comment on the next run instead of adding one', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN });
    await pr(ws);
    writeFiles(ws.dir, { 'plan.json': WARNING_PLAN });
    const second = await pr(ws);
    assert.equal(second.code, 0, 'warnings pass with fail-on: block');
    const comments = github.commentsOn(7);
    assert.equal(comments.length, 1);
    assert.match(comments[0]?.body ?? '', /### ⚠️ tollgate passed with warnings: 1 warning/);
    assert.deepEqual(
      writes().map((r) => r.method),
      ['POST', 'PATCH'],
    );
    assert.equal(
      second.outputs['comment-url'],
      github.requests.length > 0
        ? `https://github.com/acme/infra/pull/7#issuecomment-${comments[0]?.id}`
        : '',
    );
  });

  it('finds its comment on a later page among other comments, and leaves those alone', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN });
    for (let i = 0; i < 130; i++)
      github.comments.push({ id: i + 1, issue: 7, body: `LGTM ${i}`, user: 'reviewer' });
    await pr(ws);
    await pr(ws);
    const ours = github.commentsOn(7).filter((c) => c.body.startsWith('<!-- tollgate:comment'));
    assert.equal(ours.length, 1);
    assert.equal(github.commentsOn(7).length, 131);
    const pages = github.requests
      .filter((r) => r.method === 'GET' && r.path.endsWith('/comments'))
      .map((r) => r.query.get('page'));
    assert.deepEqual(pages, ['1', '2', '1', '2']);
  });

  it('keeps separate comments for two tollgate steps (different plans) in one workflow', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN, 'other.json': WARNING_PLAN });
    await pr(ws);
    await pr(ws, { plan: 'other.json' });
    await pr(ws);
    assert.equal(github.commentsOn(7).length, 2);
  });

  it('comment: new adds a comment on every run', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN });
    await pr(ws, { comment: 'new' });
    await pr(ws, { comment: 'new' });
    assert.equal(github.commentsOn(7).length, 2);
    assert.deepEqual(
      writes().map((r) => r.method),
      ['POST', 'POST'],
    );
  });

  it('comment: off makes no comment but still gates, summarises and sets outputs', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN });
    const run = await pr(ws, { comment: 'off' });
    assert.equal(run.code, 1);
    assert.equal(github.comments.length, 0);
    assert.ok(github.requests.every((r) => r.method === 'GET' && !r.path.includes('/comments')));
    assert.equal(run.outputs.verdict, 'block');
    assert.equal(run.outputs['comment-url'], '');
    assert.match(run.summary, /tollgate blocked/);
  });

  it('folds a report too long for one comment and says how much is in the job summary', async () => {
    const resources = Array.from({ length: 1500 }, (_, i) => ({
      address: `module.fleet["node-${i}"].aws_instance.worker_with_a_rather_long_descriptive_name`,
      tags: { team: `unknown-team-${i}` },
    }));
    const ws = prWorkspace({ 'plan.json': planJson(resources) });
    const run = await pr(ws);
    assert.equal(run.code, 1);
    const body = github.commentsOn(7)[0]?.body ?? '';
    assert.ok(body.length > 40_000 && body.length <= 65_536, `comment length ${body.length}`);
    const more =
      /… ([\d,]+) more findings in the \[job summary\]\(https:\/\/github\.com\/acme\/infra\/actions\/runs\/4242\) \/ JSON report\./.exec(
        body,
      );
    assert.ok(more, 'says how many findings were left out');
    const shownRows = body.split('\n').filter((l) => /^\| (❌|⚠️)/.test(l)).length;
    assert.equal(shownRows + Number(more[1]?.replace(/,/g, '')), 3000, 'shown + left out = all findings');
    assert.match(body, /the resource details are in the \[job summary\]/);
    assert.ok(run.summary.length > body.length, 'the job summary holds more than the comment');
    assert.equal(
      run.summary.split('\n').filter((l) => /^\| (❌|⚠️)/.test(l)).length,
      3000,
      'the job summary has every finding',
    );
  });

  it('retries a 502 and then succeeds, with one comment', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN });
    github.fail({ method: 'POST', path: /\/comments$/, status: 502, message: 'Server Error', times: 1 });
    const run = await pr(ws);
    assert.equal(github.commentsOn(7).length, 1);
    assert.equal(writes().length, 2, 'the failed POST and its retry');
    assert.match(run.stdout, /GitHub API call failed \(502 Server Error\); retry 1 in/);
    assert.doesNotMatch(run.stdout, /::warning::tollgate could not comment/);
  });

  it('does not post twice when a create failed with a 502 after GitHub stored it', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN });
    github.fail({
      method: 'POST',
      path: /\/comments$/,
      status: 502,
      message: 'Bad Gateway',
      times: 1,
      afterApplying: true,
    });
    const run = await pr(ws);
    assert.equal(github.commentsOn(7).length, 1);
    assert.equal(writes().length, 1, 'the retry found the stored comment instead of posting again');
    assert.equal(
      run.outputs['comment-url'],
      `https://github.com/acme/infra/pull/7#issuecomment-${github.commentsOn(7)[0]?.id}`,
    );
  });

  it('waits out a secondary rate limit (403 with retry-after) and succeeds', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN });
    github.fail({
      method: 'GET',
      path: /\/comments$/,
      status: 403,
      message: 'You have exceeded a secondary rate limit',
      headers: { 'retry-after': '0' },
      times: 1,
    });
    await pr(ws);
    assert.equal(github.commentsOn(7).length, 1);
  });

  it('warns, and lets the gate decide, when the API keeps failing', async () => {
    const ws = prWorkspace({ 'plan.json': WARNING_PLAN });
    github.fail({ path: /\/comments$/, status: 503, message: 'Service Unavailable', times: 100 });
    const run = await pr(ws);
    assert.equal(run.code, 0);
    assert.match(
      run.stdout,
      /^::warning::tollgate could not comment on pull request #7 \(503 Service Unavailable\)\. The verdict stands/m,
    );
    assert.equal(github.requests.length, 4, 'four attempts, then it gives up');
    assert.equal(run.outputs.verdict, 'warn');
  });

  it("warns on a fork's read-only token (403) and still fails the step on a blocking verdict", async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN });
    github.fail({ method: 'POST', status: 403, message: 'Resource not accessible by integration', times: 1 });
    const run = await runAction({
      inputs: { plan: 'plan.json' },
      workspace: ws.dir,
      eventName: 'pull_request',
      payload: pullRequestPayload({ number: 7, baseSha: ws.baseSha, headSha: ws.headSha, fork: true }),
      apiUrl: github.url,
      scratch: scratch.path,
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^::warning::tollgate could not comment on pull request #7 \(403 Resource not accessible by integration\) — a pull request from a fork gets a read-only token\./m,
    );
    assert.match(run.stdout, /^::error::tollgate blocked/m);
    assert.equal(writes().length, 1, 'a permission error is not retried');
    assert.equal(github.comments.length, 0);
    assert.match(run.summary, /tollgate blocked/);
  });

  it('on push: job summary and outputs, no comment, the working-tree policy', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN });
    const run = await runAction({
      inputs: { plan: 'plan.json' },
      workspace: ws.dir,
      eventName: 'push',
      payload: { ref: 'refs/heads/main', after: ws.headSha, repository: { full_name: 'acme/infra' } },
      apiUrl: github.url,
      scratch: scratch.path,
    });
    assert.equal(run.code, 1);
    assert.equal(github.requests.length, 0, 'no API call at all');
    assert.match(run.stdout, /No pull request comment: the push event is not a pull request\./);
    assert.equal(run.outputs.verdict, 'block');
    assert.equal(run.outputs['comment-url'], '');
    assert.match(run.summary, /tollgate blocked/);
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as Report;
    assert.equal(report.summary.policy.ref, undefined);
  });

  it('enforces the base policy when the PR loosens it, and says so in the comment', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN, 'policies/tags.yaml': LOOSE_POLICY });
    const run = await pr(ws);
    assert.equal(run.code, 1, 'the loosened policy would pass; the base policy blocks');
    assert.equal(run.outputs.verdict, 'block');
    const body = github.commentsOn(7)[0]?.body ?? '';
    assert.match(
      body,
      /This PR changes the policy; the base policy was enforced \(read from the base commit `[0-9a-f]{7}`\)/,
    );
    assert.match(
      run.stdout,
      /^::warning::This pull request changes the policy; the base policy was enforced/m,
    );
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as Report;
    assert.equal(report.summary.policy.changed_in_pr, true);
    assert.equal(report.summary.policy.ref, ws.baseSha);
  });

  it('enforces the base policy when the PR deletes it, and a policy added next to it is not merged in', async () => {
    const ws = prWorkspace({
      'plan.json': BLOCKING_PLAN,
      'policies/tags.yaml': null,
      'policies/zz-extra.yaml': LOOSE_POLICY,
    });
    const run = await pr(ws);
    assert.equal(run.outputs.verdict, 'block');
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as Report;
    assert.deepEqual(report.summary.policy.files, ['policies/tags.yaml']);
    assert.equal(report.summary.policy.changed_in_pr, true);
  });

  it("enforces the PR's policy when the PR adds it (the base has none), and says so", async () => {
    const dir = join(scratch.path, `ws-${++counter}`);
    const shas = makeRepo(
      dir,
      { 'README.md': 'infra' },
      { 'plan.json': BLOCKING_PLAN, 'policies/tags.yaml': POLICY },
    );
    const run = await pr({ dir, ...shas });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^::warning::The base commit [0-9a-f]{7} has no policy at policies\/: this pull request adds it, and its policy was enforced\.$/m,
    );
    assert.match(
      github.commentsOn(7)[0]?.body ?? '',
      /> \[!NOTE\]\n> This PR adds the policy \(the base commit has none at this path\); the PR's policy was enforced\./,
    );
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as Report;
    assert.equal(report.summary.policy.ref, undefined);
    assert.equal(report.summary.policy.changed_in_pr, true);
  });

  it('a payload without a base commit falls back to the working-tree policy, with a warning', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN, 'policies/tags.yaml': LOOSE_POLICY });
    const payload = pullRequestPayload({ number: 7, baseSha: ws.baseSha, headSha: ws.headSha }) as {
      pull_request: { base: Record<string, unknown> };
    };
    delete payload.pull_request.base.sha;
    const run = await pr(ws, {}, { payload });
    assert.equal(run.code, 0);
    assert.match(
      run.stdout,
      /^::warning::The event payload names no base commit: the policy in the working tree was enforced\.$/m,
    );
  });

  it('policy-from-base: false enforces the working-tree policy', async () => {
    const ws = prWorkspace({ 'plan.json': BLOCKING_PLAN, 'policies/tags.yaml': LOOSE_POLICY });
    const run = await pr(ws, { 'policy-from-base': 'false' });
    assert.equal(run.code, 0);
    assert.equal(
      run.outputs.verdict,
      'pass',
      'the loosened policy only asks for env, which both resources have',
    );
  });

  it('reads the base policy through the contents API when the base commit is not in the clone', async () => {
    const dir = join(scratch.path, `ws-${++counter}`);
    writeFiles(dir, { 'plan.json': BLOCKING_PLAN, 'policies/tags.yaml': LOOSE_POLICY });
    const baseSha = 'b'.repeat(40);
    github.contents.set(`${baseSha}:policies/tags.yaml`, POLICY);
    const run = await pr({ dir, baseSha, headSha: 'c'.repeat(40) });
    assert.equal(run.outputs.verdict, 'block', run.stdout);
    const contentCalls = github.requests.filter((r) => r.path.includes('/contents/'));
    assert.deepEqual(
      contentCalls.map((r) => `${r.path}?ref=${r.query.get('ref') ?? ''}`),
      [
        `/repos/acme/infra/contents/policies?ref=${baseSha}`,
        `/repos/acme/infra/contents/policies/tags.yaml?ref=${baseSha}`,
      ],
    );
    assert.match(github.commentsOn(7)[0]?.body ?? '', /This PR changes the policy/);
  });

  it('comment-when changed: no comment when there is nothing to say, and an existing one is updated to say so', async () => {
    const ws = prWorkspace({ 'plan.json': PASSING_PLAN });
    const quiet = await pr(ws);
    assert.equal(quiet.code, 0);
    assert.equal(github.comments.length, 0, 'nothing to say, no comment created');
    assert.match(
      quiet.stdout,
      /No pull request comment: nothing to report and no earlier comment to update\./,
    );

    writeFiles(ws.dir, { 'plan.json': BLOCKING_PLAN });
    await pr(ws);
    assert.equal(github.comments.length, 1);
    writeFiles(ws.dir, { 'plan.json': PASSING_PLAN });
    const fixed = await pr(ws);
    assert.equal(fixed.code, 0);
    const body = github.commentsOn(7)[0]?.body ?? '';
    assert.match(body, /^<!-- tollgate:comment id=\w+ -->\n### ✅ tollgate: nothing to report\n/);
    assert.match(
      body,
      /found no findings and no cost change\. Earlier results in this comment no longer apply\./,
    );
    assert.doesNotMatch(body, /aws_sqs_queue/);
    assert.equal(github.comments.length, 1);
  });

  it('comment-when always comments on a clean run; threshold comments on findings whatever the cost', async () => {
    const clean = prWorkspace({ 'plan.json': PASSING_PLAN });
    await pr(clean, { 'comment-when': 'always' });
    assert.match(github.commentsOn(7)[0]?.body ?? '', /### ✅ tollgate passed: no findings/);

    github.reset();
    await pr(clean, { 'comment-when': 'threshold', 'comment-threshold': '50' });
    assert.equal(github.comments.length, 0, 'no cost change, no findings: below any threshold');
    const warned = prWorkspace({ 'plan.json': WARNING_PLAN });
    await pr(warned, { 'comment-when': 'threshold', 'comment-threshold': '10%' });
    assert.equal(github.comments.length, 1);
  });

  it('stops at a bad input with one line quoting it', async () => {
    const ws = prWorkspace({});
    const cases: [Record<string, string>, RegExp][] = [
      [
        { 'comment-when': 'sometimes' },
        /^::error::Invalid input 'comment-when': 'sometimes'\. Expected 'always', 'changed' or 'threshold'\.$/m,
      ],
      [
        { 'comment-when': 'threshold', 'comment-threshold': 'lots' },
        /^::error::Invalid input 'comment-threshold': 'lots'\. Expected an amount such as '50'/m,
      ],
      [
        { 'fail-on': 'error' },
        /^::error::Invalid input 'fail-on': 'error'\. Expected 'block', 'warn' or 'never'\.$/m,
      ],
      [
        { 'policy-from-base': 'yes' },
        /^::error::Invalid input 'policy-from-base': 'yes'\. Expected true or false\.$/m,
      ],
      [{ kubernetes: 'k8s/*.yaml' }, /^::error::k8s\/\*\.yaml: matches no files$/m],
      [{ 'terraform-dir': 'infra' }, /^::error::Input 'terraform-dir' is not supported yet/m],
      [{ plan: '' }, /^::error::Input 'plan' or 'kubernetes' is required/m],
      [{ plan: 'plans/*.json' }, /^::error::plans\/\*\.json: matches no files$/m],
      [{ plan: 'missing.json' }, /^::error::missing\.json: no such file$/m],
    ];
    for (const [inputs, expected] of cases) {
      const run = await pr(ws, inputs);
      assert.equal(run.code, 1, JSON.stringify(inputs));
      assert.match(run.stdout, expected);
      assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.equal(github.comments.length, 0);
  });

  it('checks every plan a glob or list names, relative to working-directory, and writes SARIF', async () => {
    const ws = prWorkspace(
      {
        'infra/plans/a.json': WARNING_PLAN,
        'infra/plans/b.json': BLOCKING_PLAN,
        'infra/policies/tags.yaml': POLICY,
      },
      { 'infra/policies/tags.yaml': POLICY },
    );
    const run = await pr(ws, {
      plan: 'plans/*.json',
      'working-directory': 'infra',
      sarif: 'out/tollgate.sarif',
    });
    assert.equal(run.code, 1, run.stdout);
    assert.ok(run.outputs.report, run.stdout);
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as Report;
    assert.deepEqual(
      report.summary.inputs.map((i) => i.path),
      ['plans/a.json', 'plans/b.json'],
    );
    assert.deepEqual(report.summary.policy.files, ['policies/tags.yaml']);
    const sarifPath = join(ws.dir, 'infra', 'out', 'tollgate.sarif');
    assert.ok(existsSync(sarifPath));
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = new Set(
      sarif.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri),
    );
    assert.deepEqual([...uris].sort(), ['infra/plans/a.json', 'infra/plans/b.json'], 'repo-relative URIs');

    const listed = await pr(ws, { plan: 'plans/a.json,\n plans/b.json', 'working-directory': 'infra' });
    assert.equal(listed.outputs.findings, report.summary.findings.total.toString());
  });
});
