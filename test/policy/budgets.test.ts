import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPolicy, instance, linesOf, refusal, resized } from '../helpers/policy.ts';

// m5.large with an 8 GB gp3 root volume: $70.08 + $0.64 = $70.72 a month; m5.xlarge: $140.80.
const budget = (body: string) => `version: 1\nbudgets:\n  - name: b\n${body}`;

describe('budgets on the monthly delta', () => {
  it('passes exactly at the limit and blocks one cent above it, with the numbers', async () => {
    const at = await checkPolicy(budget('    max_monthly_delta: 70.72\n'), [
      instance('aws_instance.a', 'm5.large'),
    ]);
    assert.deepEqual(linesOf(at.report, 'budget.'), []);
    assert.equal(at.report.verdict, 'pass');
    const above = await checkPolicy(budget('    max_monthly_delta: 70.71\n'), [
      instance('aws_instance.a', 'm5.large'),
    ]);
    assert.deepEqual(linesOf(above.report, 'budget.'), [
      'block budget.b budget.b: +$70.72/month exceeds the $70.71 limit',
    ]);
    assert.equal(above.code, 1);
    const f = above.report.findings.find((x) => x.rule === 'budget.b');
    assert.match(f?.source?.file ?? '', /policy\.yaml$/, 'located at the budget in the policy');
    assert.equal(f?.source?.line, 3);
  });

  it('writes whole-dollar limits as given, and sums the whole change', async () => {
    const { report } = await checkPolicy(
      budget("    max_monthly_delta: 100\n    message: 'Ask #platform-cost.'\n"),
      [instance('aws_instance.a', 'm5.large'), instance('aws_instance.b', 'm5.large')],
    );
    assert.deepEqual(linesOf(report, 'budget.'), [
      'block budget.b budget.b: +$141.44/month exceeds the $100 limit. Ask #platform-cost.',
    ]);
  });

  it('warns above warn_monthly_delta; severity: warn makes the max a warning too', async () => {
    const warned = await checkPolicy(budget('    max_monthly_delta: 1000\n    warn_monthly_delta: 50\n'), [
      instance('aws_instance.a', 'm5.large'),
    ]);
    assert.deepEqual(linesOf(warned.report, 'budget.'), [
      'warn budget.b budget.b: +$70.72/month exceeds the $50 warning threshold',
    ]);
    assert.equal(warned.code, 0);
    const soft = await checkPolicy(budget('    max_monthly_delta: 50\n    severity: warn\n'), [
      instance('aws_instance.a', 'm5.large'),
    ]);
    assert.deepEqual(linesOf(soft.report, 'budget.'), [
      'warn budget.b budget.b: +$70.72/month exceeds the $50 limit',
    ]);
  });

  it('a decrease never exceeds a delta limit', async () => {
    const { report } = await checkPolicy(budget('    max_monthly_delta: 0\n'), [
      resized('aws_instance.a', 'm5.xlarge', 'm5.large'),
    ]);
    assert.deepEqual(linesOf(report, 'budget.'), []);
  });
});

describe('budgets on percent growth', () => {
  it('compares the increase with the cost before, at the precision shown', async () => {
    const change = [resized('aws_instance.a', 'm5.large', 'm5.xlarge')];
    const over = await checkPolicy(budget('    max_percent_increase: 20\n'), change);
    assert.deepEqual(linesOf(over.report, 'budget.'), [
      'block budget.b budget.b: +99.1% (+$70.08/month on $70.72) exceeds the 20% limit',
    ]);
    const at = await checkPolicy(budget('    max_percent_increase: 99.1\n'), change);
    assert.deepEqual(linesOf(at.report, 'budget.'), [], '+99.09…% shows as +99.1%, which is at the limit');
  });

  it('does not apply to growth from $0, and says so in a note: a new stack is new spend', async () => {
    const { report, code } = await checkPolicy(budget('    max_percent_increase: 20\n'), [
      instance('aws_instance.a', 'm5.large'),
    ]);
    assert.deepEqual(linesOf(report, 'budget.'), [
      'info budget.b budget.b: percent growth is not defined from $0.00/month (+$70.72/month is new spend), so the percent limit does not apply; max_monthly_delta limits new spend',
    ]);
    assert.equal(report.verdict, 'pass');
    assert.equal(code, 0);
  });

  it('nothing to say when nothing is added to $0', async () => {
    const { report } = await checkPolicy(budget('    max_percent_increase: 20\n'), [
      { address: 'aws_iam_role.r', after: { name: 'r' } },
    ]);
    assert.deepEqual(linesOf(report, 'budget.'), []);
  });
});

