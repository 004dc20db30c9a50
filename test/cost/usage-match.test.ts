import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unmatchedUsage } from '../../src/cost/usage-match.ts';
import { parseUsage } from '../../src/cost/usage.ts';
import type { Resource } from '../../src/model/resource.ts';
import { runCli } from '../helpers/cli.ts';
import { awsProvider, makePlan, writePolicy, writeTemp, type ChangeSpec } from '../helpers/plan.ts';
import { component, costReport } from './harness.ts';

const tagged = (environment: string) => ({ tags: { environment } });

const RESOURCES: ChangeSpec[] = [
  { address: 'aws_lambda_function.api', after: { function_name: 'api', memory_size: 512, ...tagged('dev') } },
  { address: 'aws_instance.web', after: { instance_type: 't3.micro', ...tagged('dev') } },
];

const SHARED = [
  'version: 1',
  'resource_usage:',
  '  aws_lambda_function.apii:', // 3: a typo of aws_lambda_function.api
  '    monthly_requests: 25000000',
  '  aws_nat_gateway.nat:', // 5: another stack's
  '    monthly_data_processed_gb: 1000',
  '  "aws_s3_bucket.*":', // 7: a glob matching nothing here
  '    storage_gb: 100',
  '  aws_lambda_function.api:',
  '    request_duration_ms: 120',
  'monthly_hours:',
  '  resources:',
  '    aws_instance.doesnotexist: 160', // 13
  '    aws_instance.web: 200',
  '  tags:',
  '    enviroment: { dev: 200 }', // 16: a misspelling of environment
  '    team: { search: 300 }', // 17: no resource has a team tag, nor one like it
  '    environment: { dev: 300 }',
  '',
].join('\n');

