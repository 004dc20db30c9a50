import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMoney, costReport } from './harness.ts';

// NAT gateway $0.045/h in us-east-1 (data/pricing-facts/services.json, infracost golden 2024-07-01).
const HOURS_BY_ENVIRONMENT = [
  'version: 1',
  'monthly_hours:',
  '  tags:',
  '    environment:',
  '      dev: 200',
  '      prod: 500',
].join('\n');

const nat = (environment: string) => ({ connectivity_type: 'public', tags: { environment } });

describe('monthly_hours by tag value', () => {
  it('reads each side by the tags it has on that side', async () => {
    const report = await costReport({
      resources: [
        { address: 'aws_nat_gateway.moved', actions: ['update'], before: nat('dev'), after: nat('prod') },
        {
          address: 'aws_nat_gateway.rebuilt',
          actions: ['delete', 'create'],
          before: nat('prod'),
          after: nat('dev'),
        },
        { address: 'aws_nat_gateway.kept', actions: ['no-op'], before: nat('dev'), after: nat('dev') },
      ],
      usage: HOURS_BY_ENVIRONMENT,
      policy: 'version: 1\nshowback:\n  tags: [environment]\n',
    });
    const cost = (address: string) => {
      const found = report.resources.find((r) => r.address === address);
      assert.ok(found, address);
      return found;
    };
    const moved = cost('aws_nat_gateway.moved');
    assertMoney(moved.monthly_before, 9); // 200 × 0.045
    assertMoney(moved.monthly_after, 22.5); // 500 × 0.045
    assertMoney(moved.monthly_delta, 13.5);
    const hours = moved.components_before?.find((c) => c.name.startsWith('NAT gateway'));
    assert.equal(hours?.monthly_quantity, 200);
    const rebuilt = cost('aws_nat_gateway.rebuilt');
    assertMoney(rebuilt.monthly_before, 22.5);
    assertMoney(rebuilt.monthly_after, 9);
    const kept = cost('aws_nat_gateway.kept');
    assertMoney(kept.monthly_before, 9);
    assertMoney(kept.monthly_after, 9);
    // Each side's cost goes to the value it had then, at that side's hours.
    const rows = report.summary.by_tag.environment;
    assert.ok(rows);
    assertMoney(rows.dev?.before ?? null, 9 + 9); // moved, kept
    assertMoney(rows.dev?.after ?? null, 9 + 9); // rebuilt, kept
    assertMoney(rows.prod?.before ?? null, 22.5); // rebuilt
    assertMoney(rows.prod?.after ?? null, 22.5); // moved
  });

  it('an address entry wins on both sides', async () => {
    const report = await costReport({
      resources: [
        { address: 'aws_nat_gateway.moved', actions: ['update'], before: nat('dev'), after: nat('prod') },
      ],
      usage: `${HOURS_BY_ENVIRONMENT}\n  resources:\n    aws_nat_gateway.moved: 100\n`,
    });
    const moved = report.resources[0];
    assert.ok(moved);
    assertMoney(moved.monthly_before, 4.5);
    assertMoney(moved.monthly_after, 4.5);
  });
});
