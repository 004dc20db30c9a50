/**
 * The Terraform functions tollgate evaluates: the ones tags and sizes are built with, and cheap
 * collection and string helpers. A function that reads files, the clock or randomness, or one
 * tollgate does not implement, yields an Unknown naming it — never a guess.
 */
import {
  describe,
  EvalError,
  firstUnknown,
  isObject,
  numberText,
  toBoolValue,
  toNumberValue,
  toStringValue,
  typeName,
  Unknown,
  valuesEqual,
  type Value,
  type ValueObject,
} from './value.ts';

type Fn = (args: Value[], name: string) => Value;

interface FunctionDef {
  fn: Fn;
  /** Handles arguments with unknown parts itself; otherwise any unknown inside an argument makes the result unknown. */
  partial?: boolean;
  arity?: [number, number];
}

/** Functions that are not static by nature: their result is known only when Terraform runs. */
const NOT_STATIC: Record<string, string> = {
  file: 'reads a file',
  fileexists: 'reads the file system',
  fileset: 'reads the file system',
  filebase64: 'reads a file',
  filebase64sha256: 'reads a file',
  filesha256: 'reads a file',
  filemd5: 'reads a file',
  templatefile: 'reads a file',
  timestamp: 'reads the clock',
  plantimestamp: 'reads the clock',
  uuid: 'is random',
  bcrypt: 'is random',
  abspath: 'depends on where Terraform runs',
};

export function callFunction(name: string, args: Value[]): Value {
  if (name.startsWith('provider::'))
    return new Unknown(`provider function ${name}() is not evaluated without the provider`);
  const why = NOT_STATIC[name];
  if (why) return new Unknown(`${name}() ${why}, so its result is known only when Terraform runs`);
  const def = FUNCTIONS[name];
  if (!def) return new Unknown(`function ${name}() is not evaluated by tollgate`);
  if (def.arity) {
    const [min, max] = def.arity;
    if (args.length < min || args.length > max) {
      throw new EvalError(
        `${name}() takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`,
      );
    }
  }
  if (def.partial) {
    for (const a of args) if (a instanceof Unknown) return a;
  } else {
    for (const a of args) {
      const u = firstUnknown(a);
      if (u) return u;
    }
  }
  return def.fn(args, name);
}

const str = (v: Value, name: string, i = 0): string =>
  toStringValue(v, `argument ${i + 1} of ${name}()`) as string;
const num = (v: Value, name: string, i = 0): number =>
  toNumberValue(v, `argument ${i + 1} of ${name}()`) as number;

function list(v: Value, name: string): Value[] {
  if (Array.isArray(v)) return v;
  throw new EvalError(`${name}() needs a list, got ${v === null ? 'null' : `a ${typeName(v)}`}`);
}

function object(v: Value, name: string): ValueObject {
  if (isObject(v)) return v;
  throw new EvalError(`${name}() needs a map or object, got ${v === null ? 'null' : `a ${typeName(v)}`}`);
}

function sortedKeys(o: ValueObject): string[] {
  return Object.keys(o).sort();
}

function distinctValues(items: Value[]): Value[] {
  const out: Value[] = [];
  for (const item of items) if (!out.some((o) => valuesEqual(o, item))) out.push(item);
  return out;
}

function toSet(items: Value[]): Value[] {
  const out = distinctValues(items);
  // Terraform iterates sets of strings in lexical order.
  return out.every((v): v is string => typeof v === 'string') ? out.sort() : out;
}

function flatten(items: Value[]): Value[] {
  const out: Value[] = [];
  for (const item of items) {
    if (Array.isArray(item)) out.push(...flatten(item));
    else out.push(item);
  }
  return out;
}