describe('budget scopes', () => {
  const tagged = (address: string, type: string, team: string) =>
    instance(address, type, { after: { tags: { team }, tags_all: { team } } });

  it('a tag value: the monthly total of what carries it after the change', async () => {
    const resources = [
      tagged('aws_instance.a', 'm5.large', 'payments'),
      tagged('aws_instance.b', 'm5.large', 'payments'),
      tagged('aws_instance.c', 'm5.xlarge', 'search'),
    ];
    const scope = '    scope: { tag: team, value: payments }\n';
    const at = await checkPolicy(budget(`${scope}    max_monthly_total: 141.44\n`), resources);
    assert.deepEqual(linesOf(at.report, 'budget.'), []);
    const over = await checkPolicy(budget(`${scope}    max_monthly_total: 141.43\n`), resources);
    assert.deepEqual(linesOf(over.report, 'budget.'), [
      'block budget.b budget.b: team=payments: $141.44/month after the change exceeds the $141.43 limit',
    ]);
  });

  it('a tag value: cost before counts where it was before, cost after where it is after', async () => {
    const moved = {
      address: 'aws_instance.moved',
      actions: ['update'],
      before: {
        instance_type: 'm5.large',
        tags: { team: 'search' },
        root_block_device: [{ volume_type: 'gp3', volume_size: 8 }],
      },
      after: {
        instance_type: 'm5.large',
        tags: { team: 'payments' },
        tags_all: { team: 'payments' },
        root_block_device: [{ volume_type: 'gp3', volume_size: 8 }],
      },
    };
    const { report } = await checkPolicy(
      budget('    scope: { tag: team, value: payments }\n    max_monthly_delta: 70\n'),
      [moved],
    );
    assert.deepEqual(linesOf(report, 'budget.'), [
      'block budget.b budget.b: team=payments: +$70.72/month exceeds the $70 limit',
    ]);
  });

  it('a tag known only after apply may put a resource in scope: undecided', async () => {
    const unknownTeam = instance('aws_instance.u', 'm5.large', {
      after: { tags: {} },
      after_unknown: { tags: { team: true }, tags_all: true },
    });
    const { report } = await checkPolicy(
      budget('    scope: { tag: team, value: payments }\n    max_monthly_total: 10\n'),
      [unknownTeam],
      [],
    );
    assert.deepEqual(linesOf(report, 'budget.'), [
      'warn (indeterminate) budget.b budget.b: team=payments: cannot be decided: at least $0.00/month after the change is within the $10 limit, but tag "team" known only after apply: aws_instance.u ($70.72/month)',
    ]);
  });

  it('a module: the module and everything in it, not modules that share a prefix', async () => {
    const { report } = await checkPolicy(
      budget('    scope: { module: module.payments }\n    max_monthly_delta: 100\n'),
      [
        instance('module.payments.aws_instance.a', 'm5.large'),
        instance('module.payments.module.db.aws_instance.b', 'm5.large'),
        instance('module.payments_v2.aws_instance.c', 'm5.xlarge'),
        instance('aws_instance.d', 'm5.xlarge'),
      ],
    );
    assert.deepEqual(linesOf(report, 'budget.'), [
      'block budget.b budget.b: module.payments: +$141.44/month exceeds the $100 limit',
    ]);
  });

  it('resource type globs, and a scope that matches nothing is reported', async () => {
    const resources = [instance('aws_instance.a', 'm5.large')];
    const typed = await checkPolicy(
      budget('    scope: { type: "aws_inst*" }\n    max_monthly_delta: 70\n'),
      resources,
    );
    assert.equal(linesOf(typed.report, 'budget.').length, 1);
    const none = await checkPolicy(
      budget('    scope: { type: ["aws_db_*"] }\n    max_monthly_delta: 70\n'),
      resources,
    );
    assert.deepEqual(linesOf(none.report, 'budget.'), []);
    assert.deepEqual(
      none.report.summary.policy.unmatched?.map((u) => `${u.kind} ${u.name} ${u.at.line}`),
      ['budget b 3'],
    );
  });
});

