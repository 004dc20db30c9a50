import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuCores, memoryGib, parseQuantity } from '../../src/kubernetes/quantity.ts';

function value(raw: unknown): string {
  const parsed = parseQuantity(raw);
  assert.ok(parsed.ok, `${JSON.stringify(raw)}: ${parsed.ok ? '' : parsed.why}`);
  return parsed.value.toFixed();
}

function why(raw: unknown): string {
  const parsed = parseQuantity(raw);
  assert.ok(!parsed.ok, `${JSON.stringify(raw)} parsed as ${parsed.ok ? parsed.value.toString() : ''}`);
  return parsed.why;
}

describe('resource quantities', () => {
  it('parses decimal suffixes, millis and plain numbers exactly', () => {
    assert.equal(value('500m'), '0.5');
    assert.equal(value('1.5'), '1.5');
    assert.equal(value('0.5'), '0.5');
    assert.equal(value('1k'), '1000');
    assert.equal(value('1G'), '1000000000');
    assert.equal(value('2M'), '2000000');
    assert.equal(value('1E'), '1000000000000000000');
    assert.equal(value('.5'), '0.5');
    assert.equal(value('5.'), '5');
    assert.equal(value('+2'), '2');
  });

  it('parses binary suffixes as powers of two', () => {
    assert.equal(value('1Ki'), '1024');
    assert.equal(value('256Mi'), String(256 * 1024 * 1024));
    assert.equal(value('1.5Gi'), String(1.5 * 2 ** 30));
    assert.equal(value('1Ti'), String(2 ** 40));
  });

  it('parses exponents, and tells 1E (exa) from 1E3', () => {
    assert.equal(value('2e3'), '2000');
    assert.equal(value('1E3'), '1000');
    assert.equal(value('25e-2'), '0.25');
    assert.equal(value('1e+2'), '100');
  });

  it('reads YAML numbers through their decimal form', () => {
    assert.equal(value(2), '2');
    assert.equal(value(0.1), '0.1');
    assert.equal(value(1e-7), '0.0000001');
  });

  it('refuses what is not a quantity, saying what was expected', () => {
    assert.match(why('abc'), /expected a number with an optional suffix/);
    assert.match(why(''), /expected a number/);
    assert.match(why('1Kb'), /unknown suffix "Kb"/);
    assert.match(why('1 Gi'), /unknown suffix " Gi"/);
    assert.match(why('1.2.3'), /unknown suffix "\.3"/);
    assert.match(why('1gi'), /unknown suffix "gi"/);
    assert.match(why(null), /null/);
    assert.match(why({ cpu: 1 }), /object/);
    assert.match(why('1e99999'), /out of range/);
  });

  it('counts CPU in whole millicores, rounding finer values up, and memory in GiB of whole bytes', () => {
    const q = (raw: string) => {
      const parsed = parseQuantity(raw);
      if (!parsed.ok) throw new Error(parsed.why);
      return parsed.value;
    };
    assert.equal(cpuCores(q('0.0001')).toString(), '0.001');
    assert.equal(cpuCores(q('250m')).toString(), '0.25');
    assert.equal(memoryGib(q('512Mi')).toString(), '0.5');
    assert.equal(memoryGib(q('1500m')).toString(), memoryGib(q('2')).toString());
  });
});
