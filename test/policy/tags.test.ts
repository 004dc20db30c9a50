import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../src/model/report.ts';
import { checkJson } from '../helpers/cli.ts';
import { awsProvider, makePlan, writePolicy, writeTemp, type PlanSpec } from '../helpers/plan.ts';

const POLICY = writePolicy(`
version: 1
tags:
  required:
    - key: team
      allowed: [payments, search, platform]
    - key: cost-center
      pattern: "CC-[0-9]{4}"
      severity: warn
    - key: environment
      allowed: [dev, staging, prod]
      ignore_case: true
`);

const GOOD = { team: 'payments', 'cost-center': 'CC-1234', environment: 'prod' };

async function check(spec: PlanSpec, extra: string[] = [], policy = POLICY) {
  const plan = writeTemp('plan.json', makePlan(spec));
  return (await checkJson(['--plan', plan, '--policy', policy, ...extra])).report;
}

/** `rule address message` lines, for compact assertions. */
function findings(report: Report): string[] {
  return report.findings.map((f) => `${f.severity} ${f.rule} ${f.address}: ${f.message}`);
}

describe('tagging taxonomy', () => {
  it('passes a fully tagged resource', async () => {
    const report = await check({
      resources: [{ address: 'aws_s3_bucket.b', after: { tags: GOOD, tags_all: GOOD } }],
    });
    assert.deepEqual(findings(report), []);
    assert.equal(report.verdict, 'pass');
    assert.equal(report.summary.checked, 1);
  });

  it('uses tags_all when it is known: provider default_tags count', async () => {
    const report = await check({
      resources: [
        {
          address: 'aws_s3_bucket.b',
          after: { tags: { team: 'search' }, tags_all: { ...GOOD, team: 'search' } },
        },
      ],
      providers: { aws: awsProvider({ defaultTags: { team: 'platform' } }) },
    });
    assert.deepEqual(findings(report), []);
    assert.deepEqual(report.resources[0]?.tags, { ...GOOD, team: 'search' });
  });

  it('merges default_tags with the known part of tags when tags_all is unknown, the resource winning', async () => {
    const report = await check({
      resources: [
        {
          address: 'aws_instance.web',
          after: { tags: { team: 'searchh', Name: 'web' } },
          after_unknown: { tags: { Name: false, build: true }, tags_all: true },
        },
      ],
      providers: {
        aws: awsProvider({
          region: 'eu-west-1',
          defaultTags: { team: 'payments', 'cost-center': 'CC-0001', environment: 'Prod' },
        }),
      },
    });
    assert.deepEqual(findings(report), [
      'block tags.allowed aws_instance.web: tag "team" is "searchh", which is not an allowed value',
    ]);
    assert.equal(report.findings[0]?.fix, 'Use one of: payments, search, platform (did you mean "search"?).');
    assert.deepEqual(report.resources[0]?.tags, {
      team: 'searchh',
      'cost-center': 'CC-0001',
      environment: 'Prod',
      Name: 'web',
    });
    assert.deepEqual(report.resources[0]?.tags_unknown, ['build']);
    assert.equal(report.resources[0]?.region, 'eu-west-1');
  });

  it('merges the default_tags of the provider a module resource actually uses (alias, module scope)', async () => {
    const report = await check({
      resources: [
        {
          address: 'module.eu.aws_sqs_queue.q',
          provider_config_key: 'module.eu:aws.replica',
          after: { tags: { team: 'search', 'cost-center': 'CC-0002' } },
          after_unknown: { tags: { owner: true }, tags_all: true },
        },
        {
          address: 'aws_sqs_queue.root',
          after: { tags: { team: 'search', 'cost-center': 'CC-0002' } },
          after_unknown: { tags_all: true },
        },
      ],
      providers: {
        aws: awsProvider({ region: 'us-east-1', defaultTags: { environment: 'prod' } }),
        'module.eu:aws.replica': {
          ...awsProvider({ region: 'eu-west-1', defaultTags: { environment: 'staging' } }),
          module_address: 'module.eu',
        },
      },
    });
    // The eu-west-1 queue has no SQS price in the catalog: a cost finding, not a tag one.
    assert.deepEqual(
      findings(report).filter((f) => !f.includes(' cost.price_missing ')),
      [],
    );
    const byAddress = new Map(report.resources.map((r) => [r.address, r]));
    assert.equal(byAddress.get('module.eu.aws_sqs_queue.q')?.tags?.environment, 'staging');
    assert.equal(byAddress.get('module.eu.aws_sqs_queue.q')?.region, 'eu-west-1');
    assert.equal(byAddress.get('aws_sqs_queue.root')?.tags?.environment, 'prod');
  });

  it('reports a tag whose value is unknown until apply as tags.unknown, never missing or valid', async () => {
    const report = await check({
      resources: [
        {
          address: 'aws_instance.web',
          after: { tags: { 'cost-center': 'CC-1234', environment: 'dev' } },
          after_unknown: { tags: { team: true }, tags_all: true },
        },
      ],
    });
    assert.deepEqual(findings(report), [
      'warn tags.unknown aws_instance.web: tag "team" is known only after apply, so it cannot be checked yet',
    ]);
    assert.equal(report.verdict, 'warn');
  });

  it('reports every required tag as unknown when the whole tags map is computed', async () => {
    const report = await check({
      resources: [{ address: 'aws_instance.web', after: {}, after_unknown: { tags: true, tags_all: true } }],
    });
    // `tags` absent from after but unknown: the type supports tags; no key can be called missing.
    assert.equal(report.findings.length, 0, 'a resource with no tags key in after is not taggable');
    const taggable = await check({
      resources: [
        { address: 'aws_instance.web', after: { tags: null }, after_unknown: { tags: true, tags_all: true } },
      ],
    });
    assert.deepEqual(
      findings(taggable).map((f) => f.split(':')[0]),
      [
        'warn tags.unknown aws_instance.web',
        'warn tags.unknown aws_instance.web',
        'warn tags.unknown aws_instance.web',
      ],
    );
  });

  it('reports default_tags it cannot resolve once, on the provider, not on every resource', async () => {
    const report = await check({
      resources: [
        { address: 'aws_instance.a', after: { tags: { team: 'search' } }, after_unknown: { tags_all: true } },
        { address: 'aws_instance.b', after: { tags: { team: 'search' } }, after_unknown: { tags_all: true } },
      ],
      providers: { aws: awsProvider({ defaultTags: { references: ['local.common_tags'] } }) },
    });
    assert.deepEqual(findings(report), [
      'warn tags.unknown provider.aws: default_tags of provider "aws" are not a constant in the plan, so required tags they may add cannot be checked on 2 resources whose tags_all is unknown until apply',
    ]);
  });

  it('only checks types that support tags: the key present in after, even as null', async () => {
    const report = await check({
      resources: [
        { address: 'aws_iam_role_policy_attachment.a', after: { role: 'r', policy_arn: 'arn' } },
        { address: 'aws_sqs_queue.q', after: { name: 'q', tags: null, tags_all: {} } },
      ],
    });
    assert.deepEqual(
      findings(report).map((f) => f.split(':')[0]),
      [
        'block tags.required aws_sqs_queue.q',
        'block tags.required aws_sqs_queue.q',
        'warn tags.required aws_sqs_queue.q',
      ],
    );
    assert.equal(report.summary.checked, 1);
    const attachment = report.resources.find(
      (r: { address: string }) => r.address === 'aws_iam_role_policy_attachment.a',
    );
    assert.equal(attachment?.taggable, false);
    assert.equal(attachment?.tags, null);
  });

  it('checks autoscaling group tag blocks, which default_tags do not reach', async () => {
    const report = await check({
      resources: [
        {
          address: 'aws_autoscaling_group.workers',
          after: {
            tag: [
              { key: 'team', value: 'search', propagate_at_launch: true },
              { key: 'environment', value: 'dev', propagate_at_launch: true },
            ],
          },
        },
      ],
      providers: { aws: awsProvider({ defaultTags: { 'cost-center': 'CC-1234' } }) },
    });
    assert.deepEqual(findings(report), [
      'warn tags.required aws_autoscaling_group.workers: missing required tag "cost-center"',
    ]);
    assert.match(
      report.findings[0]?.fix ?? '',
      /tag \{ key = "cost-center".*default_tags do not reach autoscaling groups/,
    );
  });

  it('treats an empty value as missing and finds keys that differ only in case', async () => {
    const report = await check({
      resources: [
        {
          address: 'aws_s3_bucket.b',
          after: { tags: { Team: 'payments', 'cost-center': '', environment: ' ' } },
        },
      ],
    });
    assert.deepEqual(findings(report), [
      'block tags.required aws_s3_bucket.b: missing required tag "team" (found "Team": tag keys are case- and spelling-sensitive)',
      'block tags.required aws_s3_bucket.b: required tag "environment" is empty',
      'warn tags.required aws_s3_bucket.b: required tag "cost-center" is empty',
    ]);
    assert.equal(report.findings[0]?.fix, 'Rename tag "Team" to "team".');
  });

  it('anchors patterns: the whole value must match', async () => {
    const values = ['CC-1234', 'xCC-1234', 'CC-12345', 'cc-1234'];
    const report = await check({
      resources: values.map((v, i) => ({
        address: `aws_s3_bucket.b${i}`,
        after: { tags: { ...GOOD, 'cost-center': v } },
      })),
    });
    assert.deepEqual(findings(report), [
      'warn tags.pattern aws_s3_bucket.b1: tag "cost-center" is "xCC-1234", which does not match CC-[0-9]{4}',
      'warn tags.pattern aws_s3_bucket.b2: tag "cost-center" is "CC-12345", which does not match CC-[0-9]{4}',
      'warn tags.pattern aws_s3_bucket.b3: tag "cost-center" is "cc-1234", which does not match CC-[0-9]{4}',
    ]);
  });

  it('compares allowed values case-insensitively only when asked', async () => {
    const report = await check({
      resources: [
        { address: 'aws_s3_bucket.b', after: { tags: { ...GOOD, team: 'Payments', environment: 'PROD' } } },
      ],
    });
    assert.deepEqual(findings(report), [
      'block tags.allowed aws_s3_bucket.b: tag "team" is "Payments", which is not an allowed value',
    ]);
  });

  it('skips deletes and data sources, and unchanged resources unless --all', async () => {
    const spec: PlanSpec = {
      resources: [
        { address: 'aws_s3_bucket.gone', actions: ['delete'], before: { tags: {} } },
        { address: 'data.aws_s3_bucket.read', mode: 'data', actions: ['read'], after: { tags: {} } },
        { address: 'aws_s3_bucket.same', actions: ['no-op'], before: { tags: {} }, after: { tags: {} } },
        {
          address: 'aws_s3_bucket.changed',
          actions: ['update'],
          before: { tags: {} },
          after: { tags: GOOD },
        },
        {
          address: 'aws_s3_bucket.replaced',
          actions: ['delete', 'create'],
          before: { tags: GOOD },
          after: { tags: {} },
        },
      ],
    };
    const addresses = (r: Report) => [...new Set(r.findings.map((f) => f.address))];
    const report = await check(spec);
    assert.deepEqual(addresses(report), ['aws_s3_bucket.replaced']);
    assert.equal(report.summary.resources, 4, 'data source not counted');
    assert.deepEqual(addresses(await check(spec, ['--all'])), [
      'aws_s3_bucket.replaced',
      'aws_s3_bucket.same',
    ]);
  });

  it('uses sensitive values for the check but never prints them', async () => {
    const report = await check({
      resources: [
        {
          address: 'aws_s3_bucket.b',
          after: { tags: { ...GOOD, team: 'sekrit-team' }, tags_all: { ...GOOD, team: 'sekrit-team' } },
          after_sensitive: { tags: { team: true }, tags_all: { team: true } },
        },
      ],
    });
    assert.deepEqual(findings(report), [
      'block tags.allowed aws_s3_bucket.b: tag "team" is (sensitive value), which is not an allowed value',
    ]);
    assert.doesNotMatch(JSON.stringify(report), /sekrit/);
  });

  it('keeps module, count and for_each addresses in findings', async () => {
    const report = await check({
      resources: [
        { address: 'module.app["eu"].aws_s3_bucket.b[0]', after: { tags: { ...GOOD, team: 'nope' } } },
        { address: 'module.a.module.b.aws_sqs_queue.q["x.y"]', after: { tags: { ...GOOD, team: 'nope' } } },
      ],
    });
    assert.deepEqual(
      report.findings.map((f) => f.address),
      ['module.a.module.b.aws_sqs_queue.q["x.y"]', 'module.app["eu"].aws_s3_bucket.b[0]'],
    );
    assert.equal(report.resources[0]?.module, 'module.app["eu"]');
  });

  it('limits the check with applies_to and exclude globs', async () => {
    const policy = writePolicy(`
version: 1
tags:
  applies_to: ["aws_*", "!aws_iam_*"]
  exclude: [aws_cloudwatch_log_group]
  required: [{ key: team }]
`);
    const report = await check(
      {
        resources: [
          { address: 'aws_s3_bucket.b', after: { tags: {} } },
          { address: 'aws_iam_role.r', after: { tags: {} } },
          { address: 'aws_cloudwatch_log_group.l', after: { tags: {} } },
          { address: 'google_storage_bucket.g', after: { tags: {} } },
        ],
      },
      [],
      policy,
    );
    assert.deepEqual(findings(report), ['block tags.required aws_s3_bucket.b: missing required tag "team"']);
  });

  it('lets the policy decide what an unknown tag means', async () => {
    const spec: PlanSpec = {
      resources: [
        { address: 'aws_s3_bucket.b', after: { tags: {} }, after_unknown: { tags: { team: true } } },
      ],
    };
    const policyFor = (onUnknown: string) =>
      writePolicy(`version: 1\ntags:\n  on_unknown: ${onUnknown}\n  required: [{ key: team }]\n`);
    assert.deepEqual(
      findings(await check(spec, [], policyFor('block'))).map((f) => f.split(' ')[0]),
      ['block'],
    );
    assert.deepEqual(findings(await check(spec, [], policyFor('pass'))), []);
  });
});
