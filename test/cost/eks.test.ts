import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMoney, component, costOf } from './harness.ts';

// EKS prices (us-east-1 only, infracost golden 2025-07-07): $0.10 per cluster-hour in standard
// support, $0.60 in extended support. EC2 from ec2-ondemand.json, EBS from services.json.
describe('aws_eks_cluster', () => {
  const cluster = (after: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    costOf({ resources: [{ address: 'aws_eks_cluster.main', after, ...extra }] });

  it('bills the standard hourly rate for a version in standard support', async () => {
    const r = await cluster({ name: 'main', version: '1.35' });
    const line = component(r, /^EKS cluster \(standard support\)$/);
    assertMoney(line.monthly_cost, 73); // 730 × 0.10
    assert.equal(line.unit, 'hours');
  });

  it('bills the extended-support rate for a version past standard support (AWS default EXTENDED)', async () => {
    const r = await cluster(
      { name: 'old', version: '1.29' },
      { after_unknown: { upgrade_policy: true } }, // not configured: EXTENDED
    );
    const line = component(r, /^EKS cluster \(extended support, Kubernetes 1\.29\)$/);
    assertMoney(line.monthly_cost, 438); // 730 × 0.60
    assert.equal(line.note, 'standard support for Kubernetes 1.29 ended 2025-03-23');
  });

  it('stays at the standard rate when support_type is STANDARD (AWS upgrades the cluster instead)', async () => {
    const r = await cluster({ name: 'old', version: '1.29', upgrade_policy: [{ support_type: 'STANDARD' }] });
    assertMoney(r.monthly_after, 73); // 730 × 0.10
  });

  it('a version whose standard support has not ended by the calendar date is standard', async () => {
    assertMoney((await cluster({ version: '1.34' })).monthly_after, 73); // ends 2026-12-02
    assertMoney((await cluster({ version: '1.21' })).monthly_after, 438); // long past: 730 × 0.60
  });

  it('an unset version is the newest (standard); one from an expression is unknown', async () => {
    const unset = await cluster({ name: 'new' }, { after_unknown: { version: true } });
    assertMoney(unset.monthly_after, 73);
    const fromVar = await cluster(
      { name: 'new' },
      { after_unknown: { version: true }, expressions: { version: { references: ['var.k8s_version'] } } },
    );
    const line = component(fromVar, /^EKS cluster$/);
    assert.equal(line.state, 'unknown');
    assert.match(line.reason ?? '', /^version is known only after apply: the hourly rate depends/);
  });

  it('says the catalog has no EKS price in a region rather than pricing it at $0', async () => {
    const r = await costOf({
      region: 'eu-west-1',
      resources: [{ address: 'aws_eks_cluster.eu', after: { version: '1.35' } }],
    });
    const line = component(r, /^EKS cluster/);
    assert.equal(line.state, 'not-priced');
    assert.equal(
      line.reason,
      'no catalog price for eks/cluster/standard in eu-west-1; run `tollgate pricing refresh`',
    );
  });
});

describe('aws_eks_node_group', () => {
  const scaling = (desired: number) => [{ desired_size: desired, min_size: 1, max_size: 10 }];

  it('defaults: t3.medium, a 20 GiB gp2 root volume, on-demand, times desired_size', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_eks_node_group.default',
          after: { cluster_name: 'main', scaling_config: scaling(3) },
          // Not in the configuration: the provider computes them.
          after_unknown: { instance_types: true, disk_size: true, capacity_type: true, ami_type: true },
        },
      ],
    });
    assertMoney(component(r, /^Instance \(Linux on-demand, t3\.medium\) × 3$/).monthly_cost, 91.104); // 3 × 730 × 0.0416
    const root = component(r, /^Root volume storage \(general purpose SSD, gp2\) × 3$/);
    assert.equal(root.monthly_quantity, 60); // 3 × 20 GB
    assertMoney(root.monthly_cost, 6); // 60 × 0.10
    assert.equal(r.status, 'priced');
    assertMoney(r.monthly_after, 97.104);
  });

  it('the first of several instance types, and disk_size', async () => {
    const r = await costOf({
      region: 'eu-west-1',
      resources: [
        {
          address: 'aws_eks_node_group.apps',
          after: { scaling_config: scaling(2), instance_types: ['m5.large', 'm5.xlarge'], disk_size: 50 },
        },
      ],
    });
    assertMoney(component(r, /^Instance \(Linux on-demand, m5\.large\) × 2$/).monthly_cost, 156.22); // 2 × 730 × 0.107
    assertMoney(component(r, /^Root volume/).monthly_cost, 11); // 2 × 50 × 0.11
    assertMoney(r.monthly_after, 167.22);
  });

  it('SPOT capacity: the instances are not priced, their volumes are', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_eks_node_group.spot',
          after: {
            scaling_config: scaling(2),
            instance_types: ['m5.large'],
            capacity_type: 'SPOT',
            disk_size: 20,
          },
        },
      ],
    });
    const spot = component(r, /^Instance \(Linux spot, m5\.large\) × 2$/);
    assert.equal(spot.state, 'not-priced');
    assert.equal(spot.reason, 'spot prices are not in the catalog (it holds on-demand prices)');
    assert.equal(
      r.components.some((c) => /on-demand/.test(c.name)),
      false,
    );
    assertMoney(component(r, /^Root volume/).monthly_cost, 4); // 2 × 20 × 0.10
    assert.equal(r.status, 'partial');
  });

  it('Windows AMI types: instances not priced, 50 GiB default disk', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_eks_node_group.win',
          after: {
            scaling_config: scaling(1),
            instance_types: ['m5.large'],
            ami_type: 'WINDOWS_CORE_2022_x86_64',
          },
          after_unknown: { disk_size: true },
        },
      ],
    });
    const instance = component(r, /^Instance/);
    assert.equal(instance.state, 'not-priced');
    assert.match(
      instance.reason ?? '',
      /^Windows \(WINDOWS_CORE_2022_x86_64\) instance prices are not in the catalog/,
    );
    assert.equal(component(r, /^Root volume/).monthly_quantity, 50);
  });

  it('an unknown desired_size is unknown, not zero', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_eks_node_group.x',
          after: { scaling_config: [{ min_size: 1, max_size: 3 }], instance_types: ['t3.large'] },
          after_unknown: { scaling_config: [{ desired_size: true }] },
        },
      ],
    });
    const instance = component(r, /^Instance/);
    assert.equal(instance.state, 'unknown');
    assert.equal(instance.reason, 'scaling_config[0].desired_size is known only after apply');
    assert.equal(component(r, /^Root volume/).state, 'unknown');
  });

  it('takes the instance type and volumes from a launch template created in the same plan', async () => {
    const r = await costOf(
      {
        resources: [
          {
            address: 'module.eks.aws_launch_template.nodes',
            after: {
              instance_type: 'c5.large',
              block_device_mappings: [
                {
                  device_name: '/dev/xvda',
                  ebs: [{ volume_size: 100, volume_type: 'gp3', iops: 4000, throughput: 125 }],
                },
              ],
            },
            after_unknown: { id: true, name: true, latest_version: true },
          },
          {
            address: 'module.eks.aws_eks_node_group.ng',
            after: { scaling_config: scaling(2), launch_template: [{ version: '1' }] },
            after_unknown: {
              launch_template: [{ id: true, name: true }],
              instance_types: true,
              capacity_type: true,
            },
            expressions: {
              launch_template: [
                {
                  id: { references: ['aws_launch_template.nodes.id', 'aws_launch_template.nodes'] },
                  version: {
                    references: ['aws_launch_template.nodes.latest_version', 'aws_launch_template.nodes'],
                  },
                },
              ],
            },
          },
        ],
      },
      'module.eks.aws_eks_node_group.ng',
    );
    assertMoney(component(r, /^Instance \(Linux on-demand, c5\.large\) × 2$/).monthly_cost, 124.1); // 2 × 730 × 0.085
    assertMoney(
      component(r, /^Volume \/dev\/xvda storage \(general purpose SSD, gp3\) × 2$/).monthly_cost,
      16,
    ); // 200 × 0.08
    assertMoney(component(r, /^Volume \/dev\/xvda provisioned IOPS above 3000 × 2$/).monthly_cost, 10); // 2000 × 0.005
    assert.equal(r.status, 'priced');
    assertMoney(r.monthly_after, 150.1);
  });

  it('matches an existing launch template by its id; no mapped volume means the AMI decides', async () => {
    const template = { id: 'lt-0abc', name: 'nodes', instance_type: 'r5.large', block_device_mappings: [] };
    const r = await costOf(
      {
        region: 'eu-west-1',
        resources: [
          { address: 'aws_launch_template.existing', actions: ['no-op'], before: template, after: template },
          {
            address: 'aws_eks_node_group.mem',
            after: { scaling_config: scaling(1), launch_template: [{ id: 'lt-0abc', version: '3' }] },
          },
        ],
      },
      'aws_eks_node_group.mem',
    );
    assertMoney(component(r, /^Instance \(Linux on-demand, r5\.large\) × 1$/).monthly_cost, 102.93); // 730 × 0.141
    const root = component(r, /^Root volume storage × 1$/);
    assert.equal(root.state, 'unknown');
    assert.match(root.reason ?? '', /come from the AMI: aws_launch_template\.existing maps no EBS volume/);
  });
});
