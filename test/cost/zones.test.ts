import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report, ResourceReport } from '../../src/model/report.ts';
import { assertMoney, component, costOf, costReport } from './harness.ts';

// Prices from data/pricing-facts/ec2-ondemand.json (2026-05-12): t3.medium 0.0416 in us-west-2,
// 0.0499 in the Local Zone group us-west-2-lax-1, 0.056 in the Wavelength group us-east-1-wl1-atl1;
// t3.xlarge 0.224 in us-east-1-wl1 (Boston). c6i.large is sold in us-west-2 (0.085), not in
// us-west-2-lax-1. EBS gp3 in us-west-2: 0.08 a GB-month (extra-services.json).
const t3 = (az: string, extra: Record<string, unknown> = {}) => ({
  instance_type: 't3.medium',
  availability_zone: az,
  credit_specification: [{ cpu_credits: 'standard' }],
  ...extra,
});

function resource(report: Report, address: string): ResourceReport {
  const found = report.resources.find((r) => r.address === address);
  assert.ok(found, address);
  return found;
}

describe('Local and Wavelength Zones', () => {
  it("prices a Local Zone instance at the zone's price, and one in a region AZ at the region's", async () => {
    const report = await costReport({
      region: 'us-west-2',
      resources: [
        { address: 'aws_instance.lax', after: t3('us-west-2-lax-1a') },
        { address: 'aws_instance.pdx', after: t3('us-west-2a') },
      ],
    });
    const lax = resource(report, 'aws_instance.lax');
    const pdx = resource(report, 'aws_instance.pdx');
    assertMoney(component(lax, /^Instance/).monthly_cost, 36.427); // 730 × 0.0499
    assertMoney(component(pdx, /^Instance/).monthly_cost, 30.368); // 730 × 0.0416
    // The line says whose rate it is: not the region's the developer knows.
    assert.equal(component(lax, /^Instance/).note, 'Local Zone us-west-2-lax-1 rate');
    assert.equal(component(pdx, /^Instance/).note, undefined);
    assert.equal(report.findings.filter((f) => f.rule === 'cost.price_missing').length, 0);
  });

  it('reads the zone from the configuration when the plan marks it unknown', async () => {
    const r = await costOf({
      region: 'us-west-2',
      resources: [
        {
          address: 'aws_instance.lax',
          after: t3('us-west-2-lax-1a', { availability_zone: null }),
          after_unknown: { availability_zone: true },
          expressions: { availability_zone: { constant_value: 'us-west-2-lax-1a' } },
        },
      ],
    });
    assertMoney(component(r, /^Instance/).monthly_cost, 36.427); // 730 × 0.0499
  });

  it("follows a new instance's subnet to its Local Zone; a subnet not in the plan leaves the region", async () => {
    const unknownZone = (extra: Record<string, unknown>) => ({
      after: t3('', { availability_zone: null, ...extra }),
      after_unknown: { availability_zone: true, ...(extra.subnet_id === null ? { subnet_id: true } : {}) },
    });
    const report = await costReport({
      region: 'us-west-2',
      resources: [
        // Subnet and instance created together: the instance's subnet_id is known only after apply.
        { address: 'aws_subnet.lax', after: { availability_zone: 'us-west-2-lax-1a', id: null } },
        {
          address: 'aws_instance.new_subnet',
          ...unknownZone({ subnet_id: null }),
          expressions: { subnet_id: { references: ['aws_subnet.lax.id', 'aws_subnet.lax'] } },
        },
        // An existing subnet the plan holds (unchanged), named by its id.
        {
          address: 'aws_subnet.old',
          actions: ['no-op'],
          before: { availability_zone: 'us-west-2-lax-1b', id: 'subnet-0abc' },
          after: { availability_zone: 'us-west-2-lax-1b', id: 'subnet-0abc' },
        },
        { address: 'aws_instance.old_subnet', ...unknownZone({ subnet_id: 'subnet-0abc' }) },
        // A subnet the plan does not hold: nothing says it is in a zone.
        { address: 'aws_instance.elsewhere', ...unknownZone({ subnet_id: 'subnet-0def' }) },
        // Counted: `subnet_id = aws_subnet.pair[count.index].id` is each instance's own subnet.
        { address: 'aws_subnet.pair[0]', after: { availability_zone: 'us-west-2a', id: null } },
        { address: 'aws_subnet.pair[1]', after: { availability_zone: 'us-west-2-lax-1a', id: null } },
        ...[0, 1].map((i) => ({
          address: `aws_instance.pair[${i}]`,
          ...unknownZone({ subnet_id: null }),
          expressions: { subnet_id: { references: ['aws_subnet.pair', 'count.index'] } },
        })),
      ],
    });
    assertMoney(component(resource(report, 'aws_instance.pair[0]'), /^Instance/).monthly_cost, 30.368);
    assertMoney(component(resource(report, 'aws_instance.pair[1]'), /^Instance/).monthly_cost, 36.427);
    assertMoney(component(resource(report, 'aws_instance.new_subnet'), /^Instance/).monthly_cost, 36.427);
    assertMoney(component(resource(report, 'aws_instance.old_subnet'), /^Instance/).monthly_cost, 36.427);
    assertMoney(component(resource(report, 'aws_instance.elsewhere'), /^Instance/).monthly_cost, 30.368);
  });

  it('prices Wavelength instances under the carrier zone code', async () => {
    const atl = await costOf({
      resources: [{ address: 'aws_instance.atl', after: t3('us-east-1-wl1-atl-wlz-1') }],
    });
    assertMoney(component(atl, /^Instance/).monthly_cost, 40.88); // 730 × 0.056
    const bos = await costOf({
      resources: [
        {
          address: 'aws_instance.bos',
          after: t3('us-east-1-wl1-bos-wlz-1', { instance_type: 't3.xlarge' }),
        },
      ],
    });
    assertMoney(component(bos, /^Instance/).monthly_cost, 163.52); // 730 × 0.224
  });

  it("a type the zone does not sell is not priced, and never takes the parent region's price", async () => {
    const report = await costReport({
      region: 'us-west-2',
      resources: [
        { address: 'aws_instance.lax', after: t3('us-west-2-lax-1a', { instance_type: 'c6i.large' }) },
      ],
    });
    const r = resource(report, 'aws_instance.lax');
    const hours = component(r, /^Instance/);
    assert.equal(hours.state, 'not-priced');
    assert.equal(hours.monthly_cost, null);
    assert.equal(
      hours.reason,
      'no catalog price for ec2/instance/c6i.large in Local Zone us-west-2-lax-1; run `tollgate pricing refresh`',
    );
    assert.equal(r.monthly_after, 0);
    const finding = report.findings.find((f) => f.rule === 'cost.price_missing');
    assert.equal(finding?.address, 'aws_instance.lax');
    assert.match(finding?.message ?? '', /Local Zone us-west-2-lax-1/);
  });

  it("leaves a zone instance's volumes and CPU credits unpriced rather than at the region's rate", async () => {
    const r = await costOf({
      region: 'us-west-2',
      resources: [
        {
          address: 'aws_instance.lax',
          after: {
            instance_type: 't3.medium',
            availability_zone: 'us-west-2-lax-1a',
            root_block_device: [{ volume_type: 'gp3', volume_size: 20 }],
            ebs_block_device: [{ device_name: '/dev/sdf', volume_type: 'gp2', volume_size: 100 }],
          },
        },
      ],
      usage: 'resource_usage:\n  aws_instance.lax:\n    monthly_cpu_credit_hrs: 10\n',
    });
    assertMoney(component(r, /^Instance/).monthly_cost, 36.427); // 730 × 0.0499
    for (const name of [/^Root volume storage/, /sdf storage/]) {
      const c = component(r, name);
      assert.equal(c.state, 'not-priced');
      assert.equal(c.reason, 'no catalog price for EBS in Local Zone us-west-2-lax-1');
    }
    const credits = component(r, /CPU credits/);
    assert.equal(credits.state, 'not-priced');
    assert.equal(credits.reason, 'no catalog price for CPU credits in Local Zone us-west-2-lax-1');
    assert.equal(r.status, 'partial');
    assertMoney(r.monthly_after, 36.427);
  });

  it('an EBS volume in a zone is not priced; one in a region AZ is', async () => {
    const report = await costReport({
      region: 'us-west-2',
      resources: [
        {
          address: 'aws_ebs_volume.lax',
          after: { availability_zone: 'us-west-2-lax-1a', type: 'gp3', size: 100 },
        },
        { address: 'aws_ebs_volume.pdx', after: { availability_zone: 'us-west-2a', type: 'gp3', size: 100 } },
      ],
    });
    const lax = resource(report, 'aws_ebs_volume.lax');
    const pdx = resource(report, 'aws_ebs_volume.pdx');
    assert.equal(lax.status, 'not-priced');
    assert.equal(component(lax, /storage/).reason, 'no catalog price for EBS in Local Zone us-west-2-lax-1');
    assert.equal(lax.monthly_after, 0);
    assertMoney(component(pdx, /storage/).monthly_cost, 8); // 100 × 0.08
    const missing = report.findings.find(
      (f) => f.rule === 'cost.price_missing' && f.address === 'aws_ebs_volume.lax',
    );
    // The zone is what lacks a price, not us-west-2: the message does not name the region.
    assert.match(
      missing?.message ?? '',
      /^no price for [^:]*storage[^:]*: this cost is not counted \(no catalog price for EBS in Local Zone us-west-2-lax-1\)$/,
    );
  });

  describe('aws_autoscaling_group', () => {
    const group = (azs: string[] | null, extra: Record<string, unknown> = {}) => [
      {
        address: 'aws_launch_template.edge',
        after: { instance_type: 't3.medium', block_device_mappings: [] },
        after_unknown: { id: true, name: true, arn: true, latest_version: true },
      },
      {
        address: 'aws_autoscaling_group.edge',
        after: {
          desired_capacity: 2,
          min_size: 1,
          max_size: 4,
          availability_zones: azs,
          launch_template: [{ version: '$Latest' }],
          ...(extra.after as object),
        },
        after_unknown: {
          launch_template: [{ id: true, name: true }],
          ...(azs === null ? { availability_zones: true } : {}),
          ...(extra.after_unknown as object),
        },
        expressions: {
          launch_template: [
            { id: { references: ['aws_launch_template.edge.id', 'aws_launch_template.edge'] } },
          ],
          ...(extra.expressions as object),
        },
      },
    ];

    it("prices a group whose availability_zones are one Local Zone at the zone's price", async () => {
      const r = await costOf(
        { region: 'us-west-2', resources: group(['us-west-2-lax-1a', 'us-west-2-lax-1b']) },
        'aws_autoscaling_group.edge',
      );
      assertMoney(component(r, /^Instance .* × 2$/).monthly_cost, 72.854); // 2 × 730 × 0.0499
    });

    it("follows vpc_zone_identifier to the plan's subnets when availability_zones is not known yet", async () => {
      const subnets = [
        {
          address: 'aws_subnet.edge[0]',
          after: { availability_zone: 'us-west-2-lax-1a' },
          after_unknown: { id: true },
        },
        {
          address: 'aws_subnet.edge[1]',
          after: { availability_zone: 'us-west-2-lax-1b' },
          after_unknown: { id: true },
        },
        {
          address: 'aws_subnet.old',
          actions: ['no-op'],
          before: { availability_zone: 'us-west-2b', id: 'subnet-0old' },
          after: { availability_zone: 'us-west-2b', id: 'subnet-0old' },
        },
      ];
      // Created with the group: `vpc_zone_identifier = aws_subnet.edge[*].id` is known after apply.
      const created = await costOf(
        {
          region: 'us-west-2',
          resources: [
            ...subnets,
            ...group(null, {
              after: { vpc_zone_identifier: null },
              after_unknown: { vpc_zone_identifier: true },
              expressions: { vpc_zone_identifier: { references: ['aws_subnet.edge'] } },
            }),
          ],
        },
        'aws_autoscaling_group.edge',
      );
      const hours = component(created, /^Instance .* × 2$/);
      assertMoney(hours.monthly_cost, 72.854); // 2 × 730 × 0.0499
      assert.equal(hours.note, 'Local Zone us-west-2-lax-1 rate');
      // Existing subnets named by id: a region AZ keeps the region's price.
      const regional = await costOf(
        {
          region: 'us-west-2',
          resources: [...subnets, ...group(null, { after: { vpc_zone_identifier: ['subnet-0old'] } })],
        },
        'aws_autoscaling_group.edge',
      );
      assertMoney(component(regional, /^Instance .* × 2$/).monthly_cost, 60.736); // 2 × 730 × 0.0416
      // A subnet the plan does not hold: its zone is not known, so the region's price, as before.
      const unknown = await costOf(
        {
          region: 'us-west-2',
          resources: [
            ...subnets,
            ...group(null, { after: { vpc_zone_identifier: ['subnet-0old', 'subnet-0elsewhere'] } }),
          ],
        },
        'aws_autoscaling_group.edge',
      );
      assertMoney(component(unknown, /^Instance .* × 2$/).monthly_cost, 60.736);
    });

    it('does not price a group spread over a zone and region AZs', async () => {
      const r = await costOf(
        { region: 'us-west-2', resources: group(['us-west-2a', 'us-west-2-lax-1a']) },
        'aws_autoscaling_group.edge',
      );
      const hours = component(r, /^Instance .* × 2$/);
      assert.equal(hours.state, 'not-priced');
      assert.equal(
        hours.reason,
        'availability_zones (us-west-2a, us-west-2-lax-1a) are priced apart, and AWS splits the instances between them at launch',
      );
    });
  });
});
