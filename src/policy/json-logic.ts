/**
 * The json-logic engine rules run on, configured once. json-logic-js keeps its operators in one
 * module-level table (`add_operation` is global state), so this module is the only one that imports
 * it: it replaces every data-reading operator with one that sees own properties only, adds tollgate's
 * operators, removes `log` (it writes to stdout), and tracks values that are unknown until apply.
 *
 * Hardening, because a policy may come from a pack nobody reviewed closely:
 * - `var`, `missing`, `known`, `tag` and `has_tag` read own properties only: `{"var": "constructor"}`
 *   is null, not `Object`; `__proto__`, `toString` and the like are absent.
 * - Only the operators in OPERATORS may appear; json-logic-js would otherwise resolve a dotted name
 *   (`"log.prototype.constructor"`) by walking its operator table. Rules are checked at load.
 * - No operator calls a function taken from data.
 */
import jsonLogic from 'json-logic-js';
import { matchesGlobs } from '../util/glob.ts';
import { closest } from '../util/similar.ts';

/** A value tollgate cannot know at plan time, with why; rule data holds it where the value would be. */
export class Unknown {
  // Private, so the object has no own enumerable keys: json-logic never mistakes it for an operation.
  readonly #why: string;
  constructor(why: string) {
    this.#why = why;
  }
  get why(): string {
    return this.#why;
  }
}

/**
 * On a map (a resource's tags), stands for every key it does not list: set when more keys may exist
 * but are not known (a provider's default_tags computed at apply). A symbol, so no path reaches it.
 */
export const OTHER_KEYS: unique symbol = Symbol('other keys');

/** The unknown values read by the evaluation in progress; undefined outside one. */
let reads: Set<Unknown> | undefined;
/** The tags of the resource being evaluated: `tag` and `has_tag` read them wherever they are nested. */
let currentTags: unknown;

function record(u: Unknown): null {
  reads?.add(u);
  return null;
}

/** Replaces unknown values in an operator's argument by null, noting each; deep inside lists and maps. */
function settle(value: unknown, deep: boolean): unknown {
  if (value instanceof Unknown) return record(value);
  if (!deep || value === null || typeof value !== 'object' || !containsUnknown(value)) return value;
  if (Array.isArray(value)) return value.map((v) => settle(v, true));
  // fromEntries defines own properties: a key named __proto__ stays data, never a prototype.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, settle(v, true)]));
}

