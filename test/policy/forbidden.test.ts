import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { checkPolicy, instance, linesOf, refusal } from '../helpers/policy.ts';

const forbidden = (body: string) => `version: 1\nforbidden:\n  - name: f\n${body}`;

describe('forbidden instance types, wherever each type keeps them', () => {
  const everywhere: ChangeSpec[] = [
    instance('aws_instance.gpu', 'p4d.24xlarge'),
    instance('aws_instance.cpu', 'm5.large'),
    { address: 'aws_eks_node_group.ng', after: { instance_types: ['m5.large', 'g5.xlarge'], tags: {} } },
    { address: 'aws_launch_template.lt', after: { instance_type: 'p5.48xlarge', tags: {} } },
    { address: 'aws_launch_configuration.lc', after: { instance_type: 'g4dn.xlarge' } },
    {
      address: 'aws_autoscaling_group.asg',
      after: {
        mixed_instances_policy: [
          {
            launch_template: [{ override: [{ instance_type: 'm5.large' }, { instance_type: 'g5.2xlarge' }] }],
          },
        ],
      },
    },
    { address: 'aws_db_instance.db', after: { instance_class: 'db.g5.xlarge', tags: {} } },
    { address: 'aws_rds_cluster_instance.aurora', after: { instance_class: 'db.r6g.large', tags: {} } },
    { address: 'aws_elasticache_cluster.cache', after: { node_type: 'cache.g5.large', tags: {} } },
    {
      address: 'aws_opensearch_domain.search',
      after: {
        cluster_config: [{ instance_type: 'r6g.large.search', dedicated_master_type: 'g5.search' }],
        tags: {},
      },
    },
  ];

  it('finds them in instances, node groups, launch templates and configurations, ASG overrides, databases, caches, search', async () => {
    const { report } = await checkPolicy(
      forbidden(
        '    instance_types: ["p4d.*", "p5.*", "g*", "db.g*", "cache.g*"]\n    message: GPU capacity needs a review\n',
      ),
      everywhere,
    );
    assert.deepEqual(linesOf(report, 'forbidden.'), [
      'block forbidden.f aws_autoscaling_group.asg: instance type "g5.2xlarge" is forbidden: GPU capacity needs a review',
      'block forbidden.f aws_db_instance.db: instance type "db.g5.xlarge" is forbidden: GPU capacity needs a review',
      'block forbidden.f aws_eks_node_group.ng: instance type "g5.xlarge" is forbidden: GPU capacity needs a review',
      'block forbidden.f aws_elasticache_cluster.cache: instance type "cache.g5.large" is forbidden: GPU capacity needs a review',
      'block forbidden.f aws_instance.gpu: instance type "p4d.24xlarge" is forbidden: GPU capacity needs a review',
      'block forbidden.f aws_launch_configuration.lc: instance type "g4dn.xlarge" is forbidden: GPU capacity needs a review',
      'block forbidden.f aws_launch_template.lt: instance type "p5.48xlarge" is forbidden: GPU capacity needs a review',
      'block forbidden.f aws_opensearch_domain.search: instance type "g5.search" is forbidden: GPU capacity needs a review',
    ]);
  });

  it('negated globs exclude: every m5 but m5.large', async () => {
    const { report } = await checkPolicy(
      forbidden('    instance_types: ["m5.*", "!m5.large"]\n    severity: warn\n'),
      [
        instance('aws_instance.a', 'm5.large'),
        instance('aws_instance.b', 'm5.xlarge'),
        {
          address: 'aws_eks_node_group.ng',
          after: { instance_types: ['m5.large', 'm5.2xlarge', 'm5.4xlarge'], tags: {} },
        },
      ],
    );
    assert.deepEqual(linesOf(report, 'forbidden.'), [
      'warn forbidden.f aws_eks_node_group.ng: instance types "m5.2xlarge", "m5.4xlarge" are forbidden (f)',
      'warn forbidden.f aws_instance.b: instance type "m5.xlarge" is forbidden (f)',
    ]);
  });

  it('an instance type known only after apply is undecidable, as on_unknown says', async () => {
    const unknown = instance('aws_instance.u', 'm5.large', { after_unknown: { instance_type: true } });
    const node = {
      address: 'aws_eks_node_group.ng',
      after: { tags: {} },
      after_unknown: { instance_types: true },
    };
    const warned = await checkPolicy(forbidden('    instance_types: ["p4d.*"]\n'), [unknown, node]);
    assert.deepEqual(linesOf(warned.report, 'forbidden.'), [
      'warn (indeterminate) forbidden.f aws_eks_node_group.ng: cannot be decided whether f forbids it: instance_types is known only after apply',
      'warn (indeterminate) forbidden.f aws_instance.u: cannot be decided whether f forbids it: instance_type is known only after apply',
    ]);
    const blocked = await checkPolicy(forbidden('    instance_types: ["p4d.*"]\n    on_unknown: block\n'), [
      unknown,
    ]);
    assert.equal(blocked.report.verdict, 'block');
    const passed = await checkPolicy(forbidden('    instance_types: ["p4d.*"]\n    on_unknown: pass\n'), [
      unknown,
    ]);
    assert.deepEqual(linesOf(passed.report, 'forbidden.'), []);
  });

  it('a constant the configuration writes is known even where the plan marks the attribute computed', async () => {
    const { report } = await checkPolicy(forbidden('    instance_types: ["p4d.*"]\n'), [
      {
        ...instance('aws_instance.c', 'p4d.24xlarge', { after_unknown: { instance_type: true } }),
        expressions: { instance_type: { constant_value: 'p4d.24xlarge' } },
      },
    ]);
    assert.deepEqual(linesOf(report, 'forbidden.'), [
      'block forbidden.f aws_instance.c: instance type "p4d.24xlarge" is forbidden (f)',
    ]);
  });
});

