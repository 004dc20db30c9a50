import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { mdCode, mdText, terminalSafe } from '../../src/render/escape.ts';
import { renderJson } from '../../src/render/json.ts';
import { checkJson, PLANS, ROOT, runCli } from '../helpers/cli.ts';
import { makePlan, writePolicy, writeTemp } from '../helpers/plan.ts';

const POLICY = writePolicy('version: 1\ntags:\n  required:\n    - key: team\n      allowed: [payments]\n');
const HOSTILE =
  'x|y <img src=x onerror=alert(1)> **bold** [click](https://evil.example) @octocat #12 `tick`\n::error::pwned \u001b[31m';

const hostilePlan = writeTemp(
  'plan.json',
  makePlan({
    resources: [
      { address: 'aws_s3_bucket.b["a|b <b>@admin</b>"]', after: { tags: { team: HOSTILE } } },
      { address: 'aws_s3_bucket.ok', after: { tags: { team: 'payments' } } },
    ],
  }),
);

describe('markdown output', () => {
  let md = '';
  before(async () => {
    md = (await runCli(['check', '--plan', hostilePlan, '--policy', POLICY, '--format', 'markdown'])).stdout;
  });

  it('lets nothing from the plan become markup, a mention, a link or a table cell', () => {
    // Code spans render their content literally (no HTML, no mentions): look at what is outside them.
    const outside = md.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    assert.doesNotMatch(outside, /<img|<b>/, 'no raw HTML from input');
    assert.doesNotMatch(outside, /@octocat|@admin/, 'mentions are broken');
    assert.doesNotMatch(outside, /\*\*bold\*\*/, 'emphasis escaped');
    assert.doesNotMatch(outside, /\]\(https:\/\//, 'no link syntax');
    assert.doesNotMatch(outside, /(^|[^&])#12/, 'issue reference broken');
    assert.doesNotMatch(md, /\u001b/, 'no raw control characters');
    // Every row of every table has as many cells as its header.
    let header = 0;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        header = 0;
        continue;
      }
      const cells = line.replace(/\\\|/g, '').split('|').length - 2;
      if (header === 0) header = cells;
      else assert.equal(cells, header, `row keeps its columns: ${line}`);
    }
  });

  it('has a headline, a findings table and folded resource details', () => {
    assert.match(
      md,
      /^### ❌ tollgate blocked: 1 blocking finding · cost not known: 2 resources not priced\n/,
    );
    assert.match(md, /\| Severity \| Resource \| Rule \| Problem \| How to fix \|/);
    assert.match(md, /<details><summary>2 resources<\/summary>/);
  });

  it('escapes helpers as documented', () => {
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('`x'), '`` `x ``');
    assert.equal(mdCode('a|b'), '`a\\|b`');
    assert.equal(mdText('<a>&'), '&lt;a&gt;&amp;');
    assert.equal(mdText('hi @you'), 'hi @&#8203;you');
    assert.equal(terminalSafe('a\nb\u001b[2J'), 'a\\nb\\x1b[2J');
  });

  it('shows bidirectional controls instead of letting them reorder a name', () => {
    const name = 'aws_s3_bucket.logs["\u202egpj.exe"]';
    assert.equal(terminalSafe(name), 'aws_s3_bucket.logs["\\u202egpj.exe"]');
    assert.doesNotMatch(mdText(name), /[\u202a-\u202e\u2066-\u2069]/);
    assert.doesNotMatch(mdCode(`a\u2067b\u200fc`), /[\u2067\u200f]/);
  });
});

describe('text output', () => {
  it('cannot be steered by control characters or workflow commands in values', async () => {
    const out = (await runCli(['check', '--plan', hostilePlan, '--policy', POLICY])).stdout;
    assert.doesNotMatch(out, /^::error::/m);
    assert.doesNotMatch(out, /\u001b/);
    assert.match(out, /\\n::error::pwned \\u001b\[31m/);
  });

  it('colours a TTY, never with NO_COLOR, never a pipe', async () => {
    const args = ['check', '--plan', hostilePlan, '--policy', POLICY];
    assert.match((await runCli(args, { tty: true })).stdout, /\u001b\[31m/);
    assert.doesNotMatch((await runCli(args, { tty: true, env: { NO_COLOR: '1' } })).stdout, /\u001b\[/);
    assert.doesNotMatch((await runCli(args, { tty: false })).stdout, /\u001b\[/);
  });

  it('shows each distinct fix once', async () => {
    const plan = writeTemp(
      'plan.json',
      makePlan({
        resources: ['a', 'b', 'c'].map((n) => ({ address: `aws_sqs_queue.${n}`, after: { tags: {} } })),
      }),
    );
    const out = (await runCli(['check', '--plan', plan, '--policy', POLICY])).stdout;
    assert.equal(out.match(/fix: /g)?.length, 1);
    assert.equal(out.match(/missing required tag "team"/g)?.length, 3);
  });
});

describe('json output', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it('matches schema/report.schema.json for every real plan', async () => {
    for (const name of readdirSync(PLANS).filter((n) => n.endsWith('.json'))) {
      const { report } = await checkJson(['--plan', join(PLANS, name), '--all', '--fail-on', 'never']);
      assert.ok(validate(report), `${name}: ${JSON.stringify(validate.errors)}`);
    }
  });
});

describe('json output in pieces', () => {
  it('parses back to exactly the report, one resource or finding a line', async () => {
    for (const name of ['checkov-terragoat-55-resources.json', 'tfjson-replace-because-tainted.json']) {
      const { report } = await checkJson(['--plan', join(PLANS, name), '--all', '--fail-on', 'never']);
      const text = renderJson(report);
      assert.deepEqual(JSON.parse(text), report);
      assert.ok(text.endsWith('\n'));
      const lines = text.split('\n');
      for (const r of report.resources)
        assert.ok(lines.includes(`${JSON.stringify(r)},`) || lines.includes(JSON.stringify(r)));
    }
    const empty = (await checkJson(['--plan', writeTemp('p.json', makePlan({ resources: [] }))])).report;
    assert.deepEqual(JSON.parse(renderJson(empty)), empty);
  });
});