function containsUnknown(value: unknown): boolean {
  if (value instanceof Unknown) return true;
  if (value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(containsUnknown);
}

type Operator = (this: unknown, ...args: unknown[]) => unknown;

/** An operator whose arguments are settled first; `deep: false` looks only at the arguments themselves. */
function guarded(fn: Operator, deep = true): Operator {
  return function (this: unknown, ...args: unknown[]) {
    return fn.apply(
      this,
      args.map((a) => settle(a, deep)),
    );
  };
}

/** Own-property path lookup: `after.tags.team`, `after.ingress.0.cidr_blocks`. */
function lookup(data: unknown, path: unknown): { found: boolean; value: unknown } {
  if (path === undefined || path === null || path === '') return { found: true, value: data };
  const text = typeof path === 'number' ? String(path) : typeof path === 'string' ? path : undefined;
  if (text === undefined) return { found: false, value: undefined };
  let node = data;
  for (const segment of text.split('.')) {
    if (node instanceof Unknown) return { found: true, value: node };
    if (node === null || typeof node !== 'object') return { found: false, value: undefined };
    if (!Object.hasOwn(node, segment)) {
      const other = otherKeys(node);
      return other ? { found: true, value: other } : { found: false, value: undefined };
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node === undefined ? { found: false, value: undefined } : { found: true, value: node };
}

function variable(this: unknown, path: unknown, fallback: unknown): unknown {
  const { found, value } = lookup(this, path);
  if (value instanceof Unknown) return record(value);
  return found ? value : (fallback ?? null);
}

function missing(this: unknown, ...args: unknown[]): unknown[] {
  const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  return keys.filter((key) => {
    const value = variable.call(this, key, null);
    return value === null || value === '';
  });
}

function ownTag(key: unknown): unknown {
  if (currentTags instanceof Unknown) return currentTags;
  if (currentTags === null || typeof currentTags !== 'object' || typeof key !== 'string') return undefined;
  if (Object.hasOwn(currentTags, key)) return (currentTags as Record<string, unknown>)[key];
  return otherKeys(currentTags);
}

function otherKeys(map: object): Unknown | undefined {
  const other = (map as { [OTHER_KEYS]?: unknown })[OTHER_KEYS];
  return other instanceof Unknown ? other : undefined;
}

const regexCache = new Map<string, RegExp>();

function anchored(pattern: unknown, flags: unknown): RegExp | undefined {
  // A pattern read from data may be absent: it matches nothing, like a missing value.
  if (pattern === null || pattern === undefined) return undefined;
  if (typeof pattern !== 'string')
    throw new Error(`regex: the pattern must be a string (got ${show(pattern)})`);
  if (flags !== undefined && flags !== null && typeof flags !== 'string')
    throw new Error(`regex: flags must be a string (got ${show(flags)})`);
  const f = flags ?? '';
  if (!/^[imsu]*$/.test(f)) throw new Error(`regex: flags may be i, m, s and u (got "${f}")`);
  const key = `${f}/${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    try {
      // Anchored, like tag patterns: the whole value must match.
      re = new RegExp(`^(?:${pattern})$`, f);
    } catch (err) {
      throw new Error(`regex: "${pattern}" is not a valid regular expression (${(err as Error).message})`, {
        cause: err,
      });
    }
    regexCache.set(key, re);
  }
  return re;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

const truthy = (v: unknown): boolean => jsonLogic.truthy(v);

/* eslint-disable eqeqeq -- json-logic's == and != are JavaScript's loose comparisons, by its spec. */
const BUILTIN: Record<string, Operator> = {
  '==': (a, b) => a == b,
  '===': (a, b) => a === b,
  '!=': (a, b) => a != b,
  '!==': (a, b) => a !== b,
  /* eslint-enable eqeqeq */
  '>': (a, b) => (a as number) > (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
  '<': (a, b, c) =>
    c === undefined
      ? (a as number) < (b as number)
      : (a as number) < (b as number) && (b as number) < (c as number),
  '<=': (a, b, c) =>
    c === undefined
      ? (a as number) <= (b as number)
      : (a as number) <= (b as number) && (b as number) <= (c as number),
  '!!': (a) => truthy(a),
  '!': (a) => !truthy(a),
  '%': (a, b) => (a as number) % (b as number),
  in: (a, b) =>
    typeof b === 'string' ? typeof a === 'string' && b.includes(a) : Array.isArray(b) && b.includes(a),
  cat: (...args) =>
    args.map((a) => (a === null || a === undefined ? '' : (scalarText(a) ?? JSON.stringify(a)))).join(''),
  substr: (source, start, end) => {
    const text = String(source);
    const from = Number(start);
    if (end !== undefined && Number(end) < 0) {
      const rest = text.slice(from < 0 ? Math.max(0, text.length + from) : from);
      return rest.slice(0, Math.max(0, rest.length + Number(end)));
    }
    const begin = from < 0 ? Math.max(0, text.length + from) : from;
    return end === undefined ? text.slice(begin) : text.slice(begin, begin + Number(end));
  },
  '+': (...args) => args.reduce<number>((sum, a) => sum + parseFloat(String(a)), 0),
  '*': (...args) => args.map((a) => parseFloat(String(a))).reduce((p, a) => p * a),
  '-': (a, b) => (b === undefined ? -(a as number) : (a as number) - (b as number)),
  '/': (a, b) => (a as number) / (b as number),
  min: (...args) => Math.min(...(args as number[])),
  max: (...args) => Math.max(...(args as number[])),
  merge: (...args) => args.flatMap((a) => (Array.isArray(a) ? (a as unknown[]) : [a])),
};

/** tollgate's operators. Each is documented in README.md ("Rules"). */
const CUSTOM: Record<string, Operator> = {
  // Exact key, own property: keys like `app.kubernetes.io/name` or `aws:cloudformation:stack-name`
  // cannot go through `var`, which splits on dots.
  tag: (key) => {
    const value = ownTag(key);
    if (value instanceof Unknown) return record(value);
    return value ?? null;
  },
  has_tag: (key) => {
    const value = ownTag(key);
    if (value instanceof Unknown) return record(value) ?? false;
    return value !== undefined && value !== null;
  },
  glob: (value, patterns) => {
    const text = scalarText(value);
    if (patterns === null || patterns === undefined) return false;
    const list = Array.isArray(patterns) ? patterns : [patterns];
    if (!list.every((p): p is string => typeof p === 'string' && p !== ''))
      throw new Error(`glob: patterns must be non-empty strings (got ${show(patterns)})`);
    return text !== undefined && matchesGlobs(list, text);
  },
  regex: (value, pattern, flags) => {
    const re = anchored(pattern, flags);
    const text = scalarText(value);
    return re !== undefined && text !== undefined && re.test(text);
  },
  lower: (value) => (typeof value === 'string' ? value.toLowerCase() : value),
  keys: (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
    const other = otherKeys(value);
    if (other) record(other);
    return Object.keys(value);
  },
  starts_with: (value, prefix) =>
    typeof value === 'string' && typeof prefix === 'string' && value.startsWith(prefix),
  ends_with: (value, suffix) =>
    typeof value === 'string' && typeof suffix === 'string' && value.endsWith(suffix),
};

/** `known` reads the path itself: it must see an unknown value without turning the rule indeterminate. */
function known(this: unknown, path: unknown): boolean {
  if (typeof path !== 'string')
    throw new Error(`known takes a path, like {"known": "after.instance_type"} (got ${show(path)})`);
  return knownAt(this, path);
}

function knownAt(root: unknown, path: string): boolean {
  let node = root;
  for (const segment of path === '' ? [] : path.split('.')) {
    if (node instanceof Unknown) return false;
    if (node === null || typeof node !== 'object') return true;
    if (!Object.hasOwn(node, segment)) return otherKeys(node) === undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return !containsUnknown(node);
}

/** Operators json-logic-js handles itself (they decide which arguments to evaluate). */
const CONTROL = ['if', '?:', 'and', 'or', 'filter', 'map', 'reduce', 'all', 'none', 'some'];

/** Every operator a rule may use. */
export const OPERATORS: readonly string[] = [
  ...CONTROL,
  ...Object.keys(BUILTIN),
  'var',
  'missing',
  'missing_some',
  'known',
  ...Object.keys(CUSTOM),
].sort();

/**
 * Operators whose result does not depend on what is inside a list or map they are given (truthiness
 * is emptiness; keys are known even when values are not; merge only concatenates, and whatever reads
 * an unknown element later notices it), so an unknown value inside does not count.
 */
const SHALLOW = new Set(['!', '!!', 'keys', 'tag', 'has_tag', 'merge']);

// Registered once, when this module is first imported.
jsonLogic.rm_operation('log');
for (const [name, fn] of Object.entries(BUILTIN))
  jsonLogic.add_operation(name, guarded(fn, !SHALLOW.has(name)));
jsonLogic.add_operation('var', variable);
jsonLogic.add_operation('missing', missing);
jsonLogic.add_operation('missing_some', function (this: unknown, need: unknown, keys: unknown) {
  const absent = missing.call(this, keys);
  return Array.isArray(keys) && keys.length - absent.length >= Number(need) ? [] : absent;
});
jsonLogic.add_operation('known', known);
for (const [name, fn] of Object.entries(CUSTOM))
  jsonLogic.add_operation(name, guarded(fn, !SHALLOW.has(name)));

/** Where a rule uses an operator tollgate does not have: the path inside `when`, and a suggestion. */
export interface UnknownOperator {
  operator: string;
  path: (string | number)[];
  suggestion?: string;
}

/**
 * Checks a rule's operators and returns it ready to run: `{"known": {"var": P}}` becomes
 * `{"known": P}`. A single-key object is an operation wherever it appears, as json-logic-js reads it.
 */
export function compileLogic(logic: unknown): { logic: unknown } | { error: UnknownOperator } {
  let error: UnknownOperator | undefined;
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (error) return node;
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (!isOperation(node)) return node;
    const op = Object.keys(node)[0] as string;
    if (!OPERATORS.includes(op)) {
      error = { operator: op, path: [...path, op] };
      // One- and two-letter names are too short for a suggestion to mean anything.
      const suggestion = op.length >= 3 ? closest(op, OPERATORS) : undefined;
      if (suggestion) error.suggestion = suggestion;
      return node;
    }
    const args: unknown = node[op];
    if (op === 'known') {
      const arg = Array.isArray(args) && args.length === 1 ? (args[0] as unknown) : args;
      if (isOperation(arg) && Object.keys(arg)[0] === 'var') {
        const varArgs = (arg as { var: unknown }).var;
        return { known: Array.isArray(varArgs) ? (varArgs[0] as unknown) : varArgs };
      }
    }
    return { [op]: walk(args, [...path, op]) };
  };
  const compiled = walk(logic, []);
  return error ? { error } : { logic: compiled };
}

/** json-logic-js's test for an operation: an object (not a list) with exactly one key. */
function isOperation(node: unknown): node is Record<string, unknown> {
  return node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length === 1;
}

/** What a rule evaluated to, and the unknown values it read: any makes the result undecidable. */
export interface LogicResult {
  value: unknown;
  truthy: boolean;
  /** Why each unknown value read is unknown, once each. */
  unknowns: string[];
  /** The unknown values read, so a caller can tell one it placed in the data apart. */
  read: Unknown[];
}

/** Evaluates a compiled rule on one resource's data. Throws what the rule throws. */
export function evaluateLogic(logic: unknown, data: Record<string, unknown>): LogicResult {
  const seen = new Set<Unknown>();
  reads = seen;
  currentTags = Object.hasOwn(data, 'tags') ? data.tags : undefined;
  try {
    const value: unknown = jsonLogic.apply(logic as Parameters<typeof jsonLogic.apply>[0], data);
    if (value instanceof Unknown) record(value);
    const read = [...seen];
    return { value, truthy: truthy(value), unknowns: [...new Set(read.map((u) => u.why))], read };
  } finally {
    reads = undefined;
    currentTags = undefined;
  }
}
