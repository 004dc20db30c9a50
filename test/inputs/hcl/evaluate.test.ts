import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, type Scope } from '../../../src/inputs/hcl/evaluate.ts';
import { parseExpression, parseJsonTemplate } from '../../../src/inputs/hcl/parser.ts';
import { EvalError, Unknown, type Value } from '../../../src/inputs/hcl/value.ts';

const AFTER_APPLY = new Unknown('aws_instance.web.id is known only after apply');

function scope(vars: Record<string, Value> = {}): Scope {
  const roots: Record<string, Value> = {
    var: vars,
    local: { tags: { team: 'payments', env: 'prod' }, id: AFTER_APPLY },
  };
  return { root: (name) => roots[name] };
}

/** An expression as written in a .tf file. */
const ev = (src: string, vars?: Record<string, Value>): Value => evaluate(parseExpression(src), scope(vars));
/** A string as hcl2json writes it (a template without backslash escapes). */
const tpl = (src: string, vars?: Record<string, Value>): Value =>
  evaluate(parseJsonTemplate(src), scope(vars));

describe('HCL expressions: literals, operators, conditionals', () => {
  it('evaluates numbers, strings with escapes, bools, null, tuples and objects', () => {
    assert.equal(ev('42'), 42);
    assert.equal(ev('1.5e2'), 150);
    assert.equal(ev('-3'), -3);
    assert.equal(ev('"a\\tb \\"q\\" \\u00e9"'), 'a\tb "q" é');
    assert.deepEqual(ev('[1, "a", true, null,]'), [1, 'a', true, null]);
    assert.deepEqual(ev('{ a = 1, "b-c" = 2\n d: 3 }'), { a: 1, 'b-c': 2, d: 3 });
    assert.deepEqual(ev('{ (var.k) = 1, "${var.k}x" = 2 }', { k: 'key' }), { key: 1, keyx: 2 });
  });

  it('applies arithmetic, comparison and logic with Terraform precedence and conversions', () => {
    assert.equal(ev('1 + 2 * 3 - 4 / 2'), 5);
    assert.equal(ev('7 % 4'), 3);
    assert.equal(ev('"2" * 3'), 6, 'numeric strings convert for arithmetic');
    assert.equal(ev('1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4 == false'), true);
    assert.equal(ev('!true || false'), false);
    assert.equal(ev('1 == "1"'), false, 'equality does not convert types');
    assert.equal(ev('[1, {a = "x"}] == [1, {a = "x"}]'), true);
    assert.throws(() => ev('1 / 0'), EvalError);
    assert.throws(() => ev('"abc" + 1'), EvalError);
  });

  it('evaluates only the branch a conditional takes', () => {
    assert.equal(ev('var.x != "" ? var.x : local.id', { x: 'given' }), 'given');
    assert.equal(ev('var.big ? "m5.large" : "t3.micro"', { big: false }), 't3.micro');
    assert.ok(ev('local.id == "x" ? 1 : 2') instanceof Unknown, 'an unknown condition is unknown');
  });

  it('short-circuits logic on a known deciding operand even when the other is unknown', () => {
    assert.equal(ev('true || local.id == "x"'), true);
    assert.equal(ev('false && local.id == "x"'), false);
    assert.ok(ev('true && local.id == "x"') instanceof Unknown);
  });
});

describe('HCL expressions: references, splats, for', () => {
  it('reads attributes and indexes, including the legacy .0 index', () => {
    const vars = { list: ['a', 'b'], map: { k: { deep: 1 } } };
    assert.equal(ev('var.list[1]', vars), 'b');
    assert.equal(ev('var.list.0', vars), 'a');
    assert.equal(ev('var.map["k"].deep', vars), 1);
    assert.throws(() => ev('var.list[5]', vars), /out of range/);
    assert.throws(() => ev('var.map.nope', vars), /no attribute "nope"/);
  });

  it('keeps unknowns unknown through traversals and operations', () => {
    assert.equal(ev('local.id'), AFTER_APPLY);
    assert.equal(ev('"arn:${local.id}"'), AFTER_APPLY);
    assert.equal(ev('upper(local.id)'), AFTER_APPLY);
    assert.equal(ev('local.id.anything[0]'), AFTER_APPLY);
  });

  it('splats lists, single values and null', () => {
    const vars = { disks: [{ size: 10 }, { size: 20 }], one: { size: 5 }, none: null };
    assert.deepEqual(ev('var.disks[*].size', vars), [10, 20]);
    assert.deepEqual(ev('var.disks.*.size', vars), [10, 20]);
    assert.deepEqual(ev('var.one[*].size', vars), [5]);
    assert.deepEqual(ev('var.none[*].size', vars), []);
  });

  it('evaluates for expressions over lists and maps, with filters and grouping', () => {
    const vars = { names: ['a', 'b', 'c'], sizes: { web: 2, db: 0, api: 1 } };
    assert.deepEqual(ev('[for n in var.names : upper(n)]', vars), ['A', 'B', 'C']);
    assert.deepEqual(ev('[for i, n in var.names : "${i}-${n}" if n != "b"]', vars), ['0-a', '2-c']);
    assert.deepEqual(ev('{for k, v in var.sizes : k => v * 2 if v > 0}', vars), { api: 2, web: 4 });
    assert.deepEqual(ev('{for n in ["x", "y", "x"] : n => n...}'), { x: ['x', 'x'], y: ['y'] });
    assert.throws(() => ev('{for n in ["x", "x"] : n => 1}'), /duplicate key/);
  });
});

