import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMoney, component, costOf } from './harness.ts';

// A value the plan marks unknown that the configuration does not set is AWS's default; one the
// configuration sets from something known only after apply stays unknown. Prices from
// services.json EBS (us-east-1 2024-07-01 infracost goldens): gp2 0.10, gp3 0.08, gp3 IOPS 0.005,
// gp3 throughput 0.04 a month; ec2-ondemand.json m5.large 0.096 and c5.large 0.085 an hour.
const constant = (value: unknown) => ({ constant_value: value });
const fromVariable = (name: string) => ({ references: [`var.${name}`] });

describe('gp3 IOPS and throughput left unset: the free baseline', () => {
  it('aws_ebs_volume: no extra line, priced', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_ebs_volume.v',
          after: { type: 'gp3', size: 100 },
          after_unknown: { iops: true, throughput: true },
          expressions: { type: constant('gp3'), size: constant(100) },
        },
      ],
    });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.monthly_cost]),
      [['Volume storage (general purpose SSD, gp3)', 8]], // 100 × 0.08
    );
    assert.equal(r.status, 'priced');
  });

  it('aws_ebs_volume: IOPS from a variable stay unknown, throughput left unset does not', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_ebs_volume.v',
          after: { type: 'gp3', size: 100 },
          after_unknown: { iops: true, throughput: true },
          expressions: { type: constant('gp3'), size: constant(100), iops: fromVariable('iops') },
        },
      ],
    });
    const iops = component(r, /provisioned IOPS above 3000/);
    assert.equal(iops.state, 'unknown');
    assert.equal(iops.reason, 'iops is known only after apply');
    assert.equal(
      r.components.some((c) => /throughput/.test(c.name)),
      false,
    );
    assert.equal(r.status, 'partial');
    assertMoney(r.monthly_after, 8);
  });

  it('aws_instance: the root and EBS block devices, matched to their configured block by device name', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_instance.i',
          after: {
            instance_type: 'm5.large',
            root_block_device: [{ volume_type: 'gp3', volume_size: 20 }],
            // The set's order in the plan is not the configuration's.
            ebs_block_device: [
              { device_name: '/dev/sdg', volume_type: 'gp3', volume_size: 100 },
              { device_name: '/dev/sdf', volume_type: 'gp3', volume_size: 50 },
            ],
          },
          after_unknown: {
            root_block_device: [{ iops: true, throughput: true }],
            ebs_block_device: [
              { iops: true, throughput: true },
              { iops: true, throughput: true },
            ],
          },
          expressions: {
            instance_type: constant('m5.large'),
            root_block_device: [{ volume_type: constant('gp3'), volume_size: constant(20) }],
            ebs_block_device: [
              {
                device_name: constant('/dev/sdf'),
                volume_type: constant('gp3'),
                volume_size: constant(50),
                iops: fromVariable('iops'),
              },
              { device_name: constant('/dev/sdg'), volume_type: constant('gp3'), volume_size: constant(100) },
            ],
          },
        },
      ],
    });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.state, c.monthly_cost]),
      [
        ['Instance (Linux on-demand, m5.large)', 'priced', 70.08], // 730 × 0.096
        ['Root volume storage (general purpose SSD, gp3)', 'priced', 1.6], // 20 × 0.08
        ['EBS volume /dev/sdg storage (general purpose SSD, gp3)', 'priced', 8], // 100 × 0.08
        ['EBS volume /dev/sdf storage (general purpose SSD, gp3)', 'priced', 4], // 50 × 0.08
        ['EBS volume /dev/sdf provisioned IOPS above 3000', 'unknown', null],
      ],
    );
    assert.equal(
      component(r, /sdf provisioned IOPS/).reason,
      'ebs_block_device[1].iops is known only after apply',
    );
    assertMoney(r.monthly_after, 83.68);
  });

  it('without the block in the configuration (a dynamic block) nothing is assumed', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_instance.i',
          after: {
            instance_type: 'm5.large',
            ebs_block_device: [{ device_name: '/dev/sdf', volume_type: 'gp3', volume_size: 50 }],
          },
          after_unknown: { root_block_device: true, ebs_block_device: [{ iops: true, throughput: true }] },
          expressions: { instance_type: constant('m5.large') },
        },
      ],
    });
    assert.equal(component(r, /sdf provisioned IOPS above 3000/).state, 'unknown');
    assert.equal(component(r, /sdf provisioned throughput above 125/).state, 'unknown');
  });
});

