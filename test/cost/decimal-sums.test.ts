import assert from 'node:assert/strict';
import { test } from 'node:test';
import Big from 'big.js';
import { DecimalSums, isOne, isZero, toJsonNumber } from '../../src/cost/money.ts';
import { showback } from '../../src/cost/showback.ts';
import { tallyCosts } from '../../src/cost/tally.ts';
import type { ResourceCost } from '../../src/model/cost.ts';
import type { Resource } from '../../src/model/resource.ts';

test('DecimalSums adds exactly what Big adds, across scales and signs', () => {
  const values = [
    '0.0114',
    '730',
    '-2.5',
    '0.0000166667',
    '12345.6789',
    '0',
    '-0.000000000000000000000001',
    '1e-30',
    '3e5',
  ].map((v) => new Big(v));
  const sums = new DecimalSums(values);
  let bigTotal = new Big(0);
  let total = 0n;
  for (const v of [...values, ...values, values[1] as Big]) {
    bigTotal = bigTotal.plus(v);
    total += sums.of(v);
  }
  assert.equal(sums.decimal(total).toFixed(), bigTotal.toFixed());
  assert.equal(sums.decimal(0n).toFixed(), '0');
  assert.equal(sums.decimal(-sums.of(values[0] as Big)).toFixed(), '-0.0114');
});

test('DecimalSums refuses a decimal it was not given: its scale may not fit', () => {
  const sums = new DecimalSums([new Big('1.5')]);
  assert.throws(() => sums.of(new Big('1.25')), /not registered/);
});

test('isZero and isOne read the normalised digits', () => {
  assert.ok(isZero(new Big(0)) && isZero(new Big('-0')) && isZero(new Big('0.000')));
  assert.ok(!isZero(new Big('0.001')));
  assert.ok(isOne(new Big(1)) && isOne(new Big('1.0')));
  for (const v of ['-1', '10', '0.1', '1.01']) assert.ok(!isOne(new Big(v)), v);
});

test('toJsonNumber gives the number the decimal string parses to', () => {
  const cases = [
    '0',
    '-0',
    '0.0114',
    '730',
    '8.322',
    '0.0000166667',
    '123456789012345',
    '1234567890123456789',
    '0.1',
    '0.3',
    '-2.5',
    '1e-30',
    '3e25',
    '416.6675',
    '99999999999999.99',
    '0.000000000000000000001234',
  ];
  for (const c of cases) assert.equal(toJsonNumber(new Big(c)), Number(new Big(c).toString()), c);
  // Products as the cost engine makes them.
  for (let i = 1; i < 2000; i++) {
    const v = new Big('0.0000166667').times(i * 37).plus(new Big(i).div(7).round(10));
    assert.equal(toJsonNumber(v), Number(v.toString()), v.toString());
  }
});

test('DecimalSums.jsonNumber gives what toJsonNumber gives for the decimal, from numbers and bigints', () => {
  const values = ['0.0114', '730', '-2.5', '0.0000166667', '12345.6789', '8.322'].map((v) => new Big(v));
  const sums = new DecimalSums(values);
  let total = 0n;
  for (const v of [...values, ...values]) {
    total += sums.of(v);
    const exact = toJsonNumber(sums.decimal(total));
    assert.equal(sums.jsonNumber(total), exact);
    assert.equal(sums.jsonNumber(Number(total)), exact);
  }
});

test('showback sums exactly on both paths: plain numbers while they fit, bigints beyond', () => {
  const cases: [string, string[]][] = [
    ['small', ['8.322', '0.0114', '91.738', '0.0000166667']],
    // Scaled to a common 18 places these no longer fit a double's integers.
    ['large', ['123456789012.123456789012345678', '987654321098.1', '0.000000000000000001', '5']],
  ];
  for (const [label, amounts] of cases) {
    const resources: Resource[] = [];
    const costs: ResourceCost[] = [];
    amounts.forEach((amount, i) => {
      const value = new Big(amount);
      const resource = {
        address: `aws_x.r${i}`,
        type: 'aws_x',
        tags: {
          known: { team: i % 2 === 0 ? 'a' : 'b' },
          unknown: [],
          allUnknown: false,
          sensitive: [],
          carrier: 'tags',
        },
      } as unknown as Resource;
      resources.push(resource);
      costs.push({
        status: 'priced',
        monthlyBefore: new Big(0),
        monthlyAfter: value,
        monthlyDelta: value,
      });
    });
    const rows = showback(resources, tallyCosts(costs), ['team']).byTag.get('team');
    for (const team of ['a', 'b']) {
      const exact = amounts
        .filter((_, i) => (i % 2 === 0 ? 'a' : 'b') === team)
        .reduce((s, a) => s.plus(a), new Big(0));
      assert.equal(rows?.get(team)?.after, toJsonNumber(exact), `${label} ${team}`);
      assert.equal(rows?.get(team)?.delta, toJsonNumber(exact), `${label} ${team}`);
    }
  }
});