describe('usage entries that match nothing in the run', () => {
  it('are findings at their line: addresses are notes, with the nearest address when one is close', async () => {
    const report = await costReport({ resources: RESOURCES, usage: SHARED });
    const unmatched = report.findings.filter((f) => f.rule === 'usage.unmatched');
    const by = new Map(unmatched.map((f) => [f.address, f]));
    const typo = by.get('resource_usage["aws_lambda_function.apii"]');
    assert.equal(typo?.severity, 'info');
    assert.equal(
      typo?.message,
      'no resource in this run has the address aws_lambda_function.apii (did you mean aws_lambda_function.api?): its usage values are not used',
    );
    assert.equal(typo?.source?.line, 3);
    assert.match(typo?.source?.file ?? '', /usage\.yml$/);
    const nat = by.get('resource_usage["aws_nat_gateway.nat"]');
    assert.equal(nat?.severity, 'info');
    assert.equal(
      nat?.message,
      'no resource in this run has the address aws_nat_gateway.nat: its usage values are not used',
    );
    assert.equal(nat?.source?.line, 5);
    const glob = by.get('resource_usage["aws_s3_bucket.*"]');
    assert.match(glob?.message ?? '', /^no resource in this run matches aws_s3_bucket\.\*:/);
    assert.equal(glob?.source?.line, 7);
    const hours = by.get('monthly_hours.resources["aws_instance.doesnotexist"]');
    assert.equal(hours?.severity, 'info');
    assert.match(hours?.message ?? '', /aws_instance\.doesnotexist: its monthly hours are not used$/);
    assert.equal(hours?.source?.line, 13);
    const misspelt = by.get('monthly_hours.tags.enviroment');
    assert.equal(misspelt?.severity, 'warn');
    assert.equal(
      misspelt?.message,
      'no resource in this run has a tag "enviroment" (did you mean "environment"?): its monthly hours are not used',
    );
    assert.equal(misspelt?.source?.line, 16);
    const team = by.get('monthly_hours.tags.team');
    assert.equal(team?.severity, 'info');
    assert.equal(team?.source?.line, 17);
    assert.equal(unmatched.length, 6, unmatched.map((f) => f.address).join(', '));
  });

  it('a tag value a near miss of one the run has is a warning; another stack’s values say nothing', async () => {
    const prod = [{ address: 'aws_instance.web', after: { instance_type: 't3.micro', ...tagged('prod') } }];
    const usage = [
      'version: 1',
      'monthly_hours:',
      '  tags:',
      '    environment:',
      '      prd: 100', // 5: meant prod
      '      staging: 200', // 6: another stack's
      '',
    ].join('\n');
    const report = await costReport({ resources: prod, usage });
    const unmatched = report.findings.filter((f) => f.rule === 'usage.unmatched');
    assert.deepEqual(
      unmatched.map((f) => [f.severity, f.address, f.source?.line, f.message]),
      [
        [
          'warn',
          'monthly_hours.tags.environment.prd',
          5,
          'no resource in this run has environment=prd (did you mean "prod"?): its monthly hours are not used',
        ],
      ],
    );
  });

  it('an address missing from this run never fails --fail-on warn', async () => {
    const plan = writeTemp(
      'plan.json',
      makePlan({ resources: RESOURCES, providers: { aws: awsProvider({ region: 'us-east-1' }) } }),
    );
    const usage = writeTemp(
      'usage.yml',
      'version: 1\nresource_usage:\n  aws_nat_gateway.elsewhere: { monthly_data_processed_gb: 5 }\n',
    );
    const args = ['check', '--plan', plan, '--policy', writePolicy('version: 1\n'), '--usage', usage];
    const r = await runCli([...args, '--fail-on', 'warn']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(
      r.stdout,
      /NOTE\s+usage\.unmatched\s+no resource in this run has the address aws_nat_gateway\.elsewhere/,
    );
  });

  it('a type default for a type tollgate does not price names the priced type it is close to', async () => {
    const report = await costReport({
      resources: RESOURCES,
      usage: 'version: 1\nresource_type_default_usage:\n  aws_lamda_function: { monthly_requests: 10 }\n',
    });
    const [f] = report.findings.filter((x) => x.rule === 'usage.unknown_key');
    assert.equal(
      f?.message,
      'tollgate does not price aws_lamda_function (did you mean aws_lambda_function?): the usage values in resource_type_default_usage.aws_lamda_function are not used',
    );
    assert.equal(f?.source?.line, 3);
  });

  it('unmatchedUsage: suggests only addresses a few edits away, and says nothing for a run without resources', () => {
    const usage = parseUsage(
      'usage.yml',
      [
        'resource_usage:',
        '  aws_instance.web_serverr: { monthly_cpu_credit_hrs: 1 }',
        '  aws_instance.database: { monthly_cpu_credit_hrs: 1 }',
        '  aws_instance.web_server: { monthly_cpu_credit_hrs: 1 }',
        '',
      ].join('\n'),
    );
    const resources = [
      { address: 'aws_instance.web_server', type: 'aws_instance' },
      { address: 'aws_instance.dashboard', type: 'aws_instance' },
    ] as Resource[];
    assert.deepEqual(
      unmatchedUsage(usage, resources).map((f) => [
        f.address,
        f.severity,
        / \(did you mean (.*)\?\)/.exec(f.message)?.[1],
      ]),
      [
        ['resource_usage["aws_instance.web_serverr"]', 'info', 'aws_instance.web_server'],
        // database → dashboard is 4 edits: another resource, not a typo.
        ['resource_usage["aws_instance.database"]', 'info', undefined],
      ],
    );
    assert.deepEqual(unmatchedUsage(usage, []), []);
  });
});

describe('usage values the planned bill does not use', () => {
  const PITR_USAGE = [
    'version: 1',
    'resource_usage:',
    '  "aws_dynamodb_table.t_*":',
    '    storage_gb: 10',
    '    pitr_backup_storage_size_gb: 1000',
    // A type default is for whichever tables use it: one that does not is not reported.
    'resource_type_default_usage:',
    '  aws_dynamodb_table: { pitr_backup_storage_size_gb: 5 }',
    '',
  ].join('\n');
  const table = (name: string, extra: Partial<ChangeSpec>): ChangeSpec => ({
    address: `aws_dynamodb_table.${name}`,
    after: { name, billing_mode: 'PAY_PER_REQUEST' },
    ...extra,
  });

  it('are notes at the resource: PITR off says so, PITR known only after apply stays an unknown line', async () => {
    const report = await costReport({
      region: 'us-east-2',
      resources: [
        // Two tables alike: the second's bill is the first's, remembered, and it read the key too.
        table('t_on', {
          after: { name: 'x', billing_mode: 'PAY_PER_REQUEST', point_in_time_recovery: [{ enabled: true }] },
        }),
        table('t_on2', {
          after: { name: 'x', billing_mode: 'PAY_PER_REQUEST', point_in_time_recovery: [{ enabled: true }] },
        }),
        // Not configured: the provider computes the block, and point-in-time recovery is off.
        table('t_off', { after_unknown: { point_in_time_recovery: true } }),
        table('t_unknown', {
          after_unknown: { point_in_time_recovery: true },
          expressions: { point_in_time_recovery: [{ enabled: { references: ['var.pitr'] } }] },
        }),
        // Only the type default applies: not reported.
        table('plain', {}),
      ],
      usage: PITR_USAGE,
    });
    const unused = report.findings.filter((f) => f.rule === 'usage.unused');
    assert.deepEqual(
      unused.map((f) => [f.address, f.severity, f.source?.line]),
      [
        ['aws_dynamodb_table.t_off', 'info', 5],
        ['aws_dynamodb_table.t_unknown', 'info', 5],
      ],
    );
    assert.equal(
      unused[0]?.message,
      'the usage file gives pitr_backup_storage_size_gb for aws_dynamodb_table.t_off, but no line of its bill as planned uses it: not used',
    );
    assert.match(
      unused[0]?.fix ?? '',
      /GB of point-in-time recovery backups \(tables with point-in-time recovery enabled\)/,
    );
    assert.equal(
      unused[1]?.message,
      'the usage file gives pitr_backup_storage_size_gb for aws_dynamodb_table.t_unknown, but no line of its bill as planned uses it; Point-in-time recovery backup storage is known only after apply, which may change that',
    );
    const unknown = report.resources.find((r) => r.address === 'aws_dynamodb_table.t_unknown');
    assert.ok(unknown);
    const pitr = component(unknown, /^Point-in-time recovery/);
    assert.equal(pitr.state, 'unknown');
    assert.equal(pitr.reason, 'point_in_time_recovery is known only after apply');
    const on2 = report.resources.find((r) => r.address === 'aws_dynamodb_table.t_on2');
    assert.ok(on2);
    assert.equal(component(on2, /^Point-in-time recovery/).monthly_quantity, 1000);
  });
});