describe('EBS volume type left unset: gp2, the EC2 default', () => {
  it('aws_ebs_volume: gp2 with a note; a type from a variable stays unknown', async () => {
    const unset = await costOf({
      resources: [
        {
          address: 'aws_ebs_volume.v',
          after: { size: 100 },
          after_unknown: { type: true, iops: true, throughput: true },
          expressions: { size: constant(100) },
        },
      ],
    });
    const storage = component(unset, /^Volume storage \(general purpose SSD, gp2\)$/);
    assertMoney(storage.monthly_cost, 10); // 100 × 0.10
    assert.equal(storage.note, 'type is not set: gp2, the EC2 default for a new volume');
    assert.equal(unset.status, 'priced');

    const variable = await costOf({
      resources: [
        {
          address: 'aws_ebs_volume.v',
          after: { size: 100 },
          after_unknown: { type: true, iops: true, throughput: true },
          expressions: { size: constant(100), type: fromVariable('type') },
        },
      ],
    });
    const unknown = component(variable, /^Volume storage$/);
    assert.equal(unknown.state, 'unknown');
    assert.equal(unknown.reason, 'type is known only after apply');
    assert.equal(variable.status, 'partial');
  });

  it("aws_instance: an EBS block device is gp2; the root volume's type is the AMI's", async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_instance.i',
          after: {
            instance_type: 'm5.large',
            root_block_device: [{ volume_size: 30 }],
            ebs_block_device: [{ device_name: '/dev/sdf', volume_size: 200 }],
          },
          after_unknown: {
            root_block_device: [{ volume_type: true, iops: true, throughput: true }],
            ebs_block_device: [{ volume_type: true, iops: true, throughput: true }],
          },
          expressions: {
            root_block_device: [{ volume_size: constant(30) }],
            ebs_block_device: [{ device_name: constant('/dev/sdf'), volume_size: constant(200) }],
          },
        },
      ],
    });
    const ebs = component(r, /^EBS volume \/dev\/sdf storage \(general purpose SSD, gp2\)$/);
    assertMoney(ebs.monthly_cost, 20); // 200 × 0.10
    assert.equal(
      ebs.note,
      'ebs_block_device[0].volume_type is not set: gp2, the EC2 default for a new volume',
    );
    const root = component(r, /^Root volume storage$/);
    assert.equal(root.state, 'unknown');
    assert.equal(root.reason, 'root_block_device[0].volume_type is not set: the AMI chooses it');
    assertMoney(r.monthly_after, 90.08); // 70.08 + 20
  });

  it("launch template mappings: a new device is gp2, the AMI's root device keeps the AMI's type", async () => {
    const r = await costOf(
      {
        resources: [
          {
            address: 'aws_launch_template.t',
            after: {
              instance_type: 'c5.large',
              block_device_mappings: [
                { device_name: '/dev/xvda', ebs: [{ volume_size: 30 }] },
                { device_name: '/dev/sdf', ebs: [{ volume_size: 100 }] },
                { device_name: '/dev/sdg', ebs: [{ volume_type: 'gp3', volume_size: 50 }] },
              ],
            },
            after_unknown: {
              id: true,
              block_device_mappings: [
                { ebs: [{ volume_type: true, iops: true, throughput: true }] },
                { ebs: [{ volume_type: true, iops: true, throughput: true }] },
                { ebs: [{ iops: true, throughput: true }] },
              ],
            },
            expressions: {
              instance_type: constant('c5.large'),
              block_device_mappings: [
                { device_name: constant('/dev/xvda'), ebs: [{ volume_size: constant(30) }] },
                { device_name: constant('/dev/sdf'), ebs: [{ volume_size: constant(100) }] },
                {
                  device_name: constant('/dev/sdg'),
                  ebs: [{ volume_type: constant('gp3'), volume_size: constant(50) }],
                },
              ],
            },
          },
          {
            address: 'aws_autoscaling_group.g',
            after: { desired_capacity: 2, min_size: 1, max_size: 4, launch_template: [{ version: '1' }] },
            after_unknown: { launch_template: [{ id: true }] },
            expressions: {
              launch_template: [
                { id: { references: ['aws_launch_template.t.id', 'aws_launch_template.t'] } },
              ],
            },
          },
        ],
      },
      'aws_autoscaling_group.g',
    );
    assert.deepEqual(
      r.components.map((c) => [c.name, c.state, c.monthly_cost]),
      [
        ['Instance (Linux on-demand, c5.large) × 2', 'priced', 124.1], // 2 × 730 × 0.085
        ['Volume /dev/xvda storage × 2', 'unknown', null],
        ['Volume /dev/sdf storage (general purpose SSD, gp2) × 2', 'priced', 20], // 200 × 0.10
        ['Volume /dev/sdg storage (general purpose SSD, gp3) × 2', 'priced', 8], // 100 × 0.08
      ],
    );
    assert.equal(
      component(r, /^Volume \/dev\/xvda/).reason,
      "aws_launch_template.t.block_device_mappings[0].ebs[0].volume_type is not set: /dev/xvda is usually the AMI's root device, whose type the AMI chooses",
    );
    assert.equal(
      component(r, /^Volume \/dev\/sdf/).note,
      'aws_launch_template.t.block_device_mappings[1].ebs[0].volume_type is not set: gp2, the EC2 default for a new volume',
    );
    assertMoney(r.monthly_after, 152.1);
  });

  it('launch configuration: an EBS block device and a gp3 root volume', async () => {
    const r = await costOf(
      {
        resources: [
          {
            address: 'aws_launch_configuration.c',
            after: {
              name: 'c-1',
              instance_type: 'm5.large',
              enable_monitoring: false,
              root_block_device: [{ volume_type: 'gp3', volume_size: 20 }],
              ebs_block_device: [{ device_name: '/dev/sdf', volume_size: 100 }],
            },
            after_unknown: {
              id: true,
              root_block_device: [{ iops: true, throughput: true }],
              ebs_block_device: [{ volume_type: true, iops: true, throughput: true }],
            },
            expressions: {
              root_block_device: [{ volume_type: constant('gp3'), volume_size: constant(20) }],
              ebs_block_device: [{ device_name: constant('/dev/sdf'), volume_size: constant(100) }],
            },
          },
          {
            address: 'aws_autoscaling_group.g',
            after: { desired_capacity: 3, min_size: 1, max_size: 4 },
            after_unknown: { launch_configuration: true },
            expressions: {
              launch_configuration: {
                references: ['aws_launch_configuration.c.name', 'aws_launch_configuration.c'],
              },
            },
          },
        ],
      },
      'aws_autoscaling_group.g',
    );
    assert.deepEqual(
      r.components.map((c) => [c.name, c.state, c.monthly_cost]),
      [
        ['Instance (Linux on-demand, m5.large) × 3', 'priced', 210.24], // 3 × 730 × 0.096
        ['Root volume storage (general purpose SSD, gp3) × 3', 'priced', 4.8], // 60 × 0.08
        ['EBS volume /dev/sdf storage (general purpose SSD, gp2) × 3', 'priced', 30], // 300 × 0.10
      ],
    );
    assert.equal(r.status, 'priced');
  });
});
