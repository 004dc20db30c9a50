import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf, costReport } from './harness.ts';

// The public IPv4 address is the ec2/public-ipv4 SKU (services.json: 0.005 an hour, every region),
// 730 × 0.005 = 3.65 a month. EC2 from ec2-ondemand.json (2026-05-12): us-east-1 t3.micro 0.0104,
// m5.large 0.096, c5.large 0.085; eu-west-1 m5.large 0.107. EBS gp2 0.10 (us-east-1), 0.11 (eu-west-1).
const constant = (value: unknown) => ({ constant_value: value });
const fromVariable = (name: string) => ({ references: [`var.${name}`] });
const SPOT_REASON = 'spot prices are not in the catalog (it holds on-demand prices)';

const instance = (after: Record<string, unknown>, extra: Partial<ChangeSpec> = {}): ChangeSpec => ({
  address: 'aws_instance.i',
  after: { root_block_device: [{ volume_type: 'gp2', volume_size: 8 }], ...after },
  ...extra,
});

describe('aws_instance: public IPv4 address', () => {
  it('associate_public_ip_address = true is billed by the hour', async () => {
    const r = await costOf({
      resources: [instance({ instance_type: 't3.micro', associate_public_ip_address: true })],
    });
    const ip = component(r, /^Public IPv4 address$/);
    assertMoney(ip.monthly_cost, 3.65); // 730 × 0.005
    assert.equal(r.status, 'priced');
    assertMoney(r.monthly_after, 12.042); // 7.592 + 0.80 + 3.65
  });

  it('left unset, the subnet decides: no line, not unknown; false: no line', async () => {
    const unset = await costOf({
      resources: [
        instance(
          { instance_type: 't3.micro' },
          { after_unknown: { associate_public_ip_address: true }, expressions: {} },
        ),
      ],
    });
    assert.equal(
      unset.components.some((c) => /Public IPv4/.test(c.name)),
      false,
    );
    assert.equal(unset.status, 'priced');
    const no = await costOf({
      resources: [instance({ instance_type: 't3.micro', associate_public_ip_address: false })],
    });
    assert.equal(
      no.components.some((c) => /Public IPv4/.test(c.name)),
      false,
    );
  });

  it('set from a value known only after apply: an unknown line', async () => {
    const r = await costOf({
      resources: [
        instance(
          { instance_type: 't3.micro' },
          {
            after_unknown: { associate_public_ip_address: true },
            expressions: { associate_public_ip_address: fromVariable('public') },
          },
        ),
      ],
    });
    const ip = component(r, /^Public IPv4 address$/);
    assert.equal(ip.state, 'unknown');
    assert.equal(ip.reason, 'associate_public_ip_address is known only after apply');
    assert.equal(r.status, 'partial');
  });
});

describe('aws_instance: instance_market_options', () => {
  it('spot: the instance hours are not priced (cost.price_missing), the volumes are', async () => {
    const report = await costReport({
      region: 'eu-west-1',
      resources: [
        instance({
          instance_type: 'm5.large',
          instance_market_options: [
            { market_type: 'spot', spot_options: [{ spot_instance_type: 'one-time' }] },
          ],
        }),
      ],
    });
    const r = report.resources[0];
    assert.ok(r);
    const hours = component(r, /^Instance \(Linux spot, m5\.large\)$/);
    assert.equal(hours.state, 'not-priced');
    assert.equal(hours.reason, SPOT_REASON);
    assert.equal(r.status, 'partial');
    assertMoney(r.monthly_after, 0.88); // 8 × 0.11
    assert.equal(report.findings.find((f) => f.rule === 'cost.price_missing')?.address, 'aws_instance.i');
  });

  it('the block without market_type is spot, the provider default', async () => {
    const r = await costOf({
      resources: [
        instance(
          { instance_type: 'm5.large', instance_market_options: [{ spot_options: [] }] },
          {
            after_unknown: { instance_market_options: [{ market_type: true }] },
            expressions: { instance_market_options: [{ spot_options: constant([]) }] },
          },
        ),
      ],
    });
    assert.equal(component(r, /^Instance \(Linux spot, m5\.large\)$/).state, 'not-priced');
  });

  it('capacity-block is not priced either', async () => {
    const r = await costOf({
      resources: [
        instance({
          instance_type: 'p5.48xlarge',
          instance_market_options: [{ market_type: 'capacity-block' }],
        }),
      ],
    });
    const hours = component(r, /^Instance \(p5\.48xlarge\)$/);
    assert.equal(hours.state, 'not-priced');
    assert.equal(
      hours.reason,
      'EC2 Capacity Blocks bill their reservation price, which is not in the catalog',
    );
  });

  it('the block computed and not configured is on-demand; a market_type from a variable is unknown', async () => {
    const onDemand = await costOf({
      resources: [
        instance(
          { instance_type: 'm5.large' },
          { after_unknown: { instance_market_options: true }, expressions: {} },
        ),
      ],
    });
    assertMoney(component(onDemand, /^Instance \(Linux on-demand, m5\.large\)$/).monthly_cost, 70.08);
    assert.equal(onDemand.status, 'priced');

    const variable = await costOf({
      resources: [
        instance(
          { instance_type: 'm5.large' },
          {
            after_unknown: { instance_market_options: true },
            expressions: { instance_market_options: [{ market_type: fromVariable('market') }] },
          },
        ),
      ],
    });
    const hours = component(variable, /^Instance \(m5\.large\)$/);
    assert.equal(hours.state, 'unknown');
    assert.equal(hours.reason, 'instance_market_options[0].market_type is known only after apply');
  });
});

