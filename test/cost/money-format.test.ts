import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Big from 'big.js';
import { formatUnitPrice, formatUsd } from '../../src/cost/money.ts';

describe('money as shown', () => {
  it('shows a unit price with the digits it was quoted in, so quantity × price = cost adds up', () => {
    assert.equal(formatUnitPrice(new Big('4.608')), '$4.608'); // m5.metal an hour: $4.61 × 730 ≠ $3,363.84
    assert.equal(formatUnitPrice(new Big('1234.5')), '$1,234.50');
    assert.equal(formatUnitPrice(new Big('0.0000166667')), '$0.0000166667');
    assert.equal(formatUnitPrice(new Big('0.1')), '$0.10');
    assert.equal(formatUnitPrice(new Big('2')), '$2.00');
    assert.equal(formatUnitPrice(new Big('0')), '$0.00');
    assert.equal(formatUnitPrice(new Big('0.0335616438356164383561643835616')), '$0.033561644');
  });

  it('rounds amounts to cents, half up', () => {
    assert.equal(formatUsd(new Big('3363.84')), '$3,363.84');
    assert.equal(formatUsd(new Big('0.005')), '$0.01');
    assert.equal(formatUsd(new Big('-12.345'), { signed: true }), '-$12.35');
  });
});
