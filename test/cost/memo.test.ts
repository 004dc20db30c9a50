import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generatePlan } from '../../bench/generate.ts';
import { BillInterner } from '../../src/cost/bills.ts';
import { planCosts } from '../../src/cost/estimate.ts';
import { PricerMemo } from '../../src/cost/memo.ts';
import { dec } from '../../src/cost/money.ts';
import type { ComponentSpec, Pricer, PricerInput, ResourceLookup } from '../../src/cost/resources/types.ts';
import { NO_USAGE, parseUsage, type Usage } from '../../src/cost/usage.ts';
import type { Resource } from '../../src/model/resource.ts';
import { loadInputs, type CheckRequest } from '../../src/pipeline.ts';
import { ROOT } from '../helpers/cli.ts';
import { writeTemp } from '../helpers/plan.ts';

const FIXTURES = join(ROOT, 'test', 'fixtures');

function request(over: Partial<CheckRequest>): CheckRequest {
  return {
    plans: [],
    policyPath: join(ROOT, 'policies', 'default.yaml'),
    cwd: ROOT,
    env: {},
    includeUnchanged: false,
    ...over,
  };
}

/** planCosts with and without remembered answers must agree on every resource's bill. */
function assertSameWithoutMemo(req: CheckRequest, label: string): number {
  const loaded = loadInputs(req);
  const options = {
    usage: loaded.usage,
    pricing: loaded.policy.pricing,
    kubernetes: loaded.policy.kubernetes,
  };
  const remembered = planCosts(loaded.resources, options);
  const fresh = planCosts(loaded.resources, options, false);
  assert.equal(remembered.length, loaded.resources.length, `${label}: one plan per resource`);
  for (const [i, resource] of loaded.resources.entries()) {
    assert.deepStrictEqual(
      remembered[i],
      fresh[i],
      `${label}: ${resource.address} is billed differently when answers are remembered`,
    );
  }
  return loaded.resources.length;
}

describe('remembered pricer answers', () => {
  it('give every fixture plan, .tf directory and manifest the bills pricing each side afresh gives', () => {
    let seen = 0;
    for (const file of readdirSync(join(FIXTURES, 'terraform-plans')).filter((f) => f.endsWith('.json')))
      seen += assertSameWithoutMemo(request({ plans: [join(FIXTURES, 'terraform-plans', file)] }), file);
    for (const dir of [
      'infracost-aliased-providers-default-tags/project',
      'infracost-default-tags',
      'terracost-asg-module',
      'terracost-magento-stack',
      'tfcompliance-module-count-foreach',
    ])
      seen += assertSameWithoutMemo(request({ tfDirs: [join(FIXTURES, 'terraform-hcl', dir)] }), dir);
    for (const file of readdirSync(join(FIXTURES, 'kubernetes')).filter((f) => f.endsWith('.yaml')))
      seen += assertSameWithoutMemo(request({ k8sPaths: [join(FIXTURES, 'kubernetes', file)] }), file);
    assert.ok(seen > 300, `only ${seen} resources compared`);
  });

  it('agree on a generated plan of many shapes, with usage values and monthly hours by address, type and tag', () => {
    const plan = writeTemp('memo-plan.json', JSON.stringify(generatePlan(900)));
    const usage = writeTemp(
      'memo-usage.yml',
      [
        'resource_usage:',
        '  "aws_lambda_function.r12[0]":',
        '    monthly_requests: 2000000',
        '    request_duration_ms: 250',
        '  "module.svc_1.*":',
        '    monthly_requests: 10',
        'resource_type_default_usage:',
        '  aws_s3_bucket:',
        '    storage_gb: 40',
        'monthly_hours:',
        '  resources:',
        '    "aws_instance.r0[1]": 100',
        '  tags:',
        '    environment:',
        '      dev: 200',
        '',
      ].join('\n'),
    );
    const count = assertSameWithoutMemo(request({ plans: [plan], usagePath: usage }), 'generated');
    assert.equal(count, 900);
  });
});

