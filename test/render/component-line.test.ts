import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Big from 'big.js';
import { formatQuantity } from '../../src/cost/units.ts';
import type { ComponentReport } from '../../src/model/report.ts';
import { componentLine } from '../../src/render/text.ts';

function priced(unit: string, quantity: number, price: number, extra: Partial<ComponentReport> = {}) {
  return componentLine({
    name: 'Line',
    unit,
    state: 'priced',
    monthly_quantity: quantity,
    unit_price: price,
    monthly_cost: quantity * price,
    ...extra,
  });
}

describe('quantities in words', () => {
  it('counts the things a batch-priced unit names, and names the batch with the price', () => {
    assert.equal(priced('1M requests', 100, 0.4), 'Line  100M requests × $0.40 per 1M = $40.00');
    assert.equal(priced('10k requests', 100, 0.03), 'Line  1M requests × $0.03 per 10k = $3.00');
    assert.equal(priced('1k requests', 2.5, 0.005), 'Line  2.5k requests × $0.005 per 1k = $0.01');
    assert.equal(priced('1M requests', 2000, 0.2), 'Line  2B requests × $0.20 per 1M = $400.00');
    assert.equal(priced('1k requests', 0.5, 0.005), 'Line  500 requests × $0.005 per 1k = $0.00');
  });

  it('is singular for exactly one, whatever the unit counts', () => {
    assert.equal(priced('months', 1, 1), 'Line  1 month × $1.00 = $1.00');
    assert.equal(priced('GB-months', 1, 0.1), 'Line  1 GB-month × $0.10 = $0.10');
    assert.equal(priced('hours', 1, 0.5), 'Line  1 hour × $0.50 = $0.50');
    assert.equal(priced('1M requests', 0.000001, 0.4), 'Line  1 request × $0.40 per 1M = $0.00');
    assert.equal(priced('months', 7, 0.3), 'Line  7 months × $0.30 = $2.10');
    assert.equal(priced('hours', 0.5, 1), 'Line  0.5 hours × $1.00 = $0.50');
  });

  it('leaves abbreviations as they are for one', () => {
    assert.equal(formatQuantity(new Big(1), 'GB', 4), '1 GB');
    assert.equal(formatQuantity(new Big(1), 'MiBps-months', 4), '1 MiBps-month');
    assert.equal(formatQuantity(new Big(1), 'IOPS', 4), '1 IOPS');
  });

  it('shows a range once, in the plural', () => {
    assert.equal(
      priced('hours', 1, 0.5, { monthly_quantity_max: 3, monthly_cost_max: 1.5 }),
      'Line  1–3 hours × $0.50 = $0.50–$1.50',
    );
    assert.equal(
      priced('1M requests', 10, 0.2, { monthly_quantity_max: 50, monthly_cost_max: 10 }),
      'Line  10M–50M requests × $0.20 per 1M = $2.00–$10.00',
    );
  });

  it('names the batch with a discounted price and with a quantity not given', () => {
    assert.equal(
      priced('1M requests', 25, 0.18, { list_unit_price: 0.2, discount_percent: 10 }),
      'Line  25M requests × $0.18 per 1M (list $0.20 − 10%) = $4.50',
    );
    assert.equal(
      componentLine({
        name: 'Requests',
        unit: '1M requests',
        state: 'usage-not-given',
        monthly_quantity: null,
        unit_price: 0.2,
        monthly_cost: 0,
        reason: 'usage not given: set monthly_requests in the usage file',
      }),
      'Requests  — requests × $0.20 per 1M: $0.00, usage not given: set monthly_requests in the usage file',
    );
  });
});
