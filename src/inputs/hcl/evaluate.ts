/**
 * Evaluates parsed HCL expressions against a scope. Unknown values propagate through every operation
 * (a conditional with an unknown condition is unknown; one whose condition is known evaluates only the
 * branch it takes, as Terraform does). Errors Terraform would report raise EvalError, which `try` and
 * `can` catch and the caller turns into an unknown with the error as its reason.
 */
import type { Expr, TemplatePart } from './ast.ts';
import { callFunction } from './functions.ts';
import {
  describe,
  EvalError,
  firstUnknown,
  isObject,
  toBoolValue,
  toNumberValue,
  toStringValue,
  typeName,
  Unknown,
  valuesEqual,
  type Value,
  type ValueObject,
} from './value.ts';

/**
 * A name space reached by traversal (`var`, `local`, `module.x`, `aws_instance.web`): its members are
 * computed only when asked for, so evaluating one attribute never evaluates the whole configuration.
 */
export class Namespace {
  constructor(
    readonly name: string,
    readonly member: (key: string) => Value | Namespace,
    /** The namespace as one value, when it is used whole (e.g. `module.x` in a for_each). */
    readonly whole: () => Value = () => new Unknown(`${name} cannot be used as a whole value here`),
    /** The instances of a counted or for_each resource, for splats (`aws_x.y[*].id`). */
    readonly items?: () => Resolved[],
  ) {}
}

export type Resolved = Value | Namespace;

/** Root names visible to an expression: `var`, `local`, `count`, `each`, iterator variables, ... */
export interface Scope {
  root(name: string): Resolved | undefined;
}

/** A scope with extra names bound on top of a parent (for-expression and iterator variables). */
export function childScope(parent: Scope, bindings: Record<string, Resolved>): Scope {
  return { root: (name) => (Object.hasOwn(bindings, name) ? bindings[name] : parent.root(name)) };
}

export function evaluate(expr: Expr, scope: Scope): Value {
  return asValue(resolve(expr, scope));
}

function asValue(r: Resolved): Value {
  return r instanceof Namespace ? r.whole() : r;
}

function resolve(expr: Expr, scope: Scope): Resolved {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'paren':
      return resolve(expr.expr, scope);
    case 'template':
      return template(expr.parts, scope);
    case 'tuple':
      return expr.items.map((item) => evaluate(item, scope));
    case 'object': {
      const out: ValueObject = {};
      for (const item of expr.items) {
        const key = evaluate(item.key, scope);
        if (key instanceof Unknown) return key;
        out[toStringValue(key, 'object key') as string] = evaluate(item.value, scope);
      }
      return out;
    }
    case 'variable': {
      const found = scope.root(expr.name);
      if (found === undefined) throw new EvalError(`unknown name "${expr.name}"`);
      return found;
    }
    case 'getattr':
      return member(resolve(expr.target, scope), expr.name, false);
    case 'index': {
      const key = evaluate(expr.key, scope);
      const target = resolve(expr.target, scope);
      if (key instanceof Unknown) return target instanceof Unknown ? target : key;
      if (typeof key !== 'string' && typeof key !== 'number') {
        throw new EvalError(`an index must be a number or string, not ${typeName(key)}`);
      }
      return member(target, key, true);
    }
    case 'splat': {
      const resolved = resolve(expr.target, scope);
      // Counted resources are namespaces of instances: splat over each instance's attributes.
      if (resolved instanceof Namespace && resolved.items) {
        return resolved.items().map((item) => evaluate(expr.each, childScope(scope, { ['\0splat']: item })));
      }
      const target = asValue(resolved);
      if (target instanceof Unknown) return target;
      // A splat on a single value treats it as a one-element list (and null as empty).
      const items = Array.isArray(target) ? target : target === null ? [] : [target];
      return items.map((item) => evaluate(expr.each, childScope(scope, { ['\0splat']: item })));
    }
    case 'splat-item': {
      const item = scope.root('\0splat');
      if (item === undefined) throw new EvalError('splat item outside a splat');
      return item;
    }
    case 'call':
      return call(expr, scope);
    case 'unary': {
      const v = evaluate(expr.operand, scope);
      if (v instanceof Unknown) return v;
      if (expr.op === '!') {
        const b = toBoolValue(v, 'operand of "!"');
        return b instanceof Unknown ? b : !b;
      }
      const n = toNumberValue(v, 'operand of "-"');
      return n instanceof Unknown ? n : -n;
    }
    case 'binary':
      return binary(expr.op, expr.left, expr.right, scope);
    case 'conditional': {
      const c = evaluate(expr.condition, scope);
      if (c instanceof Unknown) return c;
      const b = toBoolValue(c, 'condition');
      if (b instanceof Unknown) return b;
      return evaluate(b ? expr.then : expr.otherwise, scope);
    }
    case 'for':
      return forExpression(expr, scope);
  }
}

