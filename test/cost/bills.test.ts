import assert from 'node:assert/strict';
import { it } from 'node:test';
import Big from 'big.js';
import { BillInterner } from '../../src/cost/bills.ts';
import type { ComponentSpec } from '../../src/cost/resources/types.ts';

const hours = (n: string, extra: Partial<ComponentSpec> = {}): ComponentSpec => ({
  name: 'Instance (m5.large)',
  unit: 'hours',
  quantity: { kind: 'known', value: new Big(n) },
  skus: [{ sku: 'ec2/m5.large' }],
  hourly: true,
  ...extra,
});

it('equal bills share one list; a bill that differs in any field keeps its own', () => {
  const bills = new BillInterner();
  const first = [hours('730')];
  assert.equal(bills.intern(first, 'eu-west-1', undefined), first);
  // The same decimal written differently is the same quantity.
  assert.equal(bills.intern([hours('730.0')], 'eu-west-1', undefined), first);
  const variants: (() => [ComponentSpec[], string, Big | undefined])[] = [
    () => [[hours('730')], 'us-east-1', undefined],
    () => [[hours('730')], 'eu-west-1', new Big(200)],
    () => [[hours('731')], 'eu-west-1', undefined],
    () => [[hours('0.5')], 'eu-west-1', undefined],
    () => [[hours('-730')], 'eu-west-1', undefined],
    () => [[hours('730', { hourly: false })], 'eu-west-1', undefined],
    () => [[hours('730', { name: 'Instance (m5.xlarge)' })], 'eu-west-1', undefined],
    () => [[hours('730', { note: '2 × 365' })], 'eu-west-1', undefined],
    () => [[hours('730', { unpricedReason: 'dedicated tenancy' })], 'eu-west-1', undefined],
    () => [[hours('730', { skus: [{ sku: 'ec2/m5.large', factor: new Big(2) }] })], 'eu-west-1', undefined],
    () => [[hours('730', { skus: [{ sku: 'ec2/m5.large', region: 'us-east-1' }] })], 'eu-west-1', undefined],
    () => [[hours('730', { skus: [{ sku: 'ec2/m5.large', note: 'Multi-AZ' }] })], 'eu-west-1', undefined],
    () => [[hours('730', { skus: [] })], 'eu-west-1', undefined],
    () => [[hours('730', { quantityMax: { kind: 'known', value: new Big(1460) } })], 'eu-west-1', undefined],
    () => [[hours('730', { policyPrice: { usd: new Big('0.1') } })], 'eu-west-1', undefined],
    () => [[hours('730', { quantity: { kind: 'usage', key: 'monthly_hours' } })], 'eu-west-1', undefined],
    () => [
      [hours('730', { quantity: { kind: 'unknown', reason: 'instance_type' } })],
      'eu-west-1',
      undefined,
    ],
    () => [[hours('730'), hours('730')], 'eu-west-1', undefined],
    () => [[], 'eu-west-1', undefined],
  ];
  for (const make of variants) {
    const [specs, region, h] = make();
    assert.equal(
      bills.intern(specs, region, h),
      specs,
      `shared with an earlier bill: ${JSON.stringify(specs)}`,
    );
    const [again] = make();
    assert.equal(
      bills.intern(again, region, h),
      specs,
      `not shared when seen again: ${JSON.stringify(specs)}`,
    );
  }
});
