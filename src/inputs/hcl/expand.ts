/**
 * `count` and `for_each`: the instances a resource or module block stands for. Keys become address
 * suffixes (`[0]`, `["k"]`); when the collection is not known statically the block is one instance
 * whose address ends in `[*]` and whose count.index / each.* are unknown.
 */
import type { Resolved } from './evaluate.ts';
import { entries } from './evaluate.ts';
import { EvalError, firstUnknown, isObject, toNumberValue, Unknown, type Value } from './value.ts';

export interface Instance {
  /** Address suffix: '', '[0]', '["k"]', or '[*]' when the instances are unknown. */
  suffix: string;
  /** The key used in references: module.x[KEY], aws_x.y[KEY]. */
  key?: string | number;
  /** Names bound while evaluating the instance: count, each. */
  bindings: Record<string, Resolved>;
}

export interface Expansion {
  mode: 'single' | 'count' | 'for_each';
  instances: Instance[];
  /** Why the instances are not known, when they are not. */
  unknown?: Unknown;
}

/** Evaluates count / for_each (already evaluated by the caller) into instances. */
export function expand(count: Value | undefined, forEach: Value | undefined): Expansion {
  if (count !== undefined) {
    const n = count instanceof Unknown ? count : toNumberValue(count, 'count');
    if (n instanceof Unknown) return unknownExpansion('count', n, { count: { index: unknownIndex(n) } });
    if (!Number.isInteger(n) || n < 0) throw new EvalError(`count must be a whole number ≥ 0, got ${n}`);
    return {
      mode: 'count',
      instances: Array.from({ length: n }, (_, i) => ({
        suffix: `[${i}]`,
        key: i,
        bindings: { count: { index: i } },
      })),
    };
  }
  if (forEach !== undefined) {
    const u = forEach instanceof Unknown ? forEach : keysUnknown(forEach);
    if (u) return unknownExpansion('for_each', u, { each: { key: u, value: u } });
    if (forEach === null) throw new EvalError('for_each must be a map or a set of strings, not null');
    if (!isObject(forEach) && !Array.isArray(forEach)) {
      throw new EvalError('for_each must be a map or a set of strings');
    }
    const pairs: [string, Value][] = isObject(forEach)
      ? entries(forEach).map(([k, v]) => [k as string, v])
      : [
          ...new Set(
            forEach.map((v) => {
              if (typeof v !== 'string')
                throw new EvalError('for_each over a list needs strings (a set of strings)');
              return v;
            }),
          ),
        ]
          .sort()
          .map((v) => [v, v]);
    return {
      mode: 'for_each',
      instances: pairs.map(([key, value]) => ({
        suffix: `[${JSON.stringify(key)}]`,
        key,
        bindings: { each: { key, value } },
      })),
    };
  }
  return { mode: 'single', instances: [{ suffix: '', bindings: {} }] };
}

function unknownExpansion(
  mode: 'count' | 'for_each',
  why: Unknown,
  bindings: Record<string, Resolved>,
): Expansion {
  return { mode, instances: [{ suffix: '[*]', bindings }], unknown: why };
}

function unknownIndex(why: Unknown): Unknown {
  return new Unknown(`count.index is unknown because count is (${why.reason})`, why.variable);
}

// A map's keys are known even when some values are not; a set's elements are its keys.
function keysUnknown(value: Value): Unknown | undefined {
  if (isObject(value)) return undefined;
  return firstUnknown(value);
}
