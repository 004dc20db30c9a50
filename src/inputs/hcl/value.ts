/**
 * The values HCL expressions evaluate to, with an explicit Unknown: what tollgate cannot know from the
 * files alone (a resource attribute known only after apply, a variable nobody gave a value, a data
 * source) stays Unknown through every operation and ends up in `afterUnknown`, never as a guess.
 */

export type Value = null | boolean | number | string | Value[] | ValueObject | Unknown;
export interface ValueObject {
  [key: string]: Value;
}

/** Why a value is unknown, in words a user can act on. `variable` names the input it is waiting for. */
export class Unknown {
  constructor(
    readonly reason: string,
    readonly variable?: string,
  ) {}
}

/** An error Terraform itself would report (wrong type, missing attribute): `try` and `can` catch it. */
export class EvalError extends Error {
  override name = 'EvalError';
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function isObject(value: Value): value is ValueObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Unknown);
}

/** The first Unknown anywhere inside a value, or undefined when it is wholly known. */
export function firstUnknown(value: Value): Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const u = firstUnknown(item);
      if (u) return u;
    }
  } else if (isObject(value)) {
    for (const key in value) {
      const u = firstUnknown(value[key] as Value);
      if (u) return u;
    }
  }
  return undefined;
}

/** Terraform's type names, for messages. */
export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (value instanceof Unknown) return 'unknown';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/** A number as Terraform prints it: integers in full, no exponent for ordinary magnitudes. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** Terraform's automatic conversion to string (numbers and bools convert; collections do not). */
export function toStringValue(value: Value, what = 'value'): string | Unknown {
  if (value instanceof Unknown) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) throw new EvalError(`${what} is null, a string is required`);
  throw new EvalError(`${what} is a ${typeName(value)}, a string is required`);
}

/** Terraform's automatic conversion to number: numeric strings convert. */
export function toNumberValue(value: Value, what = 'value'): number | Unknown {
  if (value instanceof Unknown) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value))
    return Number(value);
  throw new EvalError(`${what} ${describe(value)} is not a number`);
}

/** Terraform's automatic conversion to bool: "true" and "false" convert. */
export function toBoolValue(value: Value, what = 'value'): boolean | Unknown {
  if (value instanceof Unknown) return value;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new EvalError(`${what} ${describe(value)} is not a bool`);
}

export function describe(value: Value): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return `(a ${typeName(value)})`;
}

/** Structural equality as Terraform's `==`: types must match (1 is not "1"). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) && a.length === b.length && a.every((item, i) => valuesEqual(item, b[i] as Value))
    );
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && valuesEqual(a[k] as Value, b[k] as Value))
    );
  }
  return false;
}

/**
 * Splits an evaluated value into Terraform plan shapes: `after` with unknowns left out (omitted from
 * objects, null in lists, as `terraform show -json` writes them) and `after_unknown` with `true` where
 * they were, containers mirrored and known leaves `false` in lists.
 */
export function planShapes(value: Value): { known: unknown; unknown: unknown } {
  if (value instanceof Unknown) return { known: null, unknown: true };
  if (Array.isArray(value)) {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (const item of value) {
      const s = planShapes(item);
      known.push(s.known);
      unknown.push(s.unknown);
    }
    return { known, unknown };
  }
  if (isObject(value)) {
    const known: Record<string, unknown> = {};
    const unknown: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const s = planShapes(v);
      if (v instanceof Unknown) unknown[k] = true;
      else {
        known[k] = s.known;
        if (s.unknown !== false) unknown[k] = s.unknown;
      }
    }
    return { known, unknown };
  }
  return { known: value, unknown: false };
}