// A resource as the memo sees it: a type, one side's attributes, optionally a configuration.
let serial = 0;
function resource(after: Record<string, unknown>, extra: Partial<Resource> = {}): Resource {
  serial++;
  return {
    address: `test_thing.r${serial}`,
    type: 'test_thing',
    name: `r${serial}`,
    provider: 'test',
    action: 'create',
    before: null,
    after,
    afterUnknown: {},
    beforeSensitive: false,
    afterSensitive: {},
    origin: { kind: 'terraform-plan', path: 'plan.json' },
    ...extra,
  };
}

const NO_LOOKUP: ResourceLookup = { byAddress: () => undefined, ofType: () => [] };

/** A pricer whose one component is named by what `describe` reads, counting its calls. */
function pricer(describe: (input: PricerInput) => string): Pricer & { calls: number } {
  const p = {
    types: ['test_thing'],
    summary: 'test',
    calls: 0,
    components(input: PricerInput): ComponentSpec[] {
      p.calls++;
      return [{ name: describe(input), unit: 'hours', quantity: { kind: 'known', value: dec(1) }, skus: [] }];
    },
  };
  return p;
}

/** One memo pricing resources one at a time with `p`: the first component's name of each. */
function memoPricer(p: Pricer, lookup = NO_LOOKUP, usage: Usage = NO_USAGE): (r: Resource) => string {
  const memo = new PricerMemo(lookup, new BillInterner());
  return (r) =>
    memo.components(
      p,
      { resource: r, side: 'after', region: 'us-east-1', usage: usage.valuesFor(r), kubernetes: {} as never },
      undefined,
    )[0]?.name ?? '';
}

function priceAll(p: Pricer, resources: Resource[], lookup = NO_LOOKUP): string[] {
  return resources.map(memoPricer(p, lookup));
}

