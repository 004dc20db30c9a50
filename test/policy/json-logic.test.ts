import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileLogic, evaluateLogic, OPERATORS, OTHER_KEYS, Unknown } from '../../src/policy/json-logic.ts';

/** Compiles (operators checked) and evaluates, as a rule does. */
function run(logic: unknown, data: Record<string, unknown> = DATA) {
  const compiled = compileLogic(logic);
  if ('error' in compiled) throw new Error(`unknown operator ${compiled.error.operator}`);
  return evaluateLogic(compiled.logic, data);
}

const value = (logic: unknown, data?: Record<string, unknown>): unknown => run(logic, data).value;

const DATA: Record<string, unknown> = {
  address: 'module.app.aws_instance.web[0]',
  type: 'aws_instance',
  action: 'create',
  region: 'eu-west-1',
  before: null,
  after: {
    instance_type: 'm5.large',
    ingress: [
      {
        cidr_blocks: ['10.0.0.0/8'],
        from_port: 22,
        description: new Unknown('after.ingress.0.description is known only after apply'),
      },
      { cidr_blocks: ['0.0.0.0/0'], from_port: 443 },
    ],
    subnet_id: new Unknown('after.subnet_id is known only after apply'),
    tags: { Name: 'web' },
  },
  tags: { 'app.kubernetes.io/name': 'web', 'aws:cloudformation:stack-name': 'core', team: 'Payments' },
  cost: { monthly_before: 0, monthly_after: 70.08, monthly_delta: 70.08, status: 'priced' },
};

