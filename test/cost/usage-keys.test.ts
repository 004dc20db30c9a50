import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { costReport } from './harness.ts';

const resources: ChangeSpec[] = [
  { address: 'aws_lambda_function.api', after: { function_name: 'api', memory_size: 512 } },
  { address: 'aws_lambda_function.worker', after: { function_name: 'worker', memory_size: 512 } },
  { address: 'aws_sqs_queue.jobs', after: { name: 'jobs' } },
  { address: 'aws_vpc.main', after: { cidr_block: '10.0.0.0/16' } },
];

const usageFindings = async (usage: string, extraArgs: string[] = []) =>
  (await costReport({ resources, usage, extraArgs })).findings.filter((f) => f.rule === 'usage.unknown_key');

describe('usage file keys', () => {
  it('a misspelt key is a warning at its line, with the key it was probably meant to be', async () => {
    const findings = await usageFindings(
      [
        'version: 1',
        'resource_usage:',
        '  aws_lambda_function.api:',
        '    monthly_requests: 1000000',
        '    request_duration_msec: 120',
        '',
      ].join('\n'),
    );
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.severity, 'warn');
    assert.equal(f?.address, 'resource_usage["aws_lambda_function.api"]');
    assert.match(
      f?.message ?? '',
      /"request_duration_msec" \(did you mean "request_duration_ms"\?\) is not read for aws_lambda_function: ignored/,
    );
    assert.match(f?.fix ?? '', /monthly_requests, request_duration_ms/);
    assert.equal(f?.source?.line, 3);
    assert.match(f?.source?.file ?? '', /usage\.yml$/);
  });

  it('globs and type defaults are checked against the types they reach', async () => {
    const findings = await usageFindings(
      [
        'version: 1',
        'resource_usage:',
        '  "aws_lambda_function.*":',
        '    monthly_requests: 10',
        '    monthly_request: 10',
        'resource_type_default_usage:',
        '  aws_sqs_queue:',
        '    monthly_requests: 5',
        '    storage_gb: 1',
        '  aws_vpc:',
        '    monthly_data_processed_gb: 3',
        '  aws_mq_broker:',
        '    storage_gb: 3',
        '',
      ].join('\n'),
    );
    const by = new Map(findings.map((f) => [f.address, f.message]));
    assert.match(
      by.get('resource_usage["aws_lambda_function.*"]') ?? '',
      /"monthly_request" \(did you mean "monthly_requests"\?\)/,
    );
    assert.match(
      by.get('resource_type_default_usage.aws_sqs_queue') ?? '',
      /"storage_gb" is not read for aws_sqs_queue/,
    );
    assert.match(
      by.get('resource_type_default_usage.aws_vpc') ?? '',
      /aws_vpc is free: the usage values .* are not used/,
    );
    assert.match(
      by.get('resource_type_default_usage.aws_mq_broker') ?? '',
      /^tollgate does not price aws_mq_broker: the usage values in resource_type_default_usage\.aws_mq_broker are not used$/,
    );
    assert.equal(findings.length, 4);
  });

  it('keys that are read say nothing; the keys of entries matching no resource of the change are not checked', async () => {
    const findings = await usageFindings(
      [
        'version: 1',
        'resource_usage:',
        '  aws_lambda_function.api: { monthly_requests: 10, request_duration_ms: 100 }',
        '  aws_s3_bucket.elsewhere: { storage_gb_typo: 1 }',
        'resource_type_default_usage:',
        '  aws_sqs_queue: { monthly_requests: 5 }',
        '',
      ].join('\n'),
    );
    assert.deepEqual(findings, []);
  });

  it('with --no-cost the usage file is not read for costs, and not checked', async () => {
    const findings = await usageFindings(
      'version: 1\nresource_type_default_usage:\n  aws_sqs_queue: { nonsense: 1 }\n',
      ['--no-cost'],
    );
    assert.deepEqual(findings, []);
  });
});