describe('forbidden regions and resource types', () => {
  it('regions with negation: everything outside the EU', async () => {
    const policy = forbidden('    regions: ["!eu-*"]\n');
    const us = await checkPolicy(policy, [instance('aws_instance.a', 'm5.large')]);
    assert.deepEqual(linesOf(us.report, 'forbidden.'), [
      'block forbidden.f aws_instance.a: region "us-east-1" is forbidden (f)',
    ]);
    const eu = await checkPolicy(policy, [instance('aws_instance.a', 'm5.large')], [], {
      providers: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
    });
    assert.deepEqual(linesOf(eu.report, 'forbidden.'), []);
  });

  it('an AWS resource whose region is not known is undecidable unless pricing.default_region says', async () => {
    const noRegion = { providers: { aws: { name: 'aws', expressions: {} } } };
    const unknown = await checkPolicy(
      forbidden('    regions: ["!eu-*"]\n'),
      [instance('aws_instance.a', 'm5.large'), { address: 'random_id.r', after: {} }],
      [],
      noRegion,
    );
    assert.deepEqual(linesOf(unknown.report, 'forbidden.'), [
      'warn (indeterminate) forbidden.f aws_instance.a: cannot be decided whether f forbids it: its region is not known (give the provider a constant region, or set pricing.default_region in the policy)',
    ]);
    const defaulted = await checkPolicy(
      `version: 1\npricing:\n  default_region: us-west-2\nforbidden:\n  - name: f\n    regions: ["!eu-*"]\n`,
      [instance('aws_instance.a', 'm5.large')],
      [],
      noRegion,
    );
    assert.deepEqual(linesOf(defaulted.report, 'forbidden.'), [
      'block forbidden.f aws_instance.a: region "us-west-2" (pricing.default_region) is forbidden (f)',
    ]);
  });

  it('resource types, and criteria together: an entry forbids what matches all of them', async () => {
    const resources = [
      instance('aws_instance.a', 'm5.large'),
      { address: 'aws_elb.classic', after: { tags: {} } },
      { address: 'aws_lb.modern', after: { tags: {} } },
    ];
    const types = await checkPolicy(
      forbidden('    resource_types: ["aws_elb"]\n    severity: warn\n    fix: Use aws_lb.\n'),
      resources,
    );
    assert.deepEqual(linesOf(types.report, 'forbidden.'), [
      'warn forbidden.f aws_elb.classic: resource type aws_elb is forbidden (f)',
    ]);
    assert.equal(types.report.findings.find((f) => f.rule === 'forbidden.f')?.fix, 'Use aws_lb.');
    const both = await checkPolicy(
      forbidden('    resource_types: ["aws_instance"]\n    regions: ["us-*"]\n'),
      resources,
    );
    assert.deepEqual(linesOf(both.report, 'forbidden.'), [
      'block forbidden.f aws_instance.a: resource type aws_instance, region "us-east-1" is forbidden (f)',
    ]);
  });

  it('deleted resources are never checked; unchanged ones with --all', async () => {
    const gone = {
      address: 'aws_instance.old',
      actions: ['delete'],
      before: { instance_type: 'p4d.24xlarge', tags: {} },
    };
    const same = {
      ...instance('aws_instance.same', 'p4d.24xlarge'),
      actions: ['no-op'],
      before: { instance_type: 'p4d.24xlarge', tags: {} },
    };
    const policy = forbidden('    instance_types: ["p4d.*"]\n');
    assert.deepEqual(linesOf((await checkPolicy(policy, [gone, same])).report, 'forbidden.'), []);
    assert.deepEqual(linesOf((await checkPolicy(policy, [gone, same], ['--all'])).report, 'forbidden.'), [
      'block forbidden.f aws_instance.same: instance type "p4d.24xlarge" is forbidden (f)',
    ]);
  });

  it('an entry with nothing to look at in the run is reported as matching nothing', async () => {
    const { report } = await checkPolicy(
      'version: 1\nforbidden:\n  - name: no-elb\n    resource_types: ["aws_elbb"]\n  - name: no-gpu\n    instance_types: ["p4d.*"]\n',
      [{ address: 'aws_s3_bucket.b', after: { tags: {} } }],
    );
    assert.deepEqual(
      report.summary.policy.unmatched?.map((u) => `${u.kind} ${u.name}`),
      ['forbidden no-elb', 'forbidden no-gpu'],
    );
  });

  it('definitions that forbid nothing are refused with file and line', () => {
    assert.equal(
      refusal('version: 1\nforbidden:\n  - name: f\n    message: nothing\n'),
      'policies/team.yaml:3: forbidden[0] (f) forbids nothing: give resource_types, instance_types or regions',
    );
    assert.equal(
      refusal('version: 1\nforbidden:\n  - name: f\n    regions: []\n'),
      'policies/team.yaml:4: forbidden[0].regions is empty; list globs, or leave it out',
    );
    assert.equal(
      refusal('version: 1\nforbidden:\n  - name: f\n    instance_type: ["p4d.*"]\n'),
      'policies/team.yaml:4: unknown key "instance_type" in forbidden[0] (did you mean "instance_types"?)',
    );
  });
});
