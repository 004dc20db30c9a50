import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Big from 'big.js';
import { dec, ZERO } from '../../src/cost/money.ts';
import type { ResourceCost } from '../../src/model/cost.ts';
import type { Resource } from '../../src/model/resource.ts';
import { OTHER_KEYS, Unknown } from '../../src/policy/json-logic.ts';
import { ruleData } from '../../src/policy/rule-data.ts';

function resource(extra: Partial<Resource>): Resource {
  return {
    address: 'aws_instance.web',
    type: 'aws_instance',
    name: 'web',
    provider: 'aws',
    action: 'create',
    before: null,
    after: {},
    afterUnknown: {},
    beforeSensitive: {},
    afterSensitive: {},
    origin: { kind: 'terraform-plan', path: 'plan.json' },
    ...extra,
  };
}

const costed = { costed: true };
const why = (v: unknown): string | undefined => (v instanceof Unknown ? v.why : undefined);

describe('what a rule sees of a resource', () => {
  it('marks every path after_unknown marks, in maps and lists, unless the configuration writes a constant', () => {
    const data = ruleData(
      resource({
        after: { instance_type: 'm5.large', ebs_block_device: [{ volume_size: 10 }] },
        afterUnknown: { id: true, ebs_block_device: [{ volume_id: true }, true], ami: true },
        config: { expressions: { ami: { constant_value: 'ami-1' } } },
      }),
      undefined,
      costed,
    );
    const after = data.after as Record<string, unknown>;
    assert.equal(after.instance_type, 'm5.large');
    assert.equal(why(after.id), 'after.id is known only after apply');
    assert.equal(after.ami, 'ami-1');
    const blocks = after.ebs_block_device as unknown[];
    assert.equal((blocks[0] as Record<string, unknown>).volume_size, 10);
    assert.equal(
      why((blocks[0] as Record<string, unknown>).volume_id),
      'after.ebs_block_device.0.volume_id is known only after apply',
    );
    assert.equal(why(blocks[1]), 'after.ebs_block_device.1 is known only after apply');
  });

  it('keeps a key named __proto__ in a plan as data, never as a prototype', () => {
    const data = ruleData(
      resource({
        after: JSON.parse('{"__proto__": {"a": 1}}') as Record<string, unknown>,
        afterUnknown: JSON.parse('{"__proto__": {"b": true}}') as unknown,
      }),
      undefined,
      costed,
    );
    const after = data.after as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(after), Object.prototype);
    assert.ok(Object.hasOwn(after, '__proto__'));
    const inner = after['__proto__'] as Record<string, unknown>;
    assert.equal(inner.a, 1);
    assert.ok(inner.b instanceof Unknown);
  });

  it('tags: known values, unknown keys, and keys that may exist when default_tags are unknown', () => {
    const tags = ruleData(
      resource({
        tags: {
          known: { team: 'a' },
          unknown: ['env'],
          allUnknown: false,
          sensitive: [],
          carrier: 'tags',
          unresolvedDefaultsFrom: 'aws.eu',
          unknownWhy: { env: 'var.env has no value' },
        },
      }),
      undefined,
      costed,
    ).tags as Record<string | symbol, unknown>;
    assert.equal(tags.team, 'a');
    assert.equal(why(tags.env), 'var.env has no value');
    assert.equal(why(tags[OTHER_KEYS]), 'default_tags of provider "aws.eu" are known only after apply');
    assert.deepEqual(Object.keys(tags), ['team', 'env']);
    assert.equal(ruleData(resource({}), undefined, costed).tags, null, 'a type without tags');
  });

  it('cost: numbers when known; unknown when not priced, partly known, or turned off', () => {
    const side = (total: Big, incomplete: boolean) => ({
      total,
      incomplete,
      components: incomplete
        ? [
            {
              name: 'Instance',
              unit: 'hours',
              state: 'unknown' as const,
              reason: 'instance_type is known only after apply',
            },
          ]
        : [],
    });
    const priced: ResourceCost = {
      status: 'priced',
      after: side(dec('70.08'), false),
      monthlyBefore: ZERO,
      monthlyAfter: dec('70.08'),
      monthlyDelta: dec('70.08'),
    };
    assert.deepEqual(ruleData(resource({}), priced, costed).cost, {
      monthly_before: 0,
      monthly_after: 70.08,
      monthly_delta: 70.08,
      status: 'priced',
    });
    const partial: ResourceCost = { ...priced, status: 'partial', after: side(dec('0.64'), true) };
    const cost = ruleData(resource({}), partial, costed).cost as Record<string, unknown>;
    assert.equal(cost.monthly_before, 0);
    assert.equal(
      why(cost.monthly_after),
      'the monthly cost after of aws_instance.web is only partly known (Instance: instance_type is known only after apply)',
    );
    assert.equal(cost.monthly_delta, cost.monthly_after);
    const off = ruleData(resource({}), undefined, { costed: false }).cost as Record<string, unknown>;
    assert.equal(why(off.monthly_after), 'cost estimation is turned off (--no-cost)');
  });

  it('region: the resource’s, else the default region, else unknown', () => {
    assert.equal(ruleData(resource({ region: 'eu-west-1' }), undefined, costed).region, 'eu-west-1');
    assert.equal(
      ruleData(resource({}), undefined, { ...costed, defaultRegion: 'us-east-2' }).region,
      'us-east-2',
    );
    assert.ok(ruleData(resource({}), undefined, costed).region instanceof Unknown);
  });
});