/** Terraform's format(): %s %d %f %e %g %t %v %q %%, with flags, width and precision. */
function format(args: Value[], name: string): string {
  const spec = str(args[0] ?? null, name);
  let next = 1;
  return spec.replace(
    /%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g,
    (_m, flags: string, width?: string, prec?: string, verb?: string) => {
      if (verb === '%') return '%';
      if (next >= args.length)
        throw new EvalError(`format(): not enough arguments for ${JSON.stringify(spec)}`);
      const v = args[next++] as Value;
      let out: string;
      switch (verb) {
        case 's':
          out = str(v, name, next - 1);
          break;
        case 'v':
          out =
            typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
              ? str(v, name)
              : JSON.stringify(v);
          break;
        case 'q':
          out = JSON.stringify(str(v, name, next - 1));
          break;
        case 't':
          out = toBoolValue(v, 'format() %t argument') === true ? 'true' : 'false';
          break;
        case 'd': {
          const n = num(v, name, next - 1);
          if (!Number.isInteger(n))
            throw new EvalError(`format(): %d needs a whole number, got ${describe(v)}`);
          out = (flags.includes('+') && n >= 0 ? '+' : '') + numberText(n);
          break;
        }
        case 'f':
          out = num(v, name, next - 1).toFixed(prec === undefined ? 6 : Number(prec));
          break;
        case 'e':
          out = num(v, name, next - 1).toExponential(prec === undefined ? 6 : Number(prec));
          break;
        case 'g':
          out = String(num(v, name, next - 1));
          break;
        case 'x':
        case 'X': {
          const n = num(v, name, next - 1);
          out = n.toString(16);
          if (verb === 'X') out = out.toUpperCase();
          break;
        }
        default:
          throw new EvalError(`format(): unsupported verb %${verb ?? ''}`);
      }
      if (verb === 's' && prec !== undefined) out = [...out].slice(0, Number(prec)).join('');
      if (width && out.length < Number(width)) {
        const pad = (flags.includes('0') && !flags.includes('-') && verb !== 's' ? '0' : ' ').repeat(
          Number(width) - out.length,
        );
        out = flags.includes('-') ? out + pad : pad + out;
      }
      return out;
    },
  );
}

/** Terraform's replace(): a substring, or a regular expression when written `/re/`. */
function replace(args: Value[], name: string): string {
  const s = str(args[0] ?? null, name, 0);
  const search = str(args[1] ?? null, name, 1);
  const replacement = str(args[2] ?? null, name, 2);
  if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
    let re: RegExp;
    try {
      re = new RegExp(search.slice(1, -1), 'gu');
    } catch (err) {
      throw new EvalError(`replace(): invalid regular expression ${search} (${(err as Error).message})`);
    }
    // Go's $1 / ${1} references mean the same in JavaScript replacement strings.
    return s.replace(re, replacement.replace(/\$\{(\d+)\}/g, '$$$1'));
  }
  return s.split(search).join(replacement);
}

