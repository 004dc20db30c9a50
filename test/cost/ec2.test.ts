import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMoney, component, costOf } from './harness.ts';

// Prices from data/pricing-facts: ec2-ondemand.json (2026-05-12) and services.json EBS (us-east-1
// 2024-07-01 infracost goldens; eu-west-1 2023-02-23 AWS Price List dump).
describe('aws_instance', () => {
  it('prices instance hours and every volume, and says the AMI-chosen root type is unknown', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_instance.web',
          after: {
            instance_type: 'm5.large',
            root_block_device: [{ volume_size: 30 }],
            ebs_block_device: [
              { device_name: '/dev/sdf', volume_type: 'gp3', volume_size: 100, iops: 4000, throughput: 250 },
              { device_name: '/dev/sdg', volume_type: 'io1', volume_size: 50, iops: 1000 },
            ],
          },
          after_unknown: { root_block_device: [{ volume_type: true }], tenancy: true },
        },
      ],
    });
    assertMoney(component(r, /^Instance/).monthly_cost, 70.08); // 730 × 0.096
    const root = component(r, /^Root volume storage/);
    assert.equal(root.state, 'unknown');
    assert.equal(root.reason, 'root_block_device[0].volume_type is known only after apply');
    assertMoney(component(r, /sdf storage/).monthly_cost, 8); // 100 × 0.08
    assertMoney(component(r, /sdf provisioned IOPS above 3000/).monthly_cost, 5); // 1000 × 0.005
    assertMoney(component(r, /sdf provisioned throughput above 125/).monthly_cost, 5); // 125 × 0.04
    assertMoney(component(r, /sdg storage/).monthly_cost, 6.25); // 50 × 0.125
    assertMoney(component(r, /sdg provisioned IOPS/).monthly_cost, 65); // 1000 × 0.065
    assert.equal(r.status, 'partial');
    assertMoney(r.monthly_after, 159.33); // 70.08 + 8 + 5 + 5 + 6.25 + 65, exactly
  });

  it('prices a known root volume, and detailed monitoring', async () => {
    const r = await costOf({
      region: 'eu-west-1',
      resources: [
        {
          address: 'aws_instance.db',
          after: {
            instance_type: 'r6g.large',
            monitoring: true,
            root_block_device: [{ volume_type: 'gp3', volume_size: 20 }],
          },
        },
      ],
    });
    assert.equal(r.status, 'priced');
    assertMoney(component(r, /^Root volume storage \(general purpose SSD, gp3\)/).monthly_cost, 1.76); // 20 × 0.088
    assertMoney(component(r, /Detailed monitoring/).monthly_cost, 2.1); // 7 × 0.30
    assert.equal(component(r, /Detailed monitoring/).unit, 'metric-months');
  });

  it('makes an unknown instance type an unknown component, not $0', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_instance.x',
          after: { root_block_device: [{ volume_type: 'gp2', volume_size: 8 }] },
          after_unknown: { instance_type: true },
        },
      ],
    });
    const instance = component(r, /^Instance/);
    assert.equal(instance.state, 'unknown');
    assert.equal(instance.monthly_cost, null);
    assert.equal(instance.reason, 'instance_type is known only after apply');
    assert.equal(r.status, 'partial');
  });

  it('reports an instance type not sold in the region as cost.price_missing, not a $0 resource', async () => {
    const { costReport } = await import('./harness.ts');
    const report = await costReport({
      region: 'af-south-1',
      resources: [{ address: 'aws_instance.gpu', after: { instance_type: 'p5.48xlarge' } }],
    });
    const r = report.resources[0];
    assert.equal(component(r!, /^Instance/).state, 'not-priced');
    assert.match(
      component(r!, /^Instance/).reason ?? '',
      /no catalog price for ec2\/instance\/p5\.48xlarge in af-south-1; run `tollgate pricing refresh`/,
    );
    // Nothing of its bill has a price (the root volume's type is unknown too): not priced, not partial.
    assert.equal(r?.status, 'not-priced');
    assert.equal(r?.monthly_after, 0);
    const finding = report.findings.find((f) => f.rule === 'cost.price_missing');
    assert.equal(finding?.address, 'aws_instance.gpu');
    assert.equal(finding?.severity, 'warn');
  });

  it('a T instance where CPU credits have no price: usage not given, no price_missing warning', async () => {
    const { costReport } = await import('./harness.ts');
    const report = await costReport({
      region: 'eu-central-1',
      resources: [
        {
          address: 'aws_instance.t',
          after: {
            instance_type: 't3.medium',
            credit_specification: [{ cpu_credits: 'unlimited' }],
            root_block_device: [{ volume_type: 'gp3', volume_size: 8 }],
          },
        },
      ],
    });
    const r = report.resources[0]!;
    const credits = component(r, /^CPU credits/);
    assert.equal(credits.state, 'usage-not-given');
    assert.match(
      credits.reason ?? '',
      /^usage not given: set \S+ in the usage file; then it needs a price too \(no catalog price/,
    );
    assert.notEqual(r.status, 'partial');
    assert.ok(!report.findings.some((f) => f.rule === 'cost.price_missing'));
  });

  it('a T instance whose credit mode is known only after apply: credits wait for usage, or are unknown with it', async () => {
    const t3 = {
      address: 'aws_instance.t',
      after: { instance_type: 't3.micro', root_block_device: [{ volume_type: 'gp3', volume_size: 8 }] },
      after_unknown: { credit_specification: true },
    };
    const none = component(await costOf({ resources: [t3] }), /^CPU credits/);
    assert.equal(none.state, 'usage-not-given');
    assert.match(
      none.note ?? '',
      /credit_specification is known only after apply: billed only in unlimited mode/,
    );
    const given = await costOf({
      resources: [t3],
      usage: 'version: 1\nresource_usage:\n  aws_instance.t:\n    monthly_cpu_credit_hrs: 100\n',
    });
    assert.equal(component(given, /^CPU credits/).state, 'unknown');
    assert.equal(given.status, 'partial');
  });

  it('a misspelt instance type says so, with the nearest type, rather than suggesting a refresh', async () => {
    const r = await costOf({
      resources: [{ address: 'aws_instance.a', after: { instance_type: 'm5.larg' } }],
    });
    assert.equal(
      component(r, /^Instance/).reason,
      'm5.larg is not an EC2 instance type tollgate knows (did you mean m5.large?); a type newer than the bundled catalog needs `tollgate pricing refresh`',
    );
  });

  it('names a region outside the catalog', async () => {
    const r = await costOf({
      region: 'xx-nowhere-9',
      resources: [{ address: 'aws_instance.a', after: { instance_type: 't3.micro' } }],
    });
    assert.match(
      component(r, /^Instance/).reason ?? '',
      /^no catalog price for xx-nowhere-9; run `tollgate pricing refresh`$/,
    );
  });

  it('does not price dedicated tenancy as shared', async () => {
    const r = await costOf({
      resources: [{ address: 'aws_instance.d', after: { instance_type: 'm5.large', tenancy: 'dedicated' } }],
    });
    assert.equal(component(r, /^Instance/).state, 'not-priced');
    assert.match(component(r, /^Instance/).reason ?? '', /dedicated tenancy/);
  });

  it('adds CPU credits for unlimited burstable instances as usage', async () => {
    const without = await costOf({
      resources: [
        { address: 'aws_instance.t', after: { instance_type: 't3.micro', credit_specification: [] } },
      ],
    });
    assert.equal(component(without, /CPU credits/).state, 'usage-not-given');
    const withUsage = await costOf({
      resources: [
        { address: 'aws_instance.t', after: { instance_type: 't3.micro', credit_specification: [] } },
      ],
      usage: 'version: 1\nresource_usage:\n  aws_instance.t:\n    monthly_cpu_credit_hrs: 100\n',
    });
    assertMoney(component(withUsage, /CPU credits/).monthly_cost, 5); // 100 × 0.05
    const standard = await costOf({
      resources: [{ address: 'aws_instance.t2', after: { instance_type: 't2.micro' } }],
    });
    assert.equal(
      standard.components.some((c) => /CPU credits/.test(c.name)),
      false,
    );
  });

  it('prices before and after an instance type change', async () => {
    const r = await costOf({
      resources: [
        {
          address: 'aws_instance.u',
          actions: ['update'],
          before: { instance_type: 't3.micro' },
          after: { instance_type: 't3.xlarge' },
        },
      ],
    });
    assertMoney(r.monthly_before, 7.592); // 730 × 0.0104
    assertMoney(r.monthly_after, 121.472); // 730 × 0.1664
    assertMoney(r.monthly_delta, 113.88);
  });
});