describe('groups: the launch template or configuration asks for public IPv4 addresses or spot', () => {
  const template = (
    after: Record<string, unknown>,
    expressions: Record<string, unknown> = {},
  ): ChangeSpec => ({
    address: 'aws_launch_template.t',
    after: {
      instance_type: 'c5.large',
      block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ volume_type: 'gp2', volume_size: 10 }] }],
      ...after,
    },
    after_unknown: { id: true, name: true },
    expressions,
  });
  const group = (desired: number): ChangeSpec => ({
    address: 'aws_autoscaling_group.g',
    after: { desired_capacity: desired, min_size: 1, max_size: 8, launch_template: [{ version: '$Latest' }] },
    after_unknown: { launch_template: [{ id: true, name: true }] },
    expressions: {
      launch_template: [{ id: { references: ['aws_launch_template.t.id', 'aws_launch_template.t'] } }],
    },
  });

  it('one address per instance when a network interface associates one', async () => {
    const r = await costOf(
      {
        resources: [
          template({ network_interfaces: [{ device_index: 0, associate_public_ip_address: 'true' }] }),
          group(4),
        ],
      },
      'aws_autoscaling_group.g',
    );
    assertMoney(component(r, /^Public IPv4 address × 4$/).monthly_cost, 14.6); // 4 × 3.65
    assertMoney(r.monthly_after, 266.8); // 248.2 + 4 × 10 × 0.10 + 14.6
  });

  it('no address without associate_public_ip_address; unknown when set from a variable', async () => {
    const none = await costOf(
      { resources: [template({ network_interfaces: [{ device_index: 0 }] }), group(2)] },
      'aws_autoscaling_group.g',
    );
    assert.equal(
      none.components.some((c) => /Public IPv4/.test(c.name)),
      false,
    );
    const variable = await costOf(
      {
        resources: [
          {
            ...template({ network_interfaces: [{ device_index: 0 }] }),
            after_unknown: {
              id: true,
              name: true,
              network_interfaces: [{ associate_public_ip_address: true }],
            },
            expressions: {
              network_interfaces: [
                { device_index: constant(0), associate_public_ip_address: fromVariable('public') },
              ],
            },
          },
          group(2),
        ],
      },
      'aws_autoscaling_group.g',
    );
    const ip = component(variable, /^Public IPv4 address × 2$/);
    assert.equal(ip.state, 'unknown');
    assert.equal(
      ip.reason,
      'aws_launch_template.t.network_interfaces[0].associate_public_ip_address is known only after apply',
    );
  });

  it('a spot template: every instance is spot, not priced; the volumes are', async () => {
    const r = await costOf(
      { resources: [template({ instance_market_options: [{ market_type: 'spot' }] }), group(2)] },
      'aws_autoscaling_group.g',
    );
    const spot = component(r, /^Instance \(Linux spot, c5\.large\) × 2$/);
    assert.equal(spot.state, 'not-priced');
    assert.equal(spot.reason, SPOT_REASON);
    assert.equal(
      r.components.some((c) => /on-demand/.test(c.name)),
      false,
    );
    assertMoney(r.monthly_after, 2); // 2 × 10 × 0.10
    assert.equal(r.status, 'partial');
  });

  it('a launch configuration with associate_public_ip_address', async () => {
    const r = await costOf(
      {
        resources: [
          {
            address: 'aws_launch_configuration.c',
            after: {
              name: 'c-1',
              instance_type: 't3.micro',
              enable_monitoring: false,
              associate_public_ip_address: true,
              root_block_device: [{ volume_type: 'gp2', volume_size: 8 }],
            },
          },
          {
            address: 'aws_autoscaling_group.g',
            after: { desired_capacity: 3, min_size: 1, max_size: 4, launch_configuration: 'c-1' },
          },
        ],
      },
      'aws_autoscaling_group.g',
    );
    assertMoney(component(r, /^Public IPv4 address × 3$/).monthly_cost, 10.95); // 3 × 3.65
    assertMoney(r.monthly_after, 36.126); // 3 × (7.592 + 0.80 + 3.65)
  });

  it('an EKS node group from a template with a public address on each node', async () => {
    const r = await costOf(
      {
        resources: [
          template({ network_interfaces: [{ device_index: 0, associate_public_ip_address: 'true' }] }),
          {
            address: 'aws_eks_node_group.n',
            after: {
              scaling_config: [{ desired_size: 3, min_size: 1, max_size: 5 }],
              launch_template: [{ version: '1' }],
            },
            after_unknown: { launch_template: [{ id: true }] },
            expressions: {
              launch_template: [
                { id: { references: ['aws_launch_template.t.id', 'aws_launch_template.t'] } },
              ],
            },
          },
        ],
      },
      'aws_eks_node_group.n',
    );
    assertMoney(component(r, /^Public IPv4 address × 3$/).monthly_cost, 10.95); // 3 × 3.65
    assertMoney(r.monthly_after, 200.1); // 3 × 730 × 0.085 + 30 × 0.10 + 10.95
  });
});
