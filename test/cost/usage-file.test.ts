import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../src/model/report.ts';
import { PLANS, runCli } from '../helpers/cli.ts';
import { writePolicy, writeTemp } from '../helpers/plan.ts';

const NO_TAGS = writePolicy('version: 1\n');
const PLAN = join(PLANS, 'infracost-example-ec2-lambda-s3.json');

const check = (usage: string, extra: string[] = []) =>
  runCli([
    'check',
    '--plan',
    PLAN,
    '--policy',
    NO_TAGS,
    '--format',
    'json',
    '--usage',
    writeTemp('usage.yml', usage),
    ...extra,
  ]);

// infracost's own usage file for its ec2-lambda-s3 example: nested S3 storage classes, string
// reserved-instance settings.
const INFRACOST = [
  'version: 0.1',
  'resource_usage:',
  '  aws_lambda_function.hello_world:',
  '    monthly_requests: 100000000',
  '    request_duration_ms: 250',
  '  aws_s3_bucket.usage:',
  '    standard:',
  '      storage_gb: 10000',
  '      monthly_tier_1_requests: 1000000',
  '    object_tags: [a, b]',
  '  aws_instance.web_app:',
  '    operating_system: linux',
  '    reserved_instance_type: standard',
  '    reserved_instance_term: 1_year',
  '',
].join('\n');

describe('usage file values', () => {
  it('an infracost usage file loads: the keys tollgate does not read are warnings at their line, exit 0', async () => {
    const r = await check(INFRACOST, ['--fail-on', 'block']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    const unknown = report.findings.filter((f) => f.rule === 'usage.unknown_key');
    const by = new Map(unknown.map((f) => [f.address, f]));
    const s3 = by.get('resource_usage["aws_s3_bucket.usage"]');
    assert.match(s3?.message ?? '', /"standard", "object_tags" are not read for aws_s3_bucket/);
    assert.match(s3?.fix ?? '', /storage_gb/);
    assert.equal(s3?.source?.line, 6);
    assert.equal(s3?.severity, 'warn');
    const ec2 = by.get('resource_usage["aws_instance.web_app"]');
    assert.match(
      ec2?.message ?? '',
      /"operating_system", "reserved_instance_type", "reserved_instance_term"/,
    );
    assert.equal(ec2?.source?.line, 11);
    assert.equal(unknown.length, 2);
    // What tollgate does read is used.
    const lambda = report.resources.find((x) => x.address === 'aws_lambda_function.hello_world');
    assert.equal(lambda?.components.find((c) => c.name.startsWith('Requests'))?.monthly_quantity, 100);
  });

  it('a key tollgate reads must be a number: exit 2 at its line, whatever other keys hold', async () => {
    // storage_gb is read for S3 buckets, not for instances: there it is another tool's key.
    const elsewhere = await check(
      'version: 1\nresource_usage:\n  aws_instance.web_app: { storage_gb: lots }\n',
      ['--fail-on', 'block'],
    );
    assert.equal(elsewhere.code, 0, elsewhere.stderr);
    assert.match(
      (JSON.parse(elsewhere.stdout) as Report).findings.find((f) => f.rule === 'usage.unknown_key')
        ?.message ?? '',
      /"storage_gb" is not read for aws_instance/,
    );
    const r = await check(
      [
        'version: 1',
        'resource_usage:',
        '  aws_s3_bucket.usage:',
        '    standard: { storage_gb: 1 }',
        '    storage_gb: lots',
        '    monthly_tier_1_requests: -5',
        '',
      ].join('\n'),
    );
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /usage\.yml:5: resource_usage\.aws_s3_bucket\.usage\.storage_gb must be a number, not a string \("lots"\) \(and 1 more problem\)\n$/,
    );
  });

  it("monthly hours above 730 are an input error: tollgate's month is the 730-hour average", async () => {
    const r = await check(
      [
        'version: 1',
        'monthly_hours:',
        '  resources:',
        '    aws_instance.web_app: 730',
        '    aws_instance.zero_cost_instance: 744',
        '',
      ].join('\n'),
    );
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /usage\.yml:5: monthly_hours\.resources\.aws_instance\.zero_cost_instance is 744, more than the 730 hours of tollgate's month \(the average month, 8,760 hours a year \/ 12: 730 is always on\)\n$/,
    );
    const byTag = await check(
      'version: 1\nmonthly_hours:\n  tags:\n    environment: { dev: 200, prod: 744 }\n',
    );
    assert.equal(byTag.code, 2);
    assert.match(byTag.stderr, /usage\.yml:4: monthly_hours\.tags\.environment\.prod is 744/);
    const always = await check('version: 1\nmonthly_hours:\n  resources:\n    aws_instance.web_app: 730\n');
    assert.equal(always.code, 0, always.stderr);
  });
});
