import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsProvider, type ChangeSpec } from '../helpers/plan.ts';
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

  it('a tag moved between teams: each side counts where it was tagged, and so does what is not priced', async () => {
    // aws_instance.moved goes from search to platform. Its instance hours are not priced (dedicated
    // tenancy); its root volume is ($0.64). Search's cost after the change is aws_instance.s alone.
    const dedicated = (team: string) => ({
      instance_type: 'm5.large',
      tenancy: 'dedicated',
      tags: { team },
      tags_all: { team },
      root_block_device: [{ volume_type: 'gp3', volume_size: 8 }],
    });
    const resources: ChangeSpec[] = [
      tagged('aws_instance.s', 'm5.large', 'search'),
      {
        address: 'aws_instance.moved',
        actions: ['update'],
        before: dedicated('search'),
        after: dedicated('platform'),
      },
    ];
    const entry = (name: string, team: string, limit: string) =>
      `  - name: ${name}\n    scope: { tag: team, value: ${team} }\n    ${limit}\n`;
    const { report } = await checkPolicy(
      'version: 1\nbudgets:\n' +
        entry('search-total', 'search', 'max_monthly_total: 70') +
        entry('search-total-ok', 'search', 'max_monthly_total: 100') +
        entry('platform-total', 'platform', 'max_monthly_total: 100') +
        entry('search-delta', 'search', 'max_monthly_delta: 100') +
        entry('search-delta-low', 'search', 'max_monthly_delta: 50'),
      resources,
    );
    assert.deepEqual(linesOf(report, 'budget.').sort(), [
      // After the change, the moved instance is platform's: search's total is exact.
      'block budget.search-total budget.search-total: team=search: $70.72/month after the change exceeds the $70 limit',
      // Platform's total after it lacks the moved instance's hours: a lower bound.
      'warn (indeterminate) budget.platform-total budget.platform-total: team=platform: cannot be decided: at least $0.64/month after the change is within the $100 limit, but 1 resource in scope is partly priced (aws_instance.moved)',
      // Search's cost before it lacks them: its delta (+$70.72 - $0.64) can only be smaller than counted.
      'warn (indeterminate) budget.search-delta-low budget.search-delta-low: team=search: cannot be decided: +$70.08/month as counted is above the $50 limit, but 1 resource in scope is partly priced before the change (aws_instance.moved)',
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
  it('a resource not priced in scope: above the limit anyway blocks "at least", naming its type', async () => {
    const resources = [
      instance('aws_instance.a', 'm5.large'),
      { address: 'aws_cloudfront_distribution.cdn', after: { tags: {} } },
    ];
    const over = await checkPolicy(budget('    max_monthly_delta: 50\n'), resources);
    assert.deepEqual(linesOf(over.report, 'budget.'), [
      'block budget.b budget.b: at least +$70.72/month exceeds the $50 limit; 1 resource in scope is not priced (aws_cloudfront_distribution)',
    ]);
  });

  it('a resource not priced in scope: within the limit is undecided at on_unknown, never a pass', async () => {
    // The reviewer's case: a $100 total for team=payments, and a Neptune instance tollgate does not
    // price. A usage-billed function without usage ($0, "usage not given") is not unknown.
    const payments = { tags: { team: 'payments' }, tags_all: { team: 'payments' } };
    const resources = [
      instance('aws_instance.small', 't3.micro', { after: payments }),
      {
        address: 'aws_neptune_cluster_instance.n',
        after: { instance_class: 'db.r5.24xlarge', ...payments },
      },
      {
        address: 'aws_lambda_function.f',
        after: { memory_size: 128, architectures: ['x86_64'], ...payments },
      },
    ];
    const policy = (extra: string) =>
      budget(`    scope: { tag: team, value: payments }\n    max_monthly_total: 100\n${extra}`);
    const blocked = await checkPolicy(policy('    on_unknown: block\n'), resources);
    assert.deepEqual(linesOf(blocked.report, 'budget.'), [
      'block (indeterminate) budget.b budget.b: team=payments: cannot be decided: at least $8.23/month after the change is within the $100 limit, but 1 resource in scope is not priced (aws_neptune_cluster_instance)',
    ]);
    assert.equal(blocked.report.verdict, 'block');
    assert.equal(blocked.code, 1);
    const warned = await checkPolicy(policy(''), resources);
    assert.deepEqual(
      linesOf(warned.report, 'budget.').map((l) => l.split(':')[0]),
      ['warn (indeterminate) budget.b budget.b'],
      'on_unknown defaults to warn',
    );
    const passed = await checkPolicy(policy('    on_unknown: pass\n'), resources);
    assert.deepEqual(linesOf(passed.report, 'budget.'), []);
    // Usage not given alone leaves nothing undecided: $0 until the usage file gives it.
    const usageOnly = await checkPolicy(policy('    on_unknown: block\n'), [
      resources[0] as ChangeSpec,
      resources[2] as ChangeSpec,
    ]);
    assert.deepEqual(linesOf(usageOnly.report, 'budget.'), []);
    const lambda = usageOnly.report.resources.find((r) => r.address === 'aws_lambda_function.f');
    assert.ok(lambda?.components.some((c) => c.state === 'usage-not-given'));
  });

  it('names a resource not priced as the report does, though one of its lines only waits for usage', async () => {
    // A NAT gateway where the catalog has no hourly price, and data processed waiting for usage:
    // nothing of its bill has a price, so it is "not priced" in the table and in the budget alike.
    const { report } = await checkPolicy(
      budget('    max_monthly_delta: 500\n'),
      [{ address: 'aws_nat_gateway.n', after: { connectivity_type: 'public' } }],
      [],
      { providers: { aws: awsProvider({ region: 'xx-nowhere-9' }) } },
    );
    assert.equal(report.resources[0]?.status, 'not-priced');
    assert.match(linesOf(report, 'budget.')[0] ?? '', /1 resource in scope is not priced \(aws_nat_gateway/);
  });

  it('a partly priced resource is undecided within the limit, and named apart from not priced ones', async () => {
    // Dedicated tenancy: the instance hours have no catalog price; the root volume ($0.64) does.
    const dedicated = instance('aws_instance.d', 'm5.large', { after: { tenancy: 'dedicated' } });
    const cdn = { address: 'aws_cloudfront_distribution.cdn', after: { tags: {} } };
    const { report } = await checkPolicy(budget('    max_monthly_delta: 500\n'), [
      instance('aws_instance.a', 'm5.large'),
      dedicated,
      cdn,
    ]);
    assert.deepEqual(linesOf(report, 'budget.'), [
      'warn (indeterminate) budget.b budget.b: cannot be decided: at least +$71.36/month is within the $500 limit, but 1 resource in scope is not priced (aws_cloudfront_distribution), 1 partly priced (aws_instance.d)',
    ]);
    const over = await checkPolicy(budget('    max_monthly_delta: 50\n'), [
      dedicated,
      instance('aws_instance.a', 'm5.large'),
    ]);
    assert.deepEqual(linesOf(over.report, 'budget.'), [
      'block budget.b budget.b: at least +$71.36/month exceeds the $50 limit; 1 resource in scope is partly priced (aws_instance.d)',
    ]);
  });

  it('a bill the same before and after cancels out of the delta, not out of the total or a percentage base', async () => {
    // Only the tags of aws_instance.u change: its bill, instance hours not priced, is the same.
    const root = [{ volume_type: 'gp3', volume_size: 8 }];
    const same = (tags: Record<string, string>) => ({
      instance_type: 'm5.large',
      tenancy: 'dedicated',
      tags,
      root_block_device: root,
    });
    const resources: ChangeSpec[] = [
      { address: 'aws_instance.u', actions: ['update'], before: same({}), after: same({ owner: 'x' }) },
      instance('aws_instance.a', 'm5.large'),
    ];
    const delta = await checkPolicy(budget('    max_monthly_delta: 100\n'), resources);
    assert.deepEqual(linesOf(delta.report, 'budget.'), [], '+$70.72 is exact: within the limit passes');
    const total = await checkPolicy(budget('    max_monthly_total: 100\n'), resources);
    assert.deepEqual(linesOf(total.report, 'budget.'), [
      'warn (indeterminate) budget.b budget.b: cannot be decided: at least $71.36/month after the change is within the $100 limit, but 1 resource in scope is partly priced (aws_instance.u)',
    ]);
    const percent = await checkPolicy(budget('    max_percent_increase: 20\n'), resources);
    assert.deepEqual(linesOf(percent.report, 'budget.'), [
      'warn (indeterminate) budget.b budget.b: cannot be decided: +11050.0% (+$70.72/month on $0.64) as counted is above the 20% limit, but 1 resource in scope is partly priced (aws_instance.u)',
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
