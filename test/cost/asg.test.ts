import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ResourceReport } from '../../src/model/report.ts';
import { checkJson, PLANS } from '../helpers/cli.ts';
import { writePolicy, type ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf } from './harness.ts';

// EC2 from data/pricing-facts/ec2-ondemand.json (2026-05-12); EBS and CloudWatch from services.json
// (us-east-1 2024-07-01 infracost goldens; eu-west-1 2023-02-23 AWS Price List dump).
const templateRef = (name: string, attribute = 'id') => ({
  references: [`aws_launch_template.${name}.${attribute}`, `aws_launch_template.${name}`],
});

describe('aws_autoscaling_group: the real terracost plan (eu-west-1, all three styles in a module)', () => {
  const fixture = async (): Promise<Map<string, ResourceReport>> => {
    const { report } = await checkJson([
      '--plan',
      join(PLANS, 'terracost-asg-launch-template-module.json'),
      '--policy',
      writePolicy('version: 1\n'),
      '--fail-on',
      'never',
    ]);
    return new Map(report.resources.map((r) => [r.address, r]));
  };

  it('follows launch_template[0].id.references to the template created in the same plan', async () => {
    const lt = (await fixture()).get('module.magento.aws_autoscaling_group.lt');
    assert.ok(lt);
    // t3.large from module.magento.aws_launch_template.foobar, desired_capacity 2 — but the template
    // asks for dedicated tenancy, which the catalog does not price.
    const instance = component(lt, /^Instance \(Linux on-demand, t3\.large\) × 2$/);
    assert.equal(instance.state, 'not-priced');
    assert.match(instance.reason ?? '', /^dedicated tenancy is not in the catalog/);
    const volume = component(lt, /^Volume \/dev\/sda1 storage × 2$/);
    assert.equal(volume.state, 'unknown');
    assert.equal(
      volume.reason,
      "module.magento.aws_launch_template.foobar.block_device_mappings[0].ebs[0].volume_type is not set: /dev/sda1 is usually the AMI's root device, whose type the AMI chooses",
    );
  });

  it('follows launch_configuration.references, with its monitoring default', async () => {
    const lc = (await fixture()).get('module.magento.aws_autoscaling_group.lc');
    assert.ok(lc);
    assert.equal(component(lc, /^Instance \(Linux on-demand, m4\.large\) × 3$/).state, 'not-priced'); // dedicated
    assertMoney(component(lc, /^Detailed monitoring \(7 metrics per instance\) × 3$/).monthly_cost, 6.3); // 21 × 0.30
    assert.equal(component(lc, /^Root volume storage × 3$/).state, 'unknown');
  });

  it('prices a mixed policy by its first override and weighted capacity, through the template name', async () => {
    const mixed = (await fixture()).get('module.magento.aws_autoscaling_group.mixed');
    assert.ok(mixed);
    // desired 3 units, base 2, the rest on-demand by default: 3 on-demand units; c4.large weighs 3,
    // so one instance. Tenancy is the template's: dedicated.
    assert.equal(component(mixed, /^Instance \(Linux on-demand, c4\.large\) × 1$/).state, 'not-priced');
    assert.equal(component(mixed, /^Volume \/dev\/sda1 storage × 1$/).state, 'unknown');
    assert.equal(
      mixed.components.some((c) => /spot/.test(c.name)),
      false,
    );
  });
});

