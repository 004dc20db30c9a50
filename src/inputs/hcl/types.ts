/**
 * Terraform type constraints (`type = map(string)`, `object({ a = optional(number, 1) })`) and the
 * conversions Terraform applies to a variable's value: "60" becomes 60 for a number, optional object
 * attributes get their defaults. Without them HCL values would differ from the plan's.
 */
import type { Expr } from './ast.ts';
import { parseJsonTemplate } from './parser.ts';
import {
  EvalError,
  isObject,
  toBoolValue,
  toNumberValue,
  toStringValue,
  typeName,
  Unknown,
  type Value,
  type ValueObject,
} from './value.ts';

export type Type =
  | { kind: 'any' | 'string' | 'number' | 'bool' }
  | { kind: 'list' | 'set' | 'map'; element: Type }
  | { kind: 'tuple'; elements: Type[] }
  | { kind: 'object'; attributes: Record<string, { type: Type; optional: boolean; default?: Value }> };

const ANY: Type = { kind: 'any' };

/** Parses a variable's `type` as hcl2json gives it ("${map(string)}", or the legacy "string"). */
export function parseType(raw: unknown): Type {
  if (typeof raw !== 'string') return ANY;
  const expr = parseJsonTemplate(raw);
  if (expr.kind === 'literal' && typeof expr.value === 'string') return typeFromName(expr.value.trim());
  if (expr.kind === 'template' && expr.parts.length === 1 && expr.parts[0]?.kind === 'interp') {
    return typeFromExpr(expr.parts[0].expr);
  }
  throw new EvalError(`${JSON.stringify(raw)} is not a type`);
}

function typeFromName(name: string): Type {
  switch (name) {
    case 'string':
    case 'number':
    case 'bool':
    case 'any':
      return { kind: name };
    case 'list':
    case 'set':
    case 'map':
      // Legacy bare collection types mean a collection of any element type.
      return { kind: name, element: ANY };
    default:
      throw new EvalError(`unknown type "${name}"`);
  }
}

function typeFromExpr(expr: Expr): Type {
  if (expr.kind === 'variable') return typeFromName(expr.name);
  if (expr.kind === 'paren') return typeFromExpr(expr.expr);
  if (expr.kind === 'call') {
    const [first] = expr.args;
    switch (expr.name) {
      case 'list':
      case 'set':
      case 'map':
        return { kind: expr.name, element: first ? typeFromExpr(first) : ANY };
      case 'tuple':
        return { kind: 'tuple', elements: first?.kind === 'tuple' ? first.items.map(typeFromExpr) : [] };
      case 'object': {
        const attributes: Record<string, { type: Type; optional: boolean; default?: Value }> = {};
        if (first?.kind === 'object') {
          for (const item of first.items) {
            const key =
              item.key.kind === 'literal' && typeof item.key.value === 'string' ? item.key.value : '';
            const v = item.value;
            if (v.kind === 'call' && v.name === 'optional') {
              const attr: { type: Type; optional: boolean; default?: Value } = {
                type: v.args[0] ? typeFromExpr(v.args[0]) : ANY,
                optional: true,
              };
              if (v.args[1]) attr.default = constant(v.args[1]);
              attributes[key] = attr;
            } else attributes[key] = { type: typeFromExpr(v), optional: false };
          }
        }
        return { kind: 'object', attributes };
      }
    }
  }
  throw new EvalError('unsupported type expression');
}

/** Defaults inside optional() are constants. */
function constant(expr: Expr): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'tuple':
      return expr.items.map(constant);
    case 'object':
      return Object.fromEntries(
        expr.items.map((i) => {
          const key = constant(i.key);
          return [typeof key === 'string' ? key : JSON.stringify(key), constant(i.value)];
        }),
      );
    case 'template':
      return expr.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
    default:
      throw new EvalError('optional() defaults must be constants');
  }
}

/** Converts a value to a type as Terraform does for variables; throws EvalError when it cannot. */
export function convert(value: Value, type: Type, what: string): Value {
  if (value instanceof Unknown || value === null || type.kind === 'any') return value;
  switch (type.kind) {
    case 'string':
      if (typeof value === 'object')
        throw new EvalError(`${what}: a string is required, got a ${typeName(value)}`);
      return toStringValue(value, what);
    case 'number':
      return toNumberValue(value, what);
    case 'bool':
      return toBoolValue(value, what);
    case 'list':
    case 'set': {
      if (!Array.isArray(value))
        throw new EvalError(`${what}: a ${type.kind} is required, got a ${typeName(value)}`);
      const items = value.map((v, i) => convert(v, type.element, `${what}[${i}]`));
      if (type.kind === 'list') return items;
      const out: Value[] = [];
      for (const item of items)
        if (!out.some((o) => JSON.stringify(o) === JSON.stringify(item))) out.push(item);
      return out.every((v): v is string => typeof v === 'string') ? out.sort() : out;
    }
    case 'map': {
      if (!isObject(value)) throw new EvalError(`${what}: a map is required, got a ${typeName(value)}`);
      const out: ValueObject = {};
      for (const [k, v] of Object.entries(value)) out[k] = convert(v, type.element, `${what}["${k}"]`);
      return out;
    }
    case 'tuple': {
      if (!Array.isArray(value) || value.length !== type.elements.length) {
        throw new EvalError(`${what}: a tuple of ${type.elements.length} elements is required`);
      }
      return value.map((v, i) => convert(v, type.elements[i] as Type, `${what}[${i}]`));
    }
    case 'object': {
      if (!isObject(value)) throw new EvalError(`${what}: an object is required, got a ${typeName(value)}`);
      const out: ValueObject = {};
      for (const [name, attr] of Object.entries(type.attributes)) {
        if (Object.hasOwn(value, name) && value[name] !== null) {
          out[name] = convert(value[name] as Value, attr.type, `${what}.${name}`);
        } else if (attr.optional) {
          out[name] = attr.default === undefined ? null : convert(attr.default, attr.type, `${what}.${name}`);
        } else if (Object.hasOwn(value, name)) {
          out[name] = null;
        } else {
          throw new EvalError(`${what}: attribute "${name}" is required`);
        }
      }
      return out;
    }
  }
}

/** Whether `--var` values for this type are HCL expressions rather than plain strings (Terraform's rule). */
export function takesExpression(type: Type): boolean {
  return type.kind !== 'string' && type.kind !== 'number' && type.kind !== 'bool' && type.kind !== 'any';
}