describe('budgets and what is not known', () => {
  it('says how many resources in scope are not priced, when it fires and when it passes', async () => {
    const resources = [
      instance('aws_instance.a', 'm5.large'),
      { address: 'aws_cloudfront_distribution.cdn', after: { tags: {} } },
    ];
    const over = await checkPolicy(budget('    max_monthly_delta: 50\n'), resources);
    assert.deepEqual(linesOf(over.report, 'budget.'), [
      'block budget.b budget.b: +$70.72/month exceeds the $50 limit; 1 resource in scope is not priced',
    ]);
    const within = await checkPolicy(budget('    max_monthly_delta: 500\n'), resources);
    assert.deepEqual(linesOf(within.report, 'budget.'), [
      'info budget.b budget.b: within its limits as far as priced; 1 resource in scope is not priced, so the cost may be higher than counted',
    ]);
  });

  it('a cost known only after apply makes the sum a lower bound: undecided within the limit', async () => {
    const unknownType = instance('aws_instance.u', 'm5.large', { after_unknown: { instance_type: true } });
    const policy = (extra: string) => budget(`    max_monthly_delta: 50\n${extra}`);
    const warned = await checkPolicy(policy(''), [unknownType]);
    assert.deepEqual(linesOf(warned.report, 'budget.'), [
      'warn (indeterminate) budget.b budget.b: cannot be decided: at least +$0.64/month is within the $50 limit, but cost known only after apply: aws_instance.u (Instance (Linux on-demand, type unknown): instance_type is known only after apply)',
    ]);
    assert.equal(warned.report.verdict, 'warn');
    const blocked = await checkPolicy(policy('    on_unknown: block\n'), [unknownType]);
    assert.equal(blocked.report.verdict, 'block');
    const passed = await checkPolicy(policy('    on_unknown: pass\n'), [unknownType]);
    assert.deepEqual(linesOf(passed.report, 'budget.'), []);
  });

  it('a lower bound already above the limit is a decided breach', async () => {
    const { report } = await checkPolicy(budget('    max_monthly_delta: 100\n'), [
      instance('aws_instance.big', 'm5.xlarge'),
      instance('aws_instance.u', 'm5.large', { after_unknown: { instance_type: true } }),
    ]);
    assert.deepEqual(linesOf(report, 'budget.'), [
      'block budget.b budget.b: at least +$141.44/month exceeds the $100 limit',
    ]);
  });

  it('with --no-cost a budget is not evaluated, and says so', async () => {
    const { report } = await checkPolicy(
      budget('    max_monthly_delta: 1\n'),
      [instance('aws_instance.a', 'm5.large')],
      ['--no-cost'],
    );
    assert.deepEqual(linesOf(report, 'budget.'), [
      'info budget.b budget.b: not evaluated: cost estimation is turned off (--no-cost)',
    ]);
  });
});

describe('budget definitions', () => {
  it('are refused with file and line when they cannot be enforced', () => {
    assert.equal(
      refusal('version: 1\nbudgets:\n  - name: b\n'),
      'policies/team.yaml:3: budgets[0] (b) sets no limit: give max_ or warn_ monthly_delta, percent_increase or monthly_total',
    );
    assert.equal(
      refusal('version: 1\nbudgets:\n  - name: b\n    max_monthly_delta: 100\n    warn_monthly_delta: 200\n'),
      'policies/team.yaml:5: budgets[0] (b): warn_monthly_delta (200) is above max_monthly_delta (100), so it would never warn',
    );
    assert.equal(
      refusal('version: 1\nbudgets:\n  - name: b\n    max_monthly_delta: -1\n'),
      'policies/team.yaml:4: budgets[0].max_monthly_delta must be at least 0 (got -1)',
    );
    assert.equal(
      refusal('version: 1\nbudgets:\n  - name: b\n    max_monthly_delta: "500"\n'),
      'policies/team.yaml:4: budgets[0].max_monthly_delta must be a number, not a string ("500")',
    );
    assert.equal(
      refusal('version: 1\nbudgets:\n  - name: b\n    max_montly_delta: 5\n'),
      'policies/team.yaml:4: unknown key "max_montly_delta" in budgets[0] (did you mean "max_monthly_delta"?)',
    );
    assert.equal(
      refusal('version: 1\nbudgets:\n  - name: b\n    scope: { tag: team }\n    max_monthly_delta: 5\n'),
      'policies/team.yaml:4: budgets[0].scope needs both tag and value (a tag key and the value resources carry)',
    );
    assert.equal(
      refusal('version: 1\nbudgets:\n  - name: b\n    scope: {}\n    max_monthly_delta: 5\n'),
      'policies/team.yaml:4: budgets[0].scope must not be empty',
    );
    assert.match(
      refusal('version: 1\nbudgets:\n  - name: pr delta\n    max_monthly_delta: 5\n'),
      /^policies\/team\.yaml:3: budgets\[0\]\.name "pr delta" is not valid: A name for findings/,
    );
    assert.equal(
      refusal('version: 1\nbudgets:\n  - name: b\n    max_monthly_delta: 5\n    severity: error\n'),
      'policies/team.yaml:5: budgets[0].severity must be one of block, warn (got "error")',
    );
  });
});