/** `target.key` or `target[key]`; a missing attribute is an error, as in Terraform. */
function member(target: Resolved, key: string | number, indexed: boolean): Resolved {
  if (target instanceof Namespace) return target.member(String(key));
  if (target instanceof Unknown) return target;
  if (Array.isArray(target)) {
    const i = typeof key === 'number' ? key : Number(key);
    if (!Number.isInteger(i))
      throw new EvalError(`a list index must be a whole number, not ${describe(key)}`);
    if (i < 0 || i >= target.length) {
      throw new EvalError(`index ${i} is out of range for a list of ${target.length} element(s)`);
    }
    return target[i] as Value;
  }
  if (isObject(target)) {
    const k = String(key);
    if (!Object.hasOwn(target, k)) {
      throw new EvalError(
        indexed ? `the map has no element for key ${JSON.stringify(k)}` : `no attribute "${k}"`,
      );
    }
    return target[k] as Value;
  }
  if (target === null) throw new EvalError(`cannot read ${JSON.stringify(String(key))} of a null value`);
  throw new EvalError(`cannot read ${JSON.stringify(String(key))} of a ${typeName(target)}`);
}

function template(parts: TemplatePart[], scope: Scope): Value {
  // A template that is a single interpolation yields that value unconverted: "${var.list}" is a list.
  if (parts.length === 1 && parts[0]?.kind === 'interp') return evaluate(parts[0].expr, scope);
  let out = '';
  for (const part of parts) {
    const piece = templatePart(part, scope);
    if (piece instanceof Unknown) return piece;
    out += piece;
  }
  return out;
}

function templatePart(part: TemplatePart, scope: Scope): string | Unknown {
  switch (part.kind) {
    case 'text':
      return part.text;
    case 'interp': {
      const v = evaluate(part.expr, scope);
      return v instanceof Unknown ? v : toStringValue(v, 'interpolated value');
    }
    case 'if': {
      const c = evaluate(part.condition, scope);
      const b = c instanceof Unknown ? c : toBoolValue(c, 'template condition');
      if (b instanceof Unknown) return b;
      const v = template(b ? part.then : part.otherwise, scope);
      return v instanceof Unknown ? v : toStringValue(v);
    }
    case 'for': {
      const collection = evaluate(part.collection, scope);
      if (collection instanceof Unknown) return collection;
      let out = '';
      for (const [k, v] of entries(collection)) {
        const bindings: Record<string, Value> = { [part.valueVar]: v };
        if (part.keyVar !== undefined) bindings[part.keyVar] = k;
        const piece = template(part.body, childScope(scope, bindings));
        const text = piece instanceof Unknown ? piece : toStringValue(piece);
        if (text instanceof Unknown) return text;
        out += text;
      }
      return out;
    }
  }
}

/** Key/value pairs of a collection in Terraform's iteration order (maps by key). */
export function entries(collection: Value): [Value, Value][] {
  if (Array.isArray(collection)) return collection.map((v, i) => [i, v]);
  if (isObject(collection)) {
    return Object.keys(collection)
      .sort()
      .map((k) => [k, collection[k] as Value]);
  }
  throw new EvalError(`cannot iterate over ${collection === null ? 'null' : `a ${typeName(collection)}`}`);
}

