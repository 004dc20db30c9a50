import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import type { Finding } from '../../src/model/finding.ts';
import { renderCompact } from '../../src/render/compact.ts';
import { renderMarkdown } from '../../src/render/markdown.ts';
import { renderText } from '../../src/render/text.ts';
import { sortFindings } from '../../src/verdict.ts';
import { ROOT } from '../helpers/cli.ts';
import { makeReport } from '../helpers/report.ts';

const FINDINGS: Finding[] = sortFindings([
  {
    rule: 'budget.pr-delta',
    severity: 'block',
    address: 'budget.pr-delta',
    message: '+$612.40/month exceeds the $500 limit',
    source: { file: 'policies/cost.yaml', line: 3 },
  },
  {
    rule: 'forbidden.no-gpu',
    severity: 'block',
    address: 'aws_instance.gpu',
    message: 'instance type "p4d.24xlarge" is forbidden',
    origin: 'plan.json',
  },
  {
    rule: 'rule.imdsv2',
    severity: 'warn',
    address: 'aws_instance.gpu',
    message: 'cannot be decided: after.metadata_options is known only after apply',
    origin: 'plan.json',
    indeterminate: true,
  },
  {
    rule: 'budget.pr-growth',
    severity: 'info',
    address: 'budget.pr-growth',
    message: 'percent growth is not defined from $0.00/month',
  },
  {
    rule: 'tags.required',
    severity: 'block',
    address: 'module.legacy.aws_sqs_queue.q',
    message: 'missing required tag "team"',
    origin: 'plan.json',
    exemption: {
      reason: 'Legacy stack',
      owner: 'platform@example.com',
      expires: '2027-01-31',
      source: 'policy',
      at: { file: 'policies/exemptions.yaml', line: 6 },
    },
  },
]);

const REPORT = makeReport({
  findings: FINDINGS,
  summary: {
    findings: { total: 5, block: 2, warn: 1, info: 1, exempted: 1 },
    policy: {
      files: ['policies/cost.yaml', 'policies/exemptions.yaml'],
      unmatched: [
        { kind: 'rule', name: 's3-public-acl', at: { file: 'policies/security.yaml', line: 9 } },
        { kind: 'rule', name: 'rds-public', at: { file: 'policies/security.yaml', line: 20 } },
        {
          kind: 'exemption',
          name: 'tags.* on module.old.*',
          at: { file: 'policies/exemptions.yaml', line: 12 },
        },
      ],
      exemptions_expiring: [
        {
          rules: ['tags.required'],
          resources: ['module.legacy.*'],
          reason: 'Legacy stack',
          owner: 'platform@example.com',
          expires: '2027-01-31',
          days_left: 3,
          at: { file: 'policies/exemptions.yaml', line: 6 },
        },
      ],
    },
  },
});
REPORT.verdict = 'block';

describe('findings grouped by severity, exempted apart', () => {
  it('text: a section per severity with its count, each grouped by resource, exempted last', () => {
    const text = renderText(REPORT, { color: false });
    const headings = text.split('\n').filter((l) => /^[A-Z][a-z]+ \(\d+\)/.test(l));
    assert.deepEqual(headings, ['Blocking (2)', 'Warnings (1)', 'Notes (1)', 'Exempted (1) — not counted']);
    const exempted = text.slice(text.indexOf('Exempted (1)'));
    assert.match(
      exempted,
      /● module\.legacy\.aws_sqs_queue\.q\n {2}EXEMPT tags\.required +missing required tag "team" \(exempted: Legacy stack, platform@example\.com, until 2027-01-31\)/,
    );
    assert.equal(
      text.indexOf('module.legacy'),
      text.indexOf('● module.legacy') + 2,
      'the exempted finding is listed once, apart',
    );
    assert.match(
      text,
      /● budget\.pr-delta {2}policies\/cost\.yaml:3\n {2}BLOCK {2}budget\.pr-delta +\+\$612\.40\/month exceeds the \$500 limit/,
    );
  });

  it('text: expiring exemptions and entries that matched nothing, before the verdict', () => {
    const text = renderText(REPORT, { color: false });
    assert.match(
      text,
      /⏳ 1 exemption expiring within 14 days: tags\.required on module\.legacy\.\* expires 2027-01-31 \(3 days; owner platform@example\.com; policies\/exemptions\.yaml:6\)\npolicy: 2 rules, 1 exemption matched nothing in this run: rule s3-public-acl \(policies\/security\.yaml:9\); rule rds-public \(policies\/security\.yaml:20\); exemption tags\.\* on module\.old\.\* \(policies\/exemptions\.yaml:12\)\n\n✖ blocked — 2 blocking findings, 1 warning, 1 note, 1 exempted\n$/,
    );
  });

  it('markdown: a table per severity under its count, exempted last, notes after the findings', () => {
    const md = renderMarkdown(REPORT);
    const headings = md.split('\n').filter((l) => l.startsWith('**'));
    assert.deepEqual(headings, [
      '**❌ Blocking (2)**',
      '**⚠️ Warnings (1)**',
      '**ℹ️ Notes (1)**',
      '**Exempted (1)**: shown, not counted toward the verdict',
    ]);
    assert.match(
      md,
      /\| ❌ block \(exempted\) \| `module\.legacy\.aws_sqs_queue\.q` \| `tags\.required` \| missing required tag "team" \\\(exempted: Legacy stack, platform@&#8203;example\.com, until 2027-01-31\\\) \|/,
    );
    assert.match(
      md,
      /\n\n⏳ 1 exemption expiring within 14 days: .*\n\nℹ️ Policy: 2 rules, 1 exemption matched nothing in this run: /,
    );
  });

  it('markdown folding keeps the full count in each heading and drops exempted rows first', () => {
    const md = renderMarkdown(REPORT, { maxLength: renderMarkdown(REPORT).length - 150 });
    assert.match(md, /\*\*❌ Blocking \(2\)\*\*/);
    assert.doesNotMatch(md, /\*\*Exempted/);
    assert.match(md, /… 1 more finding in the job summary \/ JSON report\./);
  });

  it('compact: a policy finding points at the policy line', () => {
    assert.match(
      renderCompact(REPORT),
      /^policies\/cost\.yaml:3 budget\.pr-delta \+\$612\.40\/month exceeds the \$500 limit$/m,
    );
  });

  it('json: the policy fields match schema/report.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    assert.ok(validate(REPORT), JSON.stringify(validate.errors));
    const bad = structuredClone(REPORT);
    (bad.summary.policy.unmatched ?? [])[0]!.kind = 'typo' as never;
    assert.equal(validate(bad), false);
  });
});
