import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../src/errors.ts';
import { parseTerraformPlan } from '../../src/inputs/terraform-plan.ts';
import { PLANS } from '../helpers/cli.ts';
import { awsProvider, makePlan } from '../helpers/plan.ts';

function fixture(name: string) {
  return parseTerraformPlan(name, readFileSync(join(PLANS, name), 'utf8'));
}

function byAddress(name: string) {
  return new Map(fixture(name).resources.map((r) => [r.address, r]));
}

describe('terraform plan input: real plans', () => {
  it('reads nested modules three levels deep with count indexes, resolving the old provider key format', () => {
    const plan = fixture('infracost-nested-modules-v0.14.json');
    assert.equal(plan.meta.format_version, '0.1');
    assert.equal(plan.meta.terraform_version, '0.14.11');
    const db = plan.resources.find(
      (r) => r.address === 'module.db.module.db_1.module.db_instance.aws_db_instance.this[0]',
    );
    assert.ok(db);
    assert.equal(db.action, 'update');
    assert.equal(db.module, 'module.db.module.db_1.module.db_instance');
    assert.equal(db.provider, 'aws');
    // db_instance:aws has no configuration of its own; it inherits module.db's, which sets us-east-1.
    assert.equal(db.providerKey, 'module.db:aws');
    assert.equal(db.region, 'us-east-1');
    assert.ok(
      plan.resources.every((r) => !r.address.includes('data.')),
      'data sources are skipped',
    );
    assert.equal(plan.resources.filter((r) => r.action === 'create').length, 12);
  });

  it('maps every action, including both replace orders', () => {
    assert.equal(
      byAddress('checkov-replace-create-before-destroy.json').get('aws_secretsmanager_secret.default')
        ?.action,
      'replace',
    );
    assert.equal(
      byAddress('tfjson-replace-because-tainted.json').get('null_resource.example')?.action,
      'replace',
    );
    const mixed = fixture('tfcompliance-mixed-create-update-delete.json').resources;
    const counts = Object.fromEntries(
      ['create', 'update', 'delete', 'no-op'].map((a) => [a, mixed.filter((r) => r.action === a).length]),
    );
    assert.deepEqual(counts, { create: 5, update: 1, delete: 2, 'no-op': 7 });
    const deleted = mixed.find((r) => r.action === 'delete');
    assert.equal(deleted?.after, null);
    assert.notEqual(deleted?.before, null);
  });

  it('keeps for_each keys and module instance keys in addresses', () => {
    const foreach = fixture('checkov-default-tags-module-foreach.json').resources.map((r) => r.address);
    assert.ok(foreach.includes('module.poc.aws_iam_role.r1["p1"]'), foreach.join('\n'));
    assert.ok(foreach.every((a) => !a.includes('.data.')));
    const modules = fixture('tfcompliance-module-count-foreach.json').resources.map((r) => r.address);
    assert.ok(
      modules.some((a) => /^module\.[\w-]+\[\d\]\./.test(a)),
      'count-indexed module instances',
    );
    assert.ok(
      modules.some((a) => /^module\.[\w-]+\["[^"]+"\]\./.test(a)),
      'for_each module instances',
    );
  });

  it('takes the region from an aliased provider and from a module inheriting the root provider', () => {
    const r = byAddress('terracost-provider-alias-update.json');
    assert.equal(r.get('aws_lb.example')?.region, 'eu-west-3');
    assert.equal(r.get('aws_lb.example')?.providerKey, 'aws.paris');
    assert.equal(r.get('module.instance.aws_instance.example')?.region, 'us-east-1');
    assert.equal(r.get('module.instance.aws_instance.example')?.action, 'update');
  });

  it('resolves a provider region given by a root variable', () => {
    const r = byAddress('tfcompliance-nested-modules-asg-alb-update.json');
    assert.equal(r.get('module.alb.aws_alb.alb')?.region, 'us-east-1');
  });

  it('merges provider default_tags through tags_all', () => {
    const instance = byAddress('infracost-default-tags.json').get('aws_instance.web_app');
    assert.deepEqual(instance?.tags?.known, {
      DefaultNotOverride: 'defaultnotoverride',
      DefaultOverride: 'defaultoverride',
      foo: 'bar',
    });
  });

  it('reads autoscaling group tag blocks', () => {
    const asg = byAddress('tfcompliance-nested-modules-asg-alb-update.json').get(
      'module.myapp-asg.aws_autoscaling_group.asg',
    );
    assert.equal(asg?.tags?.carrier, 'asg-tag-blocks');
    assert.equal(asg?.tags?.known.business_unit, 'mybu');
  });

  it('keeps before, after and after_unknown, and the configuration block', () => {
    const lt = byAddress('terracost-asg-launch-template-module.json').get(
      'module.magento.aws_autoscaling_group.lt',
    );
    assert.deepEqual(lt?.afterUnknown && (lt.afterUnknown as Record<string, unknown>).launch_template, [
      { id: true, name: true },
    ]);
    assert.ok(lt?.config && 'expressions' in lt.config);
  });

  it('reads a full destroy plan: every resource deleted, none with after values', () => {
    const plan = fixture('tirith-destroy-with-modules.json');
    assert.ok(plan.resources.length >= 5);
    assert.ok(plan.resources.every((r) => r.action === 'delete' && r.after === null));
  });

  it('reads every fixture without error', () => {
    for (const name of [
      'checkov-terragoat-55-resources.json',
      'infracost-example-ec2-lambda-s3.json',
      'snyk-resource-changes-drift.json',
      'tfcompliance-vpc-registry-module.json',
    ]) {
      assert.ok(fixture(name).resources.length > 0, name);
    }
  });
});

describe('terraform plan input: what it refuses', () => {
  const refuse = (text: string, pattern: RegExp) =>
    assert.throws(
      () => parseTerraformPlan('plan.json', text),
      (err: unknown) => err instanceof InputError && pattern.test(err.message),
    );

  it('names the line of a JSON syntax error', () => {
    refuse(
      '{\n  "format_version": "1.2",\n  "resource_changes": [,]\n}',
      /^plan\.json:3:\d+: is not valid JSON/,
    );
  });
  it('rejects unsupported format versions', () => {
    refuse(
      JSON.stringify({ format_version: '2.0', resource_changes: [] }),
      /unsupported plan format_version "2\.0"/,
    );
  });
  it('rejects Terraform state', () => {
    refuse(
      JSON.stringify({ format_version: '1.0', terraform_version: '1.5.0', values: {} }),
      /is Terraform state, not a plan/,
    );
  });
  it('rejects JSON that is not a plan', () => {
    refuse('[1, 2]', /not a JSON object/);
    refuse('{"Resources": {}}', /no format_version/);
    refuse('{"format_version": "1.2"}', /no resource_changes/);
    refuse('{"format_version": "1.2", "resource_changes": {}}', /resource_changes is not a list/);
  });
  it('rejects unknown change actions instead of guessing', () => {
    const plan = makePlan({ resources: [{ address: 'aws_s3_bucket.b', actions: ['explode'] }] });
    refuse(JSON.stringify(plan), /aws_s3_bucket\.b: unknown change actions \[explode\]/);
  });
});

describe('terraform plan input: where a resource is', () => {
  const regionOfDeleted = (before: Record<string, unknown>, region?: string) =>
    parseTerraformPlan(
      'plan.json',
      JSON.stringify(
        makePlan({
          resources: [{ address: 'aws_ecs_service.api', actions: ['delete'], before, after: null }],
          providers: { aws: awsProvider(region === undefined ? {} : { region }) },
        }),
      ),
    ).resources[0]?.region;

  it('reads the region of an ARN kept in `id` when the provider names none', () => {
    assert.equal(
      regionOfDeleted({ id: 'arn:aws:ecs:eu-central-1:123456789012:service/main/api' }),
      'eu-central-1',
    );
    assert.equal(regionOfDeleted({ id: 'api' }), undefined);
  });

  it('knows the four-letter partitions, such as the European Sovereign Cloud', () => {
    assert.equal(regionOfDeleted({}, 'eusc-de-east-1'), 'eusc-de-east-1');
    assert.equal(regionOfDeleted({ availability_zone: 'eusc-de-east-1a' }), 'eusc-de-east-1');
  });

  it('reads the parent region of a Local or Wavelength Zone availability zone', () => {
    assert.equal(regionOfDeleted({ availability_zone: 'us-west-2-lax-1a' }), 'us-west-2');
    assert.equal(regionOfDeleted({ availability_zone: 'us-east-1-wl1-atl-wlz-1' }), 'us-east-1');
  });
});