describe('aws_ebs_volume', () => {
  const volume = (after: Record<string, unknown>, region = 'us-east-1') =>
    costOf({ region, resources: [{ address: 'aws_ebs_volume.v', after }] });

  it('gp3 with and without extra IOPS and throughput', async () => {
    const base = await volume({ type: 'gp3', size: 500, iops: 3000, throughput: 125 });
    assert.deepEqual(
      base.components.map((c) => c.monthly_cost),
      [40],
    );
    const extra = await volume({ type: 'gp3', size: 500, iops: 16000, throughput: 1000 });
    assert.deepEqual(
      extra.components.map((c) => c.monthly_cost),
      [40, 65, 35],
    ); // 13000 × 0.005, 875 × 0.04
  });

  it('gp2, st1, sc1, magnetic, io1', async () => {
    assertMoney((await volume({ type: 'gp2', size: 100 })).monthly_after, 10);
    assertMoney((await volume({ type: 'st1', size: 1000 })).monthly_after, 45);
    assertMoney((await volume({ type: 'sc1', size: 1000 })).monthly_after, 15);
    const magnetic = await volume({ type: 'standard', size: 100 });
    assertMoney(magnetic.monthly_after, 5);
    assert.equal(component(magnetic, /I\/O requests/).state, 'usage-not-given');
    assertMoney((await volume({ type: 'io1', size: 100, iops: 2000 })).monthly_after, 12.5 + 130);
  });

  it('io2 IOPS in AWS tiers', async () => {
    const r = await volume({ type: 'io2', size: 100, iops: 70000 }, 'eu-west-1');
    assert.deepEqual(
      r.components.map((c) => [c.name.replace('Volume ', ''), c.monthly_quantity, c.monthly_cost]),
      [
        ['storage (provisioned IOPS SSD, io2)', 100, 13.8],
        ['provisioned IOPS (first 32,000)', 32000, 2304], // × 0.072
        ['provisioned IOPS (32,001–64,000)', 32000, 1612.8], // × 0.0504
        ['provisioned IOPS (above 64,000)', 6000, 211.68], // × 0.03528
      ],
    );
  });

  it('defaults the type to gp2 and keeps an unknown size unknown', async () => {
    assertMoney((await volume({ size: 10 })).monthly_after, 1);
    const r = await costOf({
      resources: [
        {
          address: 'aws_ebs_volume.s',
          after: { type: 'gp3', snapshot_id: 'snap-1' },
          after_unknown: { size: true },
        },
      ],
    });
    assert.equal(r.components[0]?.state, 'unknown');
    assert.equal(r.components[0]?.reason, 'size is known only after apply');
  });
});

