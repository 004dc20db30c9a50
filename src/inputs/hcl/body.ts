/**
 * Evaluates hcl2json's JSON for a block body into a plan-shaped value: attributes by name, nested
 * blocks as lists of objects (the shape `terraform show -json` uses), `dynamic` blocks expanded over
 * known collections. An expression Terraform would reject becomes an Unknown whose reason is the error,
 * recorded so the input can report it; the rest of the body is still evaluated.
 */
import { childScope, entries, evaluate, type Scope } from './evaluate.ts';
import { parseJsonTemplate } from './parser.ts';
import { EvalError, Unknown, type Value, type ValueObject } from './value.ts';
import { isRecord, type Body } from './config.ts';

/** Where evaluation errors of one block are collected. */
export type ErrorSink = (message: string) => void;

/** Meta-arguments: they shape the resource, they are not attributes of it. */
export const META = new Set([
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
]);

/** A resource (or provider) block's attributes and nested blocks. */
export function evaluateBody(body: Body, scope: Scope, errors: ErrorSink, topLevel = true): ValueObject {
  const out: ValueObject = {};
  for (const [key, raw] of Object.entries(body)) {
    if (topLevel && META.has(key)) continue;
    if (key === 'dynamic' && isRecord(raw)) {
      for (const [blockName, specs] of Object.entries(raw)) {
        const expanded = dynamicBlocks(blockName, specs, scope, errors);
        const existing = out[blockName];
        if (expanded instanceof Unknown || existing instanceof Unknown)
          out[blockName] = existing instanceof Unknown ? existing : expanded;
        else out[blockName] = [...(Array.isArray(existing) ? existing : []), ...expanded];
      }
      continue;
    }
    if (Array.isArray(raw) && raw.length > 0 && raw.every(isRecord)) {
      out[key] = raw.map((block) => evaluateBody(block, scope, errors, false));
    } else out[key] = evaluateRaw(raw, scope, errors);
  }
  return out;
}

/** A value as hcl2json wrote it: strings are templates, objects may have template keys. */
export function evaluateRaw(raw: unknown, scope: Scope, errors: ErrorSink): Value {
  if (typeof raw === 'string') {
    try {
      return evaluate(parseJsonTemplate(raw), scope);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      errors(err.message);
      return new Unknown(`cannot be evaluated: ${err.message}`);
    }
  }
  if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) return raw.map((item) => evaluateRaw(item, scope, errors));
  if (isRecord(raw)) {
    const out: ValueObject = {};
    for (const [rawKey, v] of Object.entries(raw)) {
      const key = rawKey.includes('${') ? evaluateRaw(rawKey, scope, errors) : rawKey;
      if (key instanceof Unknown) return key;
      if (typeof key !== 'string') {
        errors(`an object key must be a string, not ${JSON.stringify(key)}`);
        return new Unknown('an object key is not a string');
      }
      out[key] = evaluateRaw(v, scope, errors);
    }
    return out;
  }
  return null;
}

function dynamicBlocks(name: string, specs: unknown, scope: Scope, errors: ErrorSink): Value[] | Unknown {
  const out: Value[] = [];
  for (const spec of Array.isArray(specs) ? specs : [specs]) {
    if (!isRecord(spec)) continue;
    const collection = evaluateRaw(spec.for_each, scope, errors);
    if (collection instanceof Unknown) return collection;
    const iterator = typeof spec.iterator === 'string' ? evaluateIteratorName(spec.iterator) : name;
    const contents = Array.isArray(spec.content)
      ? spec.content.filter(isRecord)
      : isRecord(spec.content)
        ? [spec.content]
        : [];
    let pairs: [Value, Value][];
    try {
      pairs = entries(collection);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      errors(`dynamic "${name}": ${err.message}`);
      return new Unknown(`dynamic "${name}" cannot be evaluated: ${err.message}`);
    }
    for (const [key, value] of pairs) {
      const inner = childScope(scope, { [iterator]: { key, value } });
      for (const content of contents) out.push(evaluateBody(content, inner, errors, false));
    }
  }
  return out;
}

// hcl2json writes `iterator = it` as "${it}".
function evaluateIteratorName(raw: string): string {
  return raw.replace(/^\$\{\s*|\s*\}$/g, '');
}