describe('HCL templates', () => {
  it('returns a lone interpolation unconverted and stringifies mixed templates', () => {
    assert.deepEqual(tpl('${var.list}', { list: [1, 2] }), [1, 2]);
    assert.equal(tpl('n=${var.n} b=${var.b}', { n: 3, b: true }), 'n=3 b=true');
    assert.equal(tpl('literal $${not} %%{this}'), 'literal ${not} %{this}');
    assert.equal(tpl('100% and a$b'), '100% and a$b');
  });

  it('evaluates %{if} and %{for} directives with strip markers', () => {
    assert.equal(tpl('%{if var.on}yes%{else}no%{endif}', { on: false }), 'no');
    assert.equal(tpl('%{for k, v in var.m}${k}=${v};%{endfor}', { m: { b: 2, a: 1 } }), 'a=1;b=2;');
    assert.equal(evaluate(parseExpression('"x  %{~ if true ~}  y  %{~ endif ~}  z"'), scope()), 'xyz');
  });

  it('evaluates heredocs inside expressions, indented ones stripped', () => {
    assert.equal(ev('upper(<<EOT\nabc ${var.x}\nEOT\n)', { x: 'd' }), 'ABC D\n');
    assert.equal(ev('<<-EOT\n    a\n      b\n    EOT\n'), 'a\n  b\n');
  });
});

describe('HCL functions', () => {
  const tags = { team: 'payments' };
  it('merge, lookup, concat, format, lower, upper, coalesce, try, tomap, join', () => {
    assert.deepEqual(ev('merge(var.t, { env = "prod" }, null)', { t: tags }), {
      team: 'payments',
      env: 'prod',
    });
    assert.equal(ev('lookup(var.t, "team", "none")', { t: tags }), 'payments');
    assert.equal(ev('lookup(var.t, "owner", "none")', { t: tags }), 'none');
    assert.deepEqual(ev('concat([1], [2, 3], [])'), [1, 2, 3]);
    assert.equal(ev('format("%s-%03d-%.2f %q %v", "a", 7, 1.5, "q", true)'), 'a-007-1.50 "q" true');
    assert.equal(ev('lower("ABC")'), 'abc');
    assert.equal(ev('upper("abc")'), 'ABC');
    assert.equal(ev('coalesce("", null, "x", "y")'), 'x');
    assert.equal(ev('try(var.t.owner, var.t.team, "none")', { t: tags }), 'payments');
    assert.deepEqual(ev('tomap({ "a.b" = 1 })'), { 'a.b': 1 });
    assert.equal(ev('join("-", ["a", 1, true])'), 'a-1-true');
  });

  it('the cheap helpers', () => {
    assert.equal(ev('length("héllo") + length([1, 2]) + length({a = 1})'), 8);
    assert.deepEqual(ev('keys({b = 1, a = 2})'), ['a', 'b']);
    assert.deepEqual(ev('values({b = 1, a = 2})'), [2, 1]);
    assert.equal(ev('contains(["a", "b"], "b")'), true);
    assert.equal(ev('element(["a", "b"], 3)'), 'b');
    assert.equal(ev('tostring(5)'), '5');
    assert.equal(ev('tonumber("5.5")'), 5.5);
    assert.equal(ev('replace("a-b-c", "-", "_")'), 'a_b_c');
    assert.equal(ev('replace("v1.2", "/v(\\\\d)/", "$1")'), '1.2');
    assert.deepEqual(ev('split(",", "a,b")'), ['a', 'b']);
    assert.equal(ev('trimspace("  x ")'), 'x');
    assert.equal(ev('min(3, 1, 2) + max(3, 1, 2)'), 4);
    assert.deepEqual(ev('distinct(["a", "b", "a"])'), ['a', 'b']);
    assert.deepEqual(ev('flatten([[1, [2]], 3])'), [1, 2, 3]);
    assert.deepEqual(ev('toset(["b", "a", "b"])'), ['a', 'b']);
    assert.deepEqual(ev('compact(["a", "", null, "b"])'), ['a', 'b']);
    assert.equal(ev('can(var.t.owner)', { t: tags }), false);
    assert.equal(ev('can(var.t.team)', { t: tags }), true);
  });

  it('keeps known entries of partially unknown maps, and unknown arguments unknown', () => {
    const merged = ev('merge(local.tags, { id = local.id })') as Record<string, Value>;
    assert.equal(merged.team, 'payments');
    assert.equal(merged.id, AFTER_APPLY);
    assert.equal(ev('lookup({ a = local.id }, "a")'), AFTER_APPLY);
    assert.equal(ev('coalesce(local.id, "x")'), AFTER_APPLY, 'cannot know whether the unknown is empty');
    assert.equal(ev('join(",", ["a", local.id])'), AFTER_APPLY);
    assert.equal(ev('length([local.id, 1])'), 2, 'the length of a list of unknowns is known');
  });

  it('never guesses functions that read files, clocks or randomness, or that it does not know', () => {
    for (const src of [
      'file("x.json")',
      'timestamp()',
      'uuid()',
      'nosuchfunction(1)',
      'provider::aws::arn_parse("x")',
    ]) {
      const v = ev(src);
      assert.ok(v instanceof Unknown, src);
    }
    assert.match((ev('timestamp()') as Unknown).reason, /clock/);
  });
});