describe('PricerMemo', () => {
  it('reuses an answer only for the same values of every name read, even names only some calls read', () => {
    // `size` is read only for large machines: the key must grow to compare it once any call reads it.
    const p = pricer(({ attrs }) => {
      const type = attrs.str('type');
      return type === 'large' ? `large ${String(attrs.num('size'))}` : `${String(type)}`;
    });
    const names = priceAll(p, [
      resource({ type: 'small', size: 1 }),
      resource({ type: 'small', size: 2 }),
      resource({ type: 'large', size: 10 }),
      resource({ type: 'large', size: 20 }),
      resource({ type: 'large', size: 10 }),
      resource({ type: 'small', size: 3 }),
    ]);
    assert.deepEqual(names, ['small', 'small', 'large 10', 'large 20', 'large 10', 'small']);
    // small(1), large 10 (key grows, memory dropped), large 20, small(3) after the growth.
    assert.equal(p.calls, 4);
  });

  it('compares unknown markers and the configuration at the names read', () => {
    const p = pricer(({ attrs }) =>
      String(attrs.str('type') === undefined ? 'none' : String(attrs.str('type'))),
    );
    const known = resource({ type: 'a' });
    const unknown = resource({}, { afterUnknown: { type: true } });
    const configured = resource(
      {},
      { afterUnknown: { type: true }, config: { expressions: { type: { constant_value: 'b' } } } },
    );
    const names = priceAll(p, [known, unknown, configured, resource({ type: 'a' })]);
    assert.equal(names[0], 'a');
    assert.notEqual(names[1], names[2]);
    assert.equal(names[2], 'b');
    assert.equal(names[3], 'a');
  });

  it('tells -0 from 0, and a null configuration from an empty one', () => {
    const sign = pricer(({ attrs }) => {
      const size = attrs.num('size');
      return typeof size === 'object' ? `${size.s}` : 'none';
    });
    assert.deepEqual(priceAll(sign, [resource({ size: 0 }), resource({ size: -0 })]), ['1', '-1']);
    const configured = pricer(({ resource: r }) => {
      const expressions = r.config?.expressions;
      return expressions === null ? 'null' : typeof expressions;
    });
    assert.deepEqual(
      priceAll(configured, [
        resource({}, { config: { expressions: {} } }),
        resource({}, { config: { expressions: null } }),
      ]),
      ['object', 'null'],
    );
  });

  it('compares configuration a pricer reads from the resource itself', () => {
    const p = pricer(({ resource: r }) => {
      const expressions = r.config?.expressions as Record<string, unknown> | undefined;
      return expressions && Object.hasOwn(expressions, 'mode') ? 'configured' : 'default';
    });
    const names = priceAll(p, [
      resource({ x: 1 }, { config: { expressions: {} } }),
      resource({ x: 1 }, { config: { expressions: { mode: { constant_value: 'm' } } } }),
      resource({ x: 1 }, { config: { expressions: {} } }),
    ]);
    assert.deepEqual(names, ['default', 'configured', 'default']);
  });

  it('remembers nothing for a type whose pricer reads more of the resource than its attributes', () => {
    const p = pricer(({ resource: r }) => r.address);
    const names = priceAll(p, [resource({ a: 1 }), resource({ a: 1 }), resource({ a: 1 })]);
    assert.equal(new Set(names).size, 3);
    assert.equal(p.calls, 3);
  });

  it('remembers nothing for a type whose pricer reads the other side or configuration beyond expressions', () => {
    const otherSide = pricer(({ resource: r }) => String(r.before?.size));
    priceAll(otherSide, [
      resource({ a: 1 }, { before: { size: 1 } }),
      resource({ a: 1 }, { before: { size: 2 } }),
    ]);
    assert.equal(otherSide.calls, 2);
    const count = pricer(({ resource: r }) => JSON.stringify(r.config?.count_expression ?? null));
    const names = priceAll(count, [
      resource({ a: 1 }, { config: { expressions: {}, count_expression: { constant_value: 2 } } }),
      resource({ a: 1 }, { config: { expressions: {}, count_expression: { constant_value: 3 } } }),
    ]);
    assert.notEqual(names[0], names[1]);
    assert.equal(count.calls, 2);
  });

  it("does not remember a call that follows a reference; its type's other calls are remembered", () => {
    let size = 'big';
    let lookups = 0;
    const lookup: ResourceLookup = {
      byAddress: () => {
        lookups++;
        return resource({ size });
      },
      ofType: () => [],
    };
    // Like an instance that follows its subnet only when its own availability_zone is not known.
    const p = pricer(({ attrs, lookup: l }) => {
      const zone = attrs.str('zone');
      return typeof zone === 'string' ? zone : `via ${String(l.byAddress('x', 'plan.json')?.after?.size)}`;
    });
    const price = memoPricer(p, lookup);
    assert.equal(price(resource({ zone: null })), 'via big');
    size = 'small';
    // The same attributes, another referenced resource: priced again, never the remembered answer.
    assert.equal(price(resource({ zone: null })), 'via small');
    assert.equal(price(resource({ zone: 'a' })), 'a');
    assert.equal(price(resource({ zone: 'a' })), 'a');
    assert.equal(price(resource({ zone: null })), 'via small');
    assert.equal(p.calls, 4);
    assert.equal(lookups, 3);
  });

  it('stops keying a type whose every call follows references', () => {
    let lookups = 0;
    const lookup: ResourceLookup = {
      byAddress: () => {
        lookups++;
        return resource({ size: 'big' });
      },
      ofType: () => [],
    };
    const p = pricer(({ lookup: l }) => String(l.byAddress('x', 'plan.json')?.after?.size));
    const names = priceAll(
      p,
      Array.from({ length: 40 }, () => resource({})),
      lookup,
    );
    assert.deepEqual(new Set(names), new Set(['big']));
    assert.equal(p.calls, 40);
    assert.equal(lookups, 40);
  });

  it('keeps usage values apart: the same attributes with other usage are priced again', () => {
    const usage = parseUsage('usage.yml', 'resource_usage:\n  "test_thing.u1":\n    hits: 5\n');
    const p = pricer(({ usage: u }) => `hits ${String(u.number('hits'))}`);
    const price = memoPricer(p, NO_LOOKUP, usage);
    assert.equal(price(resource({ a: 1 }, { address: 'test_thing.u1' })), 'hits 5');
    assert.equal(price(resource({ a: 1 }, { address: 'test_thing.u2' })), 'hits undefined');
    assert.equal(price(resource({ a: 1 }, { address: 'test_thing.u3' })), 'hits undefined');
    assert.equal(p.calls, 2);
  });
});