describe('aws_nat_gateway', () => {
  it('bills hours, and data processed only with usage', async () => {
    const r = await costOf({ resources: [{ address: 'aws_nat_gateway.n', after: {} }] });
    assertMoney(component(r, /^NAT gateway/).monthly_cost, 32.85); // 730 × 0.045
    const data = component(r, /Data processed/);
    assert.equal(data.state, 'usage-not-given');
    assert.equal(data.monthly_quantity, null);
    assert.equal(data.reason, 'usage not given: set monthly_data_processed_gb in the usage file');
    const used = await costOf({
      region: 'eu-west-1',
      resources: [{ address: 'aws_nat_gateway.n', after: {} }],
      usage:
        'version: 1\nresource_type_default_usage:\n  aws_nat_gateway:\n    monthly_data_processed_gb: 1000\n',
    });
    assertMoney(used.monthly_after, 83.04); // 730 × 0.048 + 1000 × 0.048
  });
});

describe('values the plan marks unknown but the configuration sets as constants', () => {
  it('are known: a computed block written out in the configuration', async () => {
    const { AttrView, UNKNOWN } = await import('../../src/cost/attributes.ts');
    const view = AttrView.of(
      { name: 't', point_in_time_recovery: null },
      { point_in_time_recovery: true, arn: true, settings: true },
      {
        point_in_time_recovery: [{ enabled: { constant_value: true } }],
        arn: { references: ['aws_x.y.arn'] },
        settings: { constant_value: { size: 10 } },
      },
    );
    const blocks = view.blocks('point_in_time_recovery');
    assert.notEqual(blocks, UNKNOWN);
    assert.equal((blocks as InstanceType<typeof AttrView>[])[0]?.bool('enabled'), true);
    assert.equal(view.str('arn'), UNKNOWN, 'a reference stays unknown');
    assert.equal(view.num(['settings', 'size'])?.toString(), '10');
    assert.equal(AttrView.of({}, { x: true }).str('x'), UNKNOWN, 'no configuration: unknown');
  });
});
