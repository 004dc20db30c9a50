import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makePlan, writePolicy, writeTemp, awsProvider } from '../helpers/plan.ts';
import { checkPolicy, lines, refusal, runCli } from '../helpers/policy.ts';

const POLICY = `version: 1
tags:
  required:
    - key: team
exemptions:
  - rules: ["tags.required"]
    resources: ["module.legacy.*"]
    reason: Legacy stack, tagged in Q1 migration
    owner: platform@example.com
    expires: 2027-01-31
`;

const RESOURCES = [
  { address: 'module.legacy.aws_sqs_queue.q', after: { tags: {} } },
  { address: 'aws_sqs_queue.new', after: { tags: {} } },
];

const at = (now: string, policy = POLICY) => checkPolicy(policy, RESOURCES, ['--now', now]);

describe('policy exemptions', () => {
  it('keep exempted findings visible with reason, owner and expiry, out of the verdict and the counts', async () => {
    const { report } = await at('2026-11-23');
    assert.deepEqual(lines(report.findings), [
      'block tags.required aws_sqs_queue.new: missing required tag "team"',
      'block (exempted) tags.required module.legacy.aws_sqs_queue.q: missing required tag "team"',
    ]);
    const exempted = report.findings.find((f) => f.exemption);
    assert.deepEqual(exempted?.exemption, {
      reason: 'Legacy stack, tagged in Q1 migration',
      owner: 'platform@example.com',
      expires: '2027-01-31',
      source: 'policy',
      at: { file: report.summary.policy.files[0], line: 6 },
    });
    assert.equal(report.summary.findings.block, 1);
    assert.equal(report.summary.findings.exempted, 1);
    assert.deepEqual(report.summary.policy.exemptions_expiring, []);
  });

  it('apply through their last day; the day after, they exempt nothing and block, named', async () => {
    const last = await at('2027-01-31');
    assert.equal(last.report.findings.filter((f) => f.exemption).length, 1);
    const after = await at('2027-02-01');
    assert.deepEqual(lines(after.report.findings), [
      'block exemption.expired policy: the exemption of tags.required on module.legacy.* expired on 2027-01-31 (Legacy stack, tagged in Q1 migration; owner platform@example.com), so it exempts nothing',
      'block tags.required aws_sqs_queue.new: missing required tag "team"',
      'block tags.required module.legacy.aws_sqs_queue.q: missing required tag "team"',
    ]);
    const expired = after.report.findings[0];
    assert.equal(expired?.source?.line, 6, 'located at the exemption');
    assert.equal(
      expired?.fix,
      'Fix what it exempted, or have platform@example.com renew it with a new expires date.',
    );
  });

  it('flag exemptions expiring within 14 days in the summary and the reports', async () => {
    const notYet = await at('2027-01-16');
    assert.deepEqual(notYet.report.summary.policy.exemptions_expiring, []);
    const soon = await at('2027-01-17');
    assert.deepEqual(soon.report.summary.policy.exemptions_expiring, [
      {
        rules: ['tags.required'],
        resources: ['module.legacy.*'],
        reason: 'Legacy stack, tagged in Q1 migration',
        owner: 'platform@example.com',
        expires: '2027-01-31',
        days_left: 14,
        at: { file: soon.report.summary.policy.files[0], line: 6 },
      },
    ]);
    const plan = writeTemp(
      'plan.json',
      makePlan({ resources: RESOURCES, providers: { aws: awsProvider({ region: 'us-east-1' }) } }),
    );
    const text = await runCli([
      'check',
      '--plan',
      plan,
      '--policy',
      writePolicy(POLICY),
      '--now',
      '2027-01-30',
    ]);
    assert.match(
      text.stdout,
      /⏳ 1 exemption expiring within 14 days: tags\.required on module\.legacy\.\* expires 2027-01-31 \(1 day; owner platform@example\.com; .*policy\.yaml:6\)/,
    );
    assert.match(
      text.stdout,
      /EXEMPT tags\.required\s+missing required tag "team" \(exempted: Legacy stack, tagged in Q1 migration, platform@example\.com, until 2027-01-31\)/,
    );
    const md = await runCli([
      'check',
      '--plan',
      plan,
      '--policy',
      writePolicy(POLICY),
      '--now',
      '2027-01-30',
      '--format',
      'markdown',
    ]);
    assert.match(md.stdout, /⏳ 1 exemption expiring within 14 days/);
  });

  it('take the date from --now, else TOLLGATE_NOW; a bad date is a usage error', async () => {
    const plan = writeTemp('plan.json', makePlan({ resources: RESOURCES }));
    const policy = writePolicy(POLICY);
    const env = await runCli(['check', '--plan', plan, '--policy', policy, '--format', 'json'], {
      env: { TOLLGATE_NOW: '2027-02-01' },
    });
    assert.match(env.stdout, /exemption\.expired/);
    const flagWins = await runCli(
      ['check', '--plan', plan, '--policy', policy, '--format', 'json', '--now', '2026-01-01'],
      {
        env: { TOLLGATE_NOW: '2027-02-01' },
      },
    );
    assert.doesNotMatch(flagWins.stdout, /exemption\.expired/);
    const bad = await runCli(['check', '--plan', plan, '--policy', policy, '--now', '2027-02-30']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'tollgate: --now must be a date YYYY-MM-DD (got "2027-02-30")\n');
    const badEnv = await runCli(['check', '--plan', plan, '--policy', policy], {
      env: { TOLLGATE_NOW: 'tomorrow' },
    });
    assert.equal(badEnv.stderr, 'tollgate: TOLLGATE_NOW must be a date YYYY-MM-DD (got "tomorrow")\n');
  });

  it('match rule globs and address globs with negation; budgets by their budget.NAME address', async () => {
    const policy = `version: 1
tags:
  required: [{ key: team }]
budgets:
  - name: pr-delta
    max_monthly_delta: 1
exemptions:
  - rules: ["tags.*"]
    resources: ["aws_sqs_queue.*", "!aws_sqs_queue.new"]
    reason: r
    owner: o
    expires: "2030-01-01"
  - rules: ["budget.pr-delta"]
    resources: ["budget.pr-delta"]
    reason: the migration doubles capacity for a week
    owner: finance@example.com
    expires: "2030-01-01"
`;
    const { report } = await checkPolicy(
      policy,
      [
        ...RESOURCES,
        { address: 'aws_sqs_queue.old', after: { tags: {} } },
        { address: 'aws_eip.ip', after: { tags: { team: 'a' } } },
      ],
      ['--now', '2026-11-23'],
    );
    assert.deepEqual(
      report.findings.map((f) => `${f.rule} ${f.address} ${f.exemption ? 'exempted' : 'counted'}`),
      [
        'budget.pr-delta budget.pr-delta exempted',
        'tags.required aws_sqs_queue.new counted',
        'tags.required aws_sqs_queue.old exempted',
        'tags.required module.legacy.aws_sqs_queue.q counted',
      ],
    );
  });

  it('an exemption that exempted nothing is reported as matching nothing', async () => {
    const stale = POLICY.replace('module.legacy.*', 'module.legacyy.*');
    const { report } = await at('2026-11-23', stale);
    assert.deepEqual(
      report.summary.policy.unmatched?.map((u) => `${u.kind}: ${u.name}`),
      ['exemption: tags.required on module.legacyy.*'],
    );
  });

  it('need rules, resources, reason, owner and a real expiry date', () => {
    const entry = (body: string) =>
      `version: 1\nexemptions:\n  - rules: ["x"]\n    resources: ["*"]\n${body}`;
    assert.equal(
      refusal(entry('    reason: r\n    expires: 2027-01-31\n')),
      'policies/team.yaml:3: exemptions[0] is missing "owner"',
    );
    assert.equal(
      refusal(entry('    owner: o\n    expires: 2027-01-31\n')),
      'policies/team.yaml:3: exemptions[0] is missing "reason"',
    );
    assert.equal(
      refusal(entry('    reason: r\n    owner: o\n')),
      'policies/team.yaml:3: exemptions[0] is missing "expires"',
    );
    assert.equal(
      refusal(entry('    reason: r\n    owner: o\n    expires: 2027-02-30\n')),
      'policies/team.yaml:7: exemptions[0].expires "2027-02-30" is not a date (expected YYYY-MM-DD)',
    );
    assert.equal(
      refusal(entry('    reason: r\n    owner: o\n    expires: next week\n')),
      'policies/team.yaml:7: exemptions[0].expires "next week" is not valid: The last day it applies, YYYY-MM-DD (quoted or not).',
    );
    assert.equal(
      refusal(
        'version: 1\nexemptions:\n  - rules: []\n    resources: ["*"]\n    reason: r\n    owner: o\n    expires: 2027-01-31\n',
      ),
      'policies/team.yaml:3: exemptions[0].rules must list at least 1 item(s)',
    );
    assert.equal(
      refusal(entry('    reason: ""\n    owner: o\n    expires: 2027-01-31\n')),
      'policies/team.yaml:5: exemptions[0].reason must not be empty',
    );
  });
});