function forExpression(expr: Extract<Expr, { kind: 'for' }>, scope: Scope): Value {
  const collection = evaluate(expr.collection, scope);
  if (collection instanceof Unknown) return collection;
  const isObjectFor = expr.key !== undefined;
  const list: Value[] = [];
  const object: ValueObject = {};
  const groups: Record<string, Value[]> = {};
  for (const [k, v] of entries(collection)) {
    const bindings: Record<string, Value> = { [expr.valueVar]: v };
    if (expr.keyVar !== undefined) bindings[expr.keyVar] = k;
    const inner = childScope(scope, bindings);
    if (expr.condition) {
      const c = evaluate(expr.condition, inner);
      if (c instanceof Unknown) return c;
      const b = toBoolValue(c, 'for condition');
      if (b instanceof Unknown) return b;
      if (!b) continue;
    }
    if (!isObjectFor) {
      list.push(evaluate(expr.value, inner));
      continue;
    }
    const key = evaluate(expr.key as Expr, inner);
    if (key instanceof Unknown) return key;
    const keyText = toStringValue(key, 'for key') as string;
    const value = evaluate(expr.value, inner);
    if (expr.grouping) (groups[keyText] ??= []).push(value);
    else if (Object.hasOwn(object, keyText)) {
      throw new EvalError(
        `duplicate key ${JSON.stringify(keyText)} in a for expression (use "..." to group)`,
      );
    } else object[keyText] = value;
  }
  if (!isObjectFor) return list;
  return expr.grouping ? groups : object;
}

function call(expr: Extract<Expr, { kind: 'call' }>, scope: Scope): Value {
  if (expr.name === 'try') {
    let last: unknown;
    for (const arg of expr.args) {
      try {
        return evaluate(arg, scope);
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
        last = err;
      }
    }
    throw new EvalError(
      `no argument of try() could be evaluated (${(last as Error | undefined)?.message ?? 'none given'})`,
    );
  }
  if (expr.name === 'can') {
    try {
      const v = evaluate(expr.args[0] ?? { kind: 'literal', value: null }, scope);
      return firstUnknown(v) ?? true;
    } catch (err) {
      if (err instanceof EvalError) return false;
      throw err;
    }
  }
  let args = expr.args.map((a) => evaluate(a, scope));
  if (expr.expandFinal) {
    const last = args[args.length - 1];
    if (last instanceof Unknown) return last;
    if (!Array.isArray(last)) throw new EvalError(`"..." needs a list, not ${typeName(last ?? null)}`);
    args = [...args.slice(0, -1), ...last];
  }
  return callFunction(expr.name, args);
}

function binary(op: string, leftExpr: Expr, rightExpr: Expr, scope: Scope): Value {
  const left = evaluate(leftExpr, scope);
  // Logical operators short-circuit on a known deciding value, even when the other side is unknown.
  if (op === '||' || op === '&&') {
    const l = left instanceof Unknown ? left : toBoolValue(left, `left side of "${op}"`);
    if (l === (op === '||')) return l;
    const right = evaluate(rightExpr, scope);
    const r = right instanceof Unknown ? right : toBoolValue(right, `right side of "${op}"`);
    if (r === (op === '||')) return r;
    if (l instanceof Unknown) return l;
    return r;
  }
  const right = evaluate(rightExpr, scope);
  if (op === '==' || op === '!=') {
    const u = firstUnknown(left) ?? firstUnknown(right);
    if (u) return u;
    return valuesEqual(left, right) === (op === '==');
  }
  if (left instanceof Unknown) return left;
  if (right instanceof Unknown) return right;
  const a = toNumberValue(left, `left side of "${op}"`) as number;
  const b = toNumberValue(right, `right side of "${op}"`) as number;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new EvalError('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new EvalError('modulo by zero');
      return a % b;
  }
  throw new EvalError(`unknown operator ${op}`);
}
