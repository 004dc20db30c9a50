import Big from 'big.js';
import type { Attributes } from '../model/resource.ts';

/** A value Terraform knows only after apply. */
export const UNKNOWN: unique symbol = Symbol('unknown until apply');
export type Unknown = typeof UNKNOWN;

type Path = readonly (string | number)[];

/**
 * Read access to one side (before or after) of a resource's attributes that keeps "unknown until
 * apply" distinct from "not set": pricers must never treat an unknown size or type as zero.
 */
export class AttrView {
  constructor(
    private readonly values: unknown,
    private readonly unknown: unknown = undefined,
    private readonly expressions: unknown = undefined,
    /** Collects the top-level attribute names read through this view (see PricerMemo). */
    private readonly reads: Set<string> | undefined = undefined,
  ) {}

  /**
   * `expressions` is the resource's configuration (`config.expressions`): a value the plan marks
   * unknown but the configuration sets as a constant is known after all — some providers mark whole
   * blocks computed even when every attribute in them is written out.
   */
  static of(
    values: Attributes | null,
    unknown?: unknown,
    expressions?: unknown,
    reads?: Set<string>,
  ): AttrView {
    return new AttrView(values ?? {}, unknown, expressions, reads);
  }

  /** The raw value at `path`, UNKNOWN, or undefined when absent or null. */
  get(path: string | Path): unknown {
    if (this.reads) this.reads.add(String(typeof path === 'string' ? path : path[0]));
    if (typeof path === 'string') {
      // The common case, a top-level attribute, without a path array per lookup.
      const unknown = step(this.unknown, path);
      if (unknown === true || this.unknown === true) return this.constant([path]);
      return step(this.values, path) ?? undefined;
    }
    const segments = path;
    let value: unknown = this.values;
    let unknown: unknown = this.unknown;
    for (const key of segments) {
      if (unknown === true) return this.constant(segments);
      unknown = step(unknown, key);
      value = step(value, key);
    }
    if (unknown === true) return this.constant(segments);
    return value ?? undefined;
  }

  /** The configuration's constant at `path`, else UNKNOWN. */
  private constant(path: readonly (string | number)[]): unknown {
    let node: unknown = this.expressions;
    for (const [i, key] of path.entries()) {
      if (isConstant(node)) return dig(node.constant_value, path.slice(i)) ?? UNKNOWN;
      node = step(node, key);
    }
    return isConstant(node) ? (node.constant_value ?? UNKNOWN) : UNKNOWN;
  }

  str(path: string | Path): string | Unknown | undefined {
    const v = this.get(path);
    if (v === UNKNOWN) return UNKNOWN;
    if (typeof v === 'string') return v === '' ? undefined : v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return undefined;
  }

  /** A number, accepting numeric strings (HCL and some providers give strings). */
  num(path: string | Path): Big | Unknown | undefined {
    const v = this.get(path);
    if (v === UNKNOWN) return UNKNOWN;
    if (typeof v === 'number' && Number.isFinite(v)) return new Big(v);
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return new Big(v.trim());
    return undefined;
  }

  bool(path: string | Path): boolean | Unknown | undefined {
    const v = this.get(path);
    if (v === UNKNOWN) return UNKNOWN;
    if (typeof v === 'boolean') return v;
    if (v === 'true') return true;
    if (v === 'false') return false;
    return undefined;
  }

  /** The nested blocks of a block type (`root_block_device`), each as its own view; UNKNOWN if the list is. */
  blocks(name: string): AttrView[] | Unknown {
    const v = this.get(name);
    if (v === UNKNOWN) {
      // Blocks the configuration writes out exist even when the plan computes them: their
      // attributes are unknown except where the configuration gives constants.
      const configured = step(this.expressions, name);
      if (!Array.isArray(configured) || configured.length === 0) return UNKNOWN;
      return configured.map((expressions) => new AttrView({}, true, expressions));
    }
    if (!Array.isArray(v)) return [];
    const unknownList = step(this.unknown, name);
    const expressionList = step(this.expressions, name);
    return v.map((block, i) => new AttrView(block, step(unknownList, i), step(expressionList, i)));
  }

  /** A list of strings (`instance_types`), UNKNOWN if the list or any element is. */
  strings(name: string): string[] | Unknown | undefined {
    const v = this.get(name);
    if (v === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(v)) return undefined;
    const unknownList = step(this.unknown, name);
    if (Array.isArray(unknownList) && unknownList.some((u) => u === true)) return UNKNOWN;
    return v.filter((x): x is string => typeof x === 'string');
  }
}

function isConstant(node: unknown): node is { constant_value: unknown } {
  return (
    node !== null && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, 'constant_value')
  );
}

function dig(value: unknown, path: readonly (string | number)[]): unknown {
  let node = value;
  for (const key of path) node = step(node, key);
  return node;
}

function step(node: unknown, key: string | number): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  return Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
}