const FUNCTIONS: Record<string, FunctionDef> = {
  // Maps and objects: partially unknown maps keep their known entries.
  merge: {
    partial: true,
    fn: (args, name) => {
      const out: ValueObject = {};
      for (const a of args) if (a !== null) Object.assign(out, object(a, name));
      return out;
    },
  },
  lookup: {
    partial: true,
    arity: [2, 3],
    fn: (args, name) => {
      const map = object(args[0] as Value, name);
      const key = str(args[1] as Value, name, 1);
      if (Object.hasOwn(map, key)) return map[key] as Value;
      if (args.length === 3) return args[2] as Value;
      throw new EvalError(`lookup(): the map has no key ${JSON.stringify(key)} and no default was given`);
    },
  },
  tomap: {
    partial: true,
    arity: [1, 1],
    fn: (args, name) => (args[0] === null ? null : object(args[0] as Value, name)),
  },
  keys: { partial: true, arity: [1, 1], fn: (args, name) => sortedKeys(object(args[0] as Value, name)) },
  values: {
    partial: true,
    arity: [1, 1],
    fn: (args, name) => {
      const o = object(args[0] as Value, name);
      return sortedKeys(o).map((k) => o[k] as Value);
    },
  },
  zipmap: {
    partial: true,
    arity: [2, 2],
    fn: (args, name) => {
      const ks = list(args[0] as Value, name);
      const vs = list(args[1] as Value, name);
      if (ks.length !== vs.length) throw new EvalError('zipmap(): the lists differ in length');
      for (const k of ks) if (k instanceof Unknown) return k;
      return Object.fromEntries(ks.map((k, i) => [str(k, name), vs[i] as Value]));
    },
  },
  // Lists.
  concat: { partial: true, fn: (args, name) => args.flatMap((a) => list(a, name)) },
  length: {
    partial: true,
    arity: [1, 1],
    fn: (args, name) => {
      const v = args[0] as Value;
      if (typeof v === 'string') return [...v].length;
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      throw new EvalError(`${name}() needs a string or collection, got ${describe(v)}`);
    },
  },
  element: {
    partial: true,
    arity: [2, 2],
    fn: (args, name) => {
      const l = list(args[0] as Value, name);
      if (l.length === 0) throw new EvalError('element(): the list is empty');
      const i = num(args[1] as Value, name, 1);
      return l[((Math.floor(i) % l.length) + l.length) % l.length] as Value;
    },
  },
  tolist: {
    partial: true,
    arity: [1, 1],
    fn: (args, name) => (args[0] === null ? null : list(args[0] as Value, name)),
  },
  toset: {
    arity: [1, 1],
    fn: (args, name) => (args[0] === null ? null : toSet(list(args[0] as Value, name))),
  },
  distinct: { arity: [1, 1], fn: (args, name) => distinctValues(list(args[0] as Value, name)) },
  flatten: { partial: true, arity: [1, 1], fn: (args, name) => flatten(list(args[0] as Value, name)) },
  compact: {
    arity: [1, 1],
    fn: (args, name) => list(args[0] as Value, name).filter((v) => v !== null && v !== ''),
  },
  contains: {
    arity: [2, 2],
    fn: (args, name) => list(args[0] as Value, name).some((v) => valuesEqual(v, args[1] as Value)),
  },
  one: {
    partial: true,
    arity: [1, 1],
    fn: (args, name) => {
      const l = list(args[0] as Value, name);
      if (l.length > 1) throw new EvalError(`one(): the list has ${l.length} elements`);
      return l.length === 0 ? null : (l[0] as Value);
    },
  },
  reverse: { partial: true, arity: [1, 1], fn: (args, name) => [...list(args[0] as Value, name)].reverse() },
  slice: {
    partial: true,
    arity: [3, 3],
    fn: (args, name) =>
      list(args[0] as Value, name).slice(num(args[1] as Value, name, 1), num(args[2] as Value, name, 2)),
  },
  sort: {
    arity: [1, 1],
    fn: (args, name) =>
      list(args[0] as Value, name)
        .map((v) => str(v, name))
        .sort(),
  },
  index: {
    arity: [2, 2],
    fn: (args, name) => {
      const i = list(args[0] as Value, name).findIndex((v) => valuesEqual(v, args[1] as Value));
      if (i === -1) throw new EvalError(`index(): ${describe(args[1] as Value)} is not in the list`);
      return i;
    },
  },
  range: {
    arity: [1, 3],
    fn: (args, name) => {
      const n = args.map((a, i) => num(a, name, i));
      const [start, end, step] =
        n.length === 1
          ? [0, n[0] as number, 1]
          : [n[0] as number, n[1] as number, n[2] ?? ((n[1] as number) >= (n[0] as number) ? 1 : -1)];
      if (step === 0) throw new EvalError('range(): step must not be 0');
      const out: number[] = [];
      for (let i = start; step > 0 ? i < end : i > end; i += step) {
        out.push(i);
        if (out.length > 1024) throw new EvalError('range(): more than 1024 elements');
      }
      return out;
    },
  },
  coalescelist: {
    partial: true,
    fn: (args, name) => args.find((a) => list(a, name).length > 0) ?? [],
  },
  // Choosing the first set value: an unknown argument before a decision leaves the result unknown.
  coalesce: {
    partial: true,
    fn: (args) => {
      for (const a of args) {
        if (a instanceof Unknown) return a;
        if (a !== null && a !== '') return a;
      }
      throw new EvalError('coalesce(): every argument is null or empty');
    },
  },
  // Strings.
  format: { fn: format },
  formatlist: {
    fn: (args, name) => {
      const lists = args.slice(1).filter(Array.isArray);
      const n = lists.length > 0 ? Math.min(...lists.map((l) => l.length)) : 0;
      return Array.from({ length: n }, (_, i) =>
        format(
          [args[0] as Value, ...args.slice(1).map((a) => (Array.isArray(a) ? (a[i] as Value) : a))],
          name,
        ),
      );
    },
  },
  join: {
    arity: [2, 64],
    fn: (args, name) => {
      const sep = str(args[0] as Value, name);
      return args
        .slice(1)
        .flatMap((a) => list(a, name))
        .map((v) => str(v, name, 1))
        .join(sep);
    },
  },
  split: {
    arity: [2, 2],
    fn: (args, name) => str(args[1] as Value, name, 1).split(str(args[0] as Value, name)),
  },
  lower: { arity: [1, 1], fn: (args, name) => str(args[0] as Value, name).toLowerCase() },
  upper: { arity: [1, 1], fn: (args, name) => str(args[0] as Value, name).toUpperCase() },
  title: {
    arity: [1, 1],
    fn: (args, name) =>
      str(args[0] as Value, name).replace(
        /(^|[^\p{L}\p{N}])(\p{L})/gu,
        (_m, a: string, b: string) => a + b.toUpperCase(),
      ),
  },
  trimspace: { arity: [1, 1], fn: (args, name) => str(args[0] as Value, name).trim() },
  chomp: { arity: [1, 1], fn: (args, name) => str(args[0] as Value, name).replace(/(\r?\n)+$/, '') },
  trim: {
    arity: [2, 2],
    fn: (args, name) => {
      const chars = new Set(str(args[1] as Value, name, 1));
      const s = [...str(args[0] as Value, name)];
      while (s.length > 0 && chars.has(s[0] as string)) s.shift();
      while (s.length > 0 && chars.has(s[s.length - 1] as string)) s.pop();
      return s.join('');
    },
  },
  trimprefix: {
    arity: [2, 2],
    fn: (args, name) => {
      const s = str(args[0] as Value, name);
      const p = str(args[1] as Value, name, 1);
      return s.startsWith(p) ? s.slice(p.length) : s;
    },
  },
  trimsuffix: {
    arity: [2, 2],
    fn: (args, name) => {
      const s = str(args[0] as Value, name);
      const p = str(args[1] as Value, name, 1);
      return p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s;
    },
  },
  startswith: {
    arity: [2, 2],
    fn: (args, name) => str(args[0] as Value, name).startsWith(str(args[1] as Value, name, 1)),
  },
  endswith: {
    arity: [2, 2],
    fn: (args, name) => str(args[0] as Value, name).endsWith(str(args[1] as Value, name, 1)),
  },
  strcontains: {
    arity: [2, 2],
    fn: (args, name) => str(args[0] as Value, name).includes(str(args[1] as Value, name, 1)),
  },
  substr: {
    arity: [3, 3],
    fn: (args, name) => {
      const chars = [...str(args[0] as Value, name)];
      let offset = num(args[1] as Value, name, 1);
      const length = num(args[2] as Value, name, 2);
      if (offset < 0) offset += chars.length;
      return chars.slice(offset, length < 0 ? undefined : offset + length).join('');
    },
  },
  replace: { arity: [3, 3], fn: replace },
  jsonencode: { arity: [1, 1], fn: (args) => JSON.stringify(args[0]) },
  // Conversions.
  tostring: { arity: [1, 1], fn: (args, name) => (args[0] === null ? null : str(args[0] as Value, name)) },
  tonumber: { arity: [1, 1], fn: (args, name) => (args[0] === null ? null : num(args[0] as Value, name)) },
  tobool: {
    arity: [1, 1],
    fn: (args) => (args[0] === null ? null : toBoolValue(args[0] as Value, 'argument of tobool()')),
  },
  // Numbers.
  min: { fn: (args, name) => Math.min(...args.map((a, i) => num(a, name, i))) },
  max: { fn: (args, name) => Math.max(...args.map((a, i) => num(a, name, i))) },
  sum: {
    arity: [1, 1],
    fn: (args, name) => list(args[0] as Value, name).reduce<number>((s, v) => s + num(v, name), 0),
  },
  abs: { arity: [1, 1], fn: (args, name) => Math.abs(num(args[0] as Value, name)) },
  ceil: { arity: [1, 1], fn: (args, name) => Math.ceil(num(args[0] as Value, name)) },
  floor: { arity: [1, 1], fn: (args, name) => Math.floor(num(args[0] as Value, name)) },
  parseint: {
    arity: [2, 2],
    fn: (args, name) => {
      const n = parseInt(str(args[0] as Value, name), num(args[1] as Value, name, 1));
      if (Number.isNaN(n))
        throw new EvalError(`parseint(): ${describe(args[0] as Value)} is not a number in that base`);
      return n;
    },
  },
};

/** The names of every function tollgate evaluates, for the README. */
export const EVALUATED_FUNCTIONS: readonly string[] = ['try', 'can', ...Object.keys(FUNCTIONS)].sort();