describe('json-logic operators', () => {
  it('tag reads a key exactly, dots and colons included; var would split it', () => {
    assert.equal(value({ tag: 'app.kubernetes.io/name' }), 'web');
    assert.equal(value({ tag: 'aws:cloudformation:stack-name' }), 'core');
    assert.equal(value({ tag: 'missing' }), null);
    assert.equal(value({ var: 'tags.app.kubernetes.io/name' }), null);
    assert.equal(value({ has_tag: 'team' }), true);
    assert.equal(value({ has_tag: 'Team' }), false, 'case-sensitive');
  });

  it('tag reads the resource tags from inside some/filter/map, where var reads the element', () => {
    assert.equal(value({ some: [{ var: 'after.ingress' }, { '==': [{ tag: 'team' }, 'Payments'] }] }), true);
  });

  it('glob matches with * across dots and ! negation; regex is anchored', () => {
    assert.equal(value({ glob: [{ var: 'after.instance_type' }, 'm5.*'] }), true);
    assert.equal(value({ glob: [{ var: 'region' }, ['!eu-*']] }), false);
    assert.equal(value({ glob: [{ var: 'address' }, 'module.app.*'] }), true);
    assert.equal(value({ regex: [{ var: 'after.instance_type' }, 'm5'] }), false, 'anchored');
    assert.equal(value({ regex: [{ var: 'after.instance_type' }, 'm5\\..*'] }), true);
    assert.equal(value({ regex: [{ tag: 'team' }, 'payments', 'i'] }), true);
    assert.equal(value({ regex: [null, '.*'] }), false, 'a missing value matches nothing');
  });

  it('lower, keys, starts_with, ends_with', () => {
    assert.equal(value({ lower: { tag: 'team' } }), 'payments');
    assert.deepEqual(value({ keys: { var: 'after.tags' } }), ['Name']);
    assert.deepEqual(value({ keys: 'not a map' }), []);
    assert.equal(value({ starts_with: [{ var: 'type' }, 'aws_'] }), true);
    assert.equal(value({ ends_with: [{ var: 'address' }, '[0]'] }), true);
    assert.equal(value({ starts_with: [null, 'aws_'] }), false);
  });

  it('the standard operators still work', () => {
    assert.equal(value({ '>': [{ var: 'cost.monthly_after' }, 50] }), true);
    assert.equal(value({ in: ['0.0.0.0/0', { var: 'after.ingress.1.cidr_blocks' }] }), true);
    assert.equal(value({ cat: ['a', 1, null, true] }), 'a1true');
    assert.equal(value({ substr: ['tollgate', -4] }), 'gate');
    assert.equal(value({ substr: ['tollgate', 0, -4] }), 'toll');
    assert.equal(value({ '+': [1, '2'] }), 3);
    assert.deepEqual(value({ merge: [[1], 2, [3]] }), [1, 2, 3]);
    assert.deepEqual(value({ missing: ['address', 'nope'] }), ['nope']);
    assert.equal(value({ if: [{ '==': [{ var: 'action' }, 'create'] }, 'new', 'old'] }), 'new');
    assert.deepEqual(value({ map: [[1, 2], { '*': [{ var: '' }, 2] }] }), [2, 4]);
    assert.equal(value({ reduce: [[1, 2, 3], { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] }), 6);
  });
});

describe('json-logic hardening: no way to prototypes or globals', () => {
  it('var, missing, tag and has_tag see own properties only', () => {
    for (const path of [
      'constructor',
      'constructor.name',
      '__proto__',
      'toString',
      'after.__proto__',
      'after.tags.constructor',
      'tags.hasOwnProperty',
      'after.ingress.length.constructor',
    ]) {
      assert.equal(value({ var: path }), null, path);
    }
    assert.equal(value({ var: ['constructor', 'fallback'] }), 'fallback');
    assert.equal(value({ tag: 'constructor' }), null);
    assert.equal(value({ tag: '__proto__' }), null);
    assert.equal(value({ has_tag: 'toString' }), false);
    assert.deepEqual(value({ missing: ['constructor', '__proto__'] }), ['constructor', '__proto__']);
    assert.equal(value({ reduce: [[1], { var: 'accumulator.constructor' }, null] }), null);
    assert.equal(value({ some: [[{}], { var: 'constructor' }] }), false);
  });

  it('refuses operators it does not list: log, dotted method paths, prototype names', () => {
    for (const op of [
      'log',
      'constructor',
      '__proto__',
      'hasOwnProperty',
      'log.prototype.constructor',
      'var.call',
      'method',
    ]) {
      const compiled = compileLogic({ '==': [1, { [op]: ['x'] }] });
      assert.ok('error' in compiled, op);
      assert.equal(compiled.error.operator, op);
      assert.deepEqual(compiled.error.path, ['==', 1, op]);
    }
    assert.equal(
      (compileLogic({ regexp: ['a', 'b'] }) as { error: { suggestion: string } }).error.suggestion,
      'regex',
    );
    assert.ok(!OPERATORS.includes('log'));
  });

  it('a malicious rule neither reaches Object nor pollutes it', () => {
    const rule = {
      or: [
        { var: 'constructor.constructor' },
        { var: '__proto__.polluted' },
        { merge: [{ var: '__proto__' }, { var: 'constructor.prototype' }] },
        { cat: [{ var: 'toString' }, { tag: 'valueOf' }] },
      ],
    };
    const result = run(
      rule,
      JSON.parse('{"__proto__": {"polluted": "yes"}, "tags": {}}') as Record<string, unknown>,
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.notEqual(typeof result.value, 'function');
    assert.equal(value({ var: '__proto__.polluted' }), null, 'only an own key named __proto__ is data');
  });
});

describe('json-logic and values known only after apply', () => {
  it('reading an unknown value makes the result undecidable, with why', () => {
    const r = run({ '==': [{ var: 'after.subnet_id' }, 'subnet-1'] });
    assert.deepEqual(r.unknowns, ['after.subnet_id is known only after apply']);
    assert.deepEqual(run({ var: 'after.subnet_id.deeper' }).unknowns, [
      'after.subnet_id is known only after apply',
    ]);
  });

  it('what is not read does not count: short-circuits and known fields inside a list', () => {
    assert.deepEqual(run({ or: [true, { var: 'after.subnet_id' }] }).unknowns, []);
    assert.deepEqual(
      run({ some: [{ var: 'after.ingress' }, { in: ['0.0.0.0/0', { var: 'cidr_blocks' }] }] }).unknowns,
      [],
    );
    assert.deepEqual(
      run({ '!': { var: 'after.ingress' } }).unknowns,
      [],
      'a list is truthy whatever is in it',
    );
    assert.deepEqual(run({ keys: { var: 'after' } }).unknowns, []);
  });

  it('a list or map with an unknown inside, compared as a whole, is undecidable', () => {
    assert.equal(run({ in: ['x', [{ var: 'after.subnet_id' }]] }).unknowns.length, 1);
    assert.equal(run({ '==': [{ var: 'after.ingress.0' }, {}] }).unknowns.length, 1);
  });

  it('known is false for an unknown value and reads it without making the rule undecidable', () => {
    assert.deepEqual(run({ known: 'after.subnet_id' }), {
      value: false,
      truthy: false,
      unknowns: [],
      read: [],
    });
    assert.equal(value({ known: 'after.instance_type' }), true);
    assert.equal(value({ known: 'after.ingress' }), false, 'a list with an unknown element');
    assert.equal(value({ known: 'after.nothing_here' }), true, 'absent is known to be absent');
    assert.equal(
      value({ known: { var: 'after.subnet_id' } }),
      false,
      '{"known": {"var": P}} is {"known": P}',
    );
    assert.deepEqual(
      run({ and: [{ known: 'after.subnet_id' }, { '==': [{ var: 'after.subnet_id' }, 'x'] }] }).unknowns,
      [],
    );
  });

  it('tags that may exist but are not known are unknown to tag, has_tag, var and keys', () => {
    const tags: Record<string, unknown> = { team: 'a' };
    Object.defineProperty(tags, OTHER_KEYS, {
      value: new Unknown('default_tags are known only after apply'),
    });
    const data = { ...DATA, tags };
    assert.equal(value({ tag: 'team' }, data), 'a');
    assert.deepEqual(run({ tag: 'env' }, data).unknowns, ['default_tags are known only after apply']);
    assert.deepEqual(run({ has_tag: 'env' }, data).unknowns, ['default_tags are known only after apply']);
    assert.deepEqual(run({ keys: { var: 'tags' } }, data).unknowns, [
      'default_tags are known only after apply',
    ]);
  });

  it('errors are thrown for the caller to report: bad regex, known without a path', () => {
    assert.throws(() => run({ regex: ['a', '('] }), /regex: "\(" is not a valid regular expression/);
    assert.throws(() => run({ regex: ['a', 'a', 'g'] }), /flags may be i, m, s and u/);
    assert.throws(() => run({ known: 1 }), /known takes a path/);
    assert.throws(() => run({ glob: ['a', 3] }), /glob: patterns must be non-empty strings/);
  });
});