describe('aws_autoscaling_group', () => {
  const template = (address: string, after: Record<string, unknown>): ChangeSpec => ({
    address,
    after,
    after_unknown: { id: true, name: true, arn: true, latest_version: true },
  });

  it('multiplies instance hours, volumes and monitoring by desired_capacity', async () => {
    const r = await costOf(
      {
        resources: [
          template('aws_launch_template.web', {
            instance_type: 'm5.large',
            block_device_mappings: [
              { device_name: '/dev/xvda', ebs: [{ volume_type: 'gp3', volume_size: 50 }] },
            ],
            monitoring: [{ enabled: true }],
          }),
          {
            address: 'aws_autoscaling_group.web',
            after: {
              desired_capacity: 4,
              min_size: 1,
              max_size: 8,
              launch_template: [{ version: '$Latest' }],
            },
            after_unknown: { launch_template: [{ id: true, name: true }] },
            expressions: { launch_template: [{ id: templateRef('web') }] },
          },
        ],
      },
      'aws_autoscaling_group.web',
    );
    assertMoney(component(r, /^Instance \(Linux on-demand, m5\.large\) × 4$/).monthly_cost, 280.32); // 4 × 730 × 0.096
    const volume = component(r, /^Volume \/dev\/xvda storage \(general purpose SSD, gp3\) × 4$/);
    assert.equal(volume.monthly_quantity, 200); // 4 × 50 GB
    assertMoney(volume.monthly_cost, 16); // 200 × 0.08
    const monitoring = component(r, /^Detailed monitoring/);
    assert.equal(monitoring.unit, 'metric-months'); // 28 metrics for a month, not 28 months
    assertMoney(monitoring.monthly_cost, 8.4); // 4 × 7 × 0.30
    assert.equal(r.status, 'priced');
    assertMoney(r.monthly_after, 304.72);
  });

  it('finds the template of its own count instance inside a module', async () => {
    const r = await costOf(
      {
        resources: [
          template('module.app.aws_launch_template.web[0]', {
            instance_type: 't3.micro',
            block_device_mappings: [],
          }),
          template('module.app.aws_launch_template.web[1]', {
            instance_type: 'c5.large',
            block_device_mappings: [
              { device_name: '/dev/xvda', ebs: [{ volume_type: 'gp2', volume_size: 8 }] },
            ],
          }),
          {
            address: 'module.app.aws_autoscaling_group.web[1]',
            after: {
              desired_capacity: 2,
              min_size: 2,
              max_size: 2,
              launch_template: [{ version: '$Latest' }],
            },
            after_unknown: { launch_template: [{ id: true, name: true }] },
            expressions: {
              launch_template: [{ id: { references: ['aws_launch_template.web', 'count.index'] } }],
            },
          },
        ],
      },
      'module.app.aws_autoscaling_group.web[1]',
    );
    assertMoney(component(r, /^Instance \(Linux on-demand, c5\.large\) × 2$/).monthly_cost, 124.1); // 2 × 730 × 0.085
    assertMoney(component(r, /^Volume \/dev\/xvda/).monthly_cost, 1.6); // 16 × 0.10
  });

  it('an unset desired_capacity is min_size (AWS starts the group there)', async () => {
    const r = await costOf(
      {
        resources: [
          template('aws_launch_template.w', { instance_type: 't3.micro', block_device_mappings: [] }),
          {
            address: 'aws_autoscaling_group.w',
            after: { min_size: 2, max_size: 5, launch_template: [{ version: '1' }] },
            after_unknown: { desired_capacity: true, launch_template: [{ id: true, name: true }] },
            expressions: { launch_template: [{ name: templateRef('w', 'name') }] },
          },
        ],
      },
      'aws_autoscaling_group.w',
    );
    assertMoney(component(r, /^Instance \(Linux on-demand, t3\.micro\) × 2$/).monthly_cost, 15.184); // 2 × 730 × 0.0104
  });

  it('a desired_capacity from an expression known only after apply is unknown, not zero', async () => {
    const r = await costOf(
      {
        resources: [
          template('aws_launch_template.w', { instance_type: 't3.micro', block_device_mappings: [] }),
          {
            address: 'aws_autoscaling_group.w',
            after: { min_size: 1, max_size: 5, launch_template: [{ version: '1' }] },
            after_unknown: { desired_capacity: true, launch_template: [{ id: true, name: true }] },
            expressions: {
              desired_capacity: { references: ['aws_ssm_parameter.size.value'] },
              launch_template: [{ id: templateRef('w') }],
            },
          },
        ],
      },
      'aws_autoscaling_group.w',
    );
    const instance = component(r, /^Instance \(Linux on-demand, t3\.micro\)$/);
    assert.equal(instance.state, 'unknown');
    assert.equal(instance.reason, 'desired_capacity is known only after apply');
    assert.equal(instance.monthly_cost, null);
    assert.equal(r.status, 'partial');
  });

  it('a desired capacity in vCPUs is not an instance count', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_autoscaling_group.abs',
          after: {
            desired_capacity: 64,
            desired_capacity_type: 'vcpu',
            min_size: 0,
            max_size: 128,
            launch_template: [{ id: 'lt-1', version: '1' }],
          },
        },
        {
          address: 'aws_launch_template.abs',
          actions: ['no-op'],
          before: { id: 'lt-1', instance_type: 'm5.large', block_device_mappings: [] },
          after: { id: 'lt-1', instance_type: 'm5.large', block_device_mappings: [] },
        },
      ],
    });
    const instance = component(r, /^Instance \(Linux on-demand, m5\.large\)$/);
    assert.equal(instance.state, 'unknown');
    assert.equal(
      instance.reason,
      'desired_capacity is in vcpu, not instances: the instance count is chosen at launch',
    );
  });

  it('a launch configuration that exists, matched by its name, with root and EBS devices', async () => {
    const lc = {
      name: 'web-lc-1',
      instance_type: 'm5.large',
      enable_monitoring: false,
      root_block_device: [{ volume_type: 'gp3', volume_size: 30 }],
      ebs_block_device: [{ device_name: '/dev/sdf', volume_size: 100 }],
    };
    const r = await costOf(
      {
        region: 'eu-west-1',
        resources: [
          { address: 'aws_launch_configuration.web', actions: ['no-op'], before: lc, after: lc },
          {
            address: 'aws_autoscaling_group.web',
            after: { desired_capacity: 2, min_size: 1, max_size: 4, launch_configuration: 'web-lc-1' },
          },
        ],
      },
      'aws_autoscaling_group.web',
    );
    assertMoney(component(r, /^Instance \(Linux on-demand, m5\.large\) × 2$/).monthly_cost, 156.22); // 2 × 730 × 0.107
    assertMoney(component(r, /^Root volume storage \(general purpose SSD, gp3\) × 2$/).monthly_cost, 5.28); // 60 × 0.088
    assertMoney(
      component(r, /^EBS volume \/dev\/sdf storage \(general purpose SSD, gp2\) × 2$/).monthly_cost,
      22,
    ); // 200 × 0.11
    assertMoney(r.monthly_after, 183.5);
  });

  it('names a template that is not in the plan, or a reference that leads nowhere', async () => {
    const outside = await costOf({
      resources: [
        {
          address: 'aws_autoscaling_group.a',
          after: {
            desired_capacity: 1,
            min_size: 1,
            max_size: 1,
            launch_template: [{ id: 'lt-0123', version: '$Latest' }],
          },
        },
      ],
    });
    const a = component(outside, /^Instance/);
    assert.equal(a.state, 'unknown');
    assert.equal(
      a.reason,
      'launch template "lt-0123" (launch_template[0].id) is not in this plan, so its settings cannot be read',
    );
    const dangling = await costOf({
      resources: [
        {
          address: 'aws_autoscaling_group.b',
          after: { desired_capacity: 1, min_size: 1, max_size: 1, launch_template: [{ version: '$Latest' }] },
          after_unknown: { launch_template: [{ id: true, name: true }] },
          expressions: { launch_template: [{ id: templateRef('gone') }] },
        },
      ],
    });
    assert.equal(
      component(dangling, /^Instance/).reason,
      'launch_template[0].id refers to aws_launch_template.gone.id, which is not a resource in this plan',
    );
  });

  it('mixed policy: on-demand base and percentage, spot remainder named as not priced', async () => {
    const r = await costOf(
      {
        resources: [
          template('aws_launch_template.mix', {
            instance_type: 't3.micro',
            block_device_mappings: [
              { device_name: '/dev/xvda', ebs: [{ volume_type: 'gp3', volume_size: 10 }] },
            ],
          }),
          {
            address: 'aws_autoscaling_group.mix',
            after: {
              desired_capacity: 11,
              min_size: 2,
              max_size: 20,
              mixed_instances_policy: [
                {
                  instances_distribution: [
                    { on_demand_base_capacity: 2, on_demand_percentage_above_base_capacity: 50 },
                  ],
                  launch_template: [
                    {
                      launch_template_specification: [{ version: '$Latest' }],
                      override: [{ instance_type: 'm5.large' }, { instance_type: 'c5.large' }],
                    },
                  ],
                },
              ],
            },
            after_unknown: {
              mixed_instances_policy: [
                {
                  instances_distribution: [{ on_demand_allocation_strategy: true }],
                  launch_template: [
                    {
                      launch_template_specification: [
                        { launch_template_id: true, launch_template_name: true },
                      ],
                    },
                  ],
                },
              ],
            },
            expressions: {
              mixed_instances_policy: [
                {
                  launch_template: [
                    { launch_template_specification: [{ launch_template_name: templateRef('mix', 'name') }] },
                  ],
                },
              ],
            },
          },
        ],
      },
      'aws_autoscaling_group.mix',
    );
    // 2 base + 50% of the other 9 = 4.5, rounded up in favour of on-demand: 7 on-demand m5.large (the
    // first override), 4 spot.
    assertMoney(component(r, /^Instance \(Linux on-demand, m5\.large\) × 7$/).monthly_cost, 490.56); // 7 × 730 × 0.096
    const spot = component(r, /^Instance \(Linux spot, m5\.large\) × 4$/);
    assert.equal(spot.state, 'not-priced');
    assert.equal(spot.reason, 'spot prices are not in the catalog (it holds on-demand prices)');
    assertMoney(component(r, /^Volume \/dev\/xvda storage .* × 11$/).monthly_cost, 8.8); // 11 × 10 × 0.08
    assert.equal(r.status, 'partial');
  });

  it('mixed policy: weights turn capacity units into instances; lowest-price is not priced', async () => {
    const group = (distribution: Record<string, unknown>): ChangeSpec => ({
      address: 'aws_autoscaling_group.w',
      after: {
        desired_capacity: 12,
        min_size: 0,
        max_size: 24,
        mixed_instances_policy: [
          {
            instances_distribution: [distribution],
            launch_template: [
              {
                launch_template_specification: [{ launch_template_id: 'lt-1', version: '1' }],
                override: [
                  { instance_type: 'm5.xlarge', weighted_capacity: '2' },
                  { instance_type: 'm5.large', weighted_capacity: '1' },
                ],
              },
            ],
          },
        ],
      },
    });
    const existing = { id: 'lt-1', name: 'w', instance_type: 't3.micro', block_device_mappings: [] };
    const lt: ChangeSpec = {
      address: 'aws_launch_template.w',
      actions: ['no-op'],
      before: existing,
      after: existing,
    };
    const weighted = await costOf(
      {
        resources: [lt, group({ on_demand_base_capacity: 0, on_demand_percentage_above_base_capacity: 100 })],
      },
      'aws_autoscaling_group.w',
    );
    // 12 units / weight 2 = 6 m5.xlarge.
    assertMoney(component(weighted, /^Instance \(Linux on-demand, m5\.xlarge\) × 6$/).monthly_cost, 840.96); // 6 × 730 × 0.192
    const lowest = await costOf(
      { resources: [lt, group({ on_demand_allocation_strategy: 'lowest-price' })] },
      'aws_autoscaling_group.w',
    );
    const line = component(lowest, /^Instance \(m5\.xlarge\) × 6$/);
    assert.equal(line.state, 'not-priced');
    assert.match(line.reason ?? '', /lowest-price on-demand strategy picks the cheapest override/);
  });

  it('prices before and after a resize, and a delete together with its template', async () => {
    const lt = { id: 'lt-9', name: 'api', instance_type: 'm5.large', block_device_mappings: [] };
    const resize = await costOf(
      {
        resources: [
          { address: 'aws_launch_template.api', actions: ['no-op'], before: lt, after: lt },
          {
            address: 'aws_autoscaling_group.api',
            actions: ['update'],
            before: {
              desired_capacity: 2,
              min_size: 1,
              max_size: 9,
              launch_template: [{ id: 'lt-9', version: '1' }],
            },
            after: {
              desired_capacity: 5,
              min_size: 1,
              max_size: 9,
              launch_template: [{ id: 'lt-9', version: '1' }],
            },
          },
        ],
      },
      'aws_autoscaling_group.api',
    );
    assertMoney(resize.monthly_before, 140.16); // 2 × 730 × 0.096
    assertMoney(resize.monthly_after, 350.4); // 5 × 730 × 0.096
    assertMoney(resize.monthly_delta, 210.24);
    const gone = await costOf(
      {
        resources: [
          { address: 'aws_launch_template.api', actions: ['delete'], before: lt },
          {
            address: 'aws_autoscaling_group.api',
            actions: ['delete'],
            before: {
              desired_capacity: 2,
              min_size: 1,
              max_size: 9,
              launch_template: [{ id: 'lt-9', version: '1' }],
            },
          },
        ],
      },
      'aws_autoscaling_group.api',
    );
    assertMoney(gone.monthly_before, 140.16);
    assertMoney(gone.monthly_delta, -140.16);
  });
});
