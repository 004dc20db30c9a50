import type Big from 'big.js';
import type { Resource } from '../model/resource.ts';
import { AttrView } from './attributes.ts';
import type { BillInterner } from './bills.ts';
import type { ComponentSpec, Pricer, PricerInput, ResourceLookup } from './resources/types.ts';

/**
 * Remembers each pricer's answer for the inputs it actually read, so the thousands of resources of a
 * few shapes in a plan are priced once per shape: a pricer running in a process that has not warmed
 * up costs far more than comparing the few attributes it reads.
 *
 * A pricer is a pure function of its input. Per type, the memo keeps the union of the top-level
 * attribute names any call has read, from the side's values, its unknown markers or the
 * configuration; an answer is reused only for a side whose values, markers and configuration at
 * every one of those names are the same, with the same side, region, usage values and hours. When a
 * call reads a name outside the union, the union grows and what was remembered is dropped, so an
 * answer never rests on an attribute its key did not compare. A call that reads anything else of the
 * resource (its address, say) or follows a reference to another resource depends on more than that:
 * its answer is not remembered. Answers that are remain sound: a pricer is a pure function, so a
 * resource whose values equal a remembered call's at every name that call read takes the same path,
 * and does not follow the reference either.
 */
export class PricerMemo {
  private readonly types = new Map<string, TypeMemo>();
  private readonly lookup: ResourceLookup;
  private readonly ids = new ValueIds();
  private call: Call = { reads: new Set(), other: false };

  /** `remember: false` runs the pricer for every side (tests compare the two). */
  constructor(
    lookup: ResourceLookup,
    private readonly bills: BillInterner,
    private readonly remember = true,
  ) {
    this.lookup = {
      byAddress: (address, origin) => {
        this.call.other = true;
        return lookup.byAddress(address, origin);
      },
      ofType: (type, origin) => {
        // A type no input has is no answer for every resource alike, so nothing the key misses.
        if (lookup.ofType(type, undefined).length > 0) this.call.other = true;
        return lookup.ofType(type, origin);
      },
    };
  }

  /** The side's components, interned (see BillInterner): the pricer runs only for inputs not seen. */
  components(
    pricer: Pricer,
    input: Omit<PricerInput, 'attrs' | 'lookup'>,
    hours: Big | undefined,
  ): ComponentSpec[] {
    const { resource, side, region } = input;
    const values = (side === 'after' ? resource.after : resource.before) ?? {};
    const unknown = side === 'after' ? resource.afterUnknown : undefined;
    const expressions = resource.config?.expressions;
    let memo = this.types.get(resource.type);
    if (!memo)
      this.types.set(
        resource.type,
        (memo = { names: [], answers: new Map<number, Remembered[]>(), unremembered: 0, off: false }),
      );

    // Kubernetes objects are priced with their autoscalers and claims, not from their own inputs alone.
    const prefix =
      !this.remember || memo.off || resource.kubernetes
        ? undefined
        : this.ids.prefix(
            side,
            region,
            hours?.toString() ?? '',
            input.usage.id,
            (expressions === undefined ? 0 : expressions === null ? 4 : 1) + (unknown === true ? 2 : 0),
          );
    const parsed = resource.origin.kind === 'terraform-plan';
    const sources = [values, unknown, expressions];
    let key = prefix === undefined ? undefined : this.ids.key(prefix, memo.names, sources, parsed);
    if (key !== undefined) {
      const found = find(memo.answers, key);
      if (found) {
        // The usage keys the remembered call read are this resource's too: ask them, so they count
        // as read for it (Usage.readKeys).
        for (const usageKey of found.usageKeys) input.usage.number(usageKey);
        return found.answer;
      }
    }

    const call: Call = (this.call = { reads: new Set(), other: false });
    const usageKeys = new Set<string>();
    const usage = input.usage;
    const specs = pricer.components({
      ...input,
      usage:
        prefix === undefined
          ? usage
          : {
              id: usage.id,
              number: (usageKey) => {
                usageKeys.add(usageKey);
                return usage.number(usageKey);
              },
            },
      resource: prefix === undefined ? resource : tracked(resource, side, call),
      lookup: this.lookup,
      attrs: AttrView.of(values, unknown, expressions, call.reads),
    });
    const interned = this.bills.intern(specs, region, hours);
    if (prefix === undefined) return interned;
    // Its answer rests on more than the key compares: not remembered. The type's other answers still
    // are, since a call that read the same values at every name another call read took the same path.
    if (call.other) {
      // A type whose every call follows references (an ASG and its launch template) never gains from
      // the keys: stop building them.
      if (++memo.unremembered >= GIVE_UP_AFTER && memo.answers.size === 0) memo.off = true;
      return interned;
    }
    let grown = false;
    for (const name of call.reads) {
      if (!memo.names.includes(name)) {
        memo.names.push(name);
        grown = true;
      }
    }
    if (grown) {
      memo.answers = new Map<number, Remembered[]>();
      key = this.ids.key(prefix, memo.names, sources, parsed);
    }
    if (key !== undefined) store(memo.answers, key, { key, answer: interned, usageKeys: [...usageKeys] });
    return interned;
  }
}

/** Unremembered calls, with nothing remembered, after which a type is no longer keyed. */
const GIVE_UP_AFTER = 32;

interface TypeMemo {
  /** Every top-level attribute name a call for this type has read. */
  names: string[];
  answers: Map<number, Remembered[]>;
  /** Calls that depended on more than their own attributes, so were not remembered. */
  unremembered: number;
  /** Every call so far depended on more: keys are no longer built for this type. */
  off: boolean;
}

/** What one pricer call read: attribute names, and whether anything the key cannot compare. */
interface Call {
  reads: Set<string>;
  other: boolean;
}

/**
 * The resource as a pricer sees it: its type as it is, its attributes and configuration through
 * views that note the top-level names read, anything else marks the call as not rememberable.
 */
function tracked(resource: Resource, side: 'before' | 'after', call: Call): Resource {
  // Only the side being priced is in the key: reading the other side is reading something else.
  const own = side === 'after' ? ['after', 'afterUnknown'] : ['before'];
  const views = new Map<string | symbol, unknown>();
  return new Proxy(resource, {
    get(target, key) {
      if (key === 'type' || key === 'kubernetes') return target[key];
      let view = views.get(key);
      if (view === undefined && !views.has(key)) {
        if (typeof key === 'string' && own.includes(key)) view = names(Reflect.get(target, key), call);
        else if (key === 'config') view = target.config && configuration(target.config, call);
        else {
          call.other = true;
          view = Reflect.get(target, key) as unknown;
        }
        views.set(key, view);
      }
      return view;
    },
    has(target, key) {
      call.other = true;
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      call.other = true;
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      call.other = true;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** The configuration block: its expressions by the names read; anything else of it is not in the key. */
function configuration(config: object, call: Call): unknown {
  const other = () => {
    call.other = true;
  };
  return new Proxy(config, {
    get(target, key) {
      if (key === 'expressions') return names(Reflect.get(target, key), call);
      other();
      return Reflect.get(target, key) as unknown;
    },
    has(target, key) {
      other();
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      other();
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      other();
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** An object whose top-level reads are noted; listing its keys reads everything. */
function names(value: unknown, call: Call): unknown {
  if (value === null || typeof value !== 'object') return value;
  const note = (key: string | symbol) => {
    if (typeof key === 'string') call.reads.add(key);
    else call.other = true;
  };
  return new Proxy(value, {
    get(target, key) {
      note(key);
      return Reflect.get(target, key) as unknown;
    },
    has(target, key) {
      note(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      note(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      call.other = true;
      return Reflect.ownKeys(target);
    },
  });
}

/**
 * Short ids for the attribute values keys compare: equal values get equal ids. Strings and numbers by
 * value, objects by their JSON text, and the configuration's objects, which every instance of a
 * block shares, by identity first.
 */
class ValueIds {
  private readonly strings = new Map<string, number>();
  private readonly numbers = new Map<number, number>();
  private readonly texts = new Map<string, number>();
  private readonly objects = new WeakMap<object, number>();
  private next = 4;

  /**
   * The key: the prefix, then for each name the ids of its value in each source (values,
   * unknown markers, configuration); undefined when some value has none.
   */
  key(
    prefix: readonly number[],
    names: readonly string[],
    sources: readonly unknown[],
    parsed: boolean,
  ): number[] | undefined {
    const key = prefix.slice();
    for (const name of names) {
      for (let i = 0; i < sources.length; i++) {
        const source = sources[i];
        const value =
          source !== null && typeof source === 'object' && Object.hasOwn(source, name)
            ? (source as Record<string, unknown>)[name]
            : null;
        const id = this.of(value, parsed, i === CONFIGURATION);
        if (id === undefined) return undefined;
        key.push(id);
      }
    }
    return key;
  }

  // undefined reads as null does (AttrView treats both as not set).
  private of(value: unknown, parsed: boolean, shared: boolean): number | undefined {
    if (value === null || value === undefined) return 0;
    if (value === true) return 1;
    if (value === false) return 2;
    if (typeof value === 'string') return this.idOf(this.strings, value);
    if (typeof value === 'number')
      // A Map holds -0 and 0 as one key: a -0 is not remembered at all.
      return Number.isFinite(value) && !Object.is(value, -0) ? this.idOf(this.numbers, value) : undefined;
    if (typeof value !== 'object') return undefined;
    // Only the configuration's objects are shared between resources; a side's own are met once.
    let id = shared ? this.objects.get(value) : undefined;
    if (id === undefined) {
      const text = json(value, parsed);
      if (text === undefined) return undefined;
      id = this.idOf(this.texts, text);
      if (shared) this.objects.set(value, id);
    }
    return id;
  }

  /** What a key holds besides attributes: the side, region, hours, usage entry and which sources exist. */
  prefix(side: 'before' | 'after', region: string, hours: string, usage: string, flags: number): number[] {
    return [
      side === 'after' ? 1 : 0,
      this.idOf(this.strings, region),
      this.idOf(this.strings, hours),
      this.idOf(this.strings, usage),
      flags,
    ];
  }

  private idOf<T>(map: Map<T, number>, value: T): number {
    let id = map.get(value);
    if (id === undefined) map.set(value, (id = this.next++));
    return id;
  }
}

/** Where the configuration is among a key's sources. */
const CONFIGURATION = 2;

/** An answer with its key, filed under the key's hash; equal hashes are told apart by the keys. */
interface Remembered {
  key: readonly number[];
  answer: ComponentSpec[];
  /** The usage keys the call asked for. */
  usageKeys: readonly string[];
}

function hash(key: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const id of key) h = Math.imul(h ^ id, 0x01000193);
  return h;
}

function find(answers: Map<number, Remembered[]>, key: readonly number[]): Remembered | undefined {
  const bucket = answers.get(hash(key));
  if (!bucket) return undefined;
  for (const entry of bucket) {
    if (entry.key.length === key.length && entry.key.every((id, i) => id === key[i])) return entry;
  }
  return undefined;
}

function store(answers: Map<number, Remembered[]>, key: readonly number[], entry: Remembered): void {
  const h = hash(key);
  const bucket = answers.get(h);
  if (bucket) bucket.push(entry);
  else answers.set(h, [entry]);
}

/**
 * JSON text that stands for the value exactly, or undefined when it cannot. A plan's attributes come
 * from JSON.parse, so their text is exact; other inputs' values are checked for what JSON would
 * change (non-finite numbers, functions, symbols), which must never make two inputs look the same.
 */
function json(value: unknown, parsed: boolean): string | undefined {
  if (!parsed && !jsonSafe(value)) return undefined;
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    return undefined;
  }
  // JSON.parse turns a number too large for a double into Infinity, which prints as null.
  if (parsed && text.includes('null') && !jsonSafe(value)) return undefined;
  return text;
}

function jsonSafe(value: unknown): boolean {
  // undefined reads as null does (AttrView treats both as not set), so it may print as null or not at all.
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean')
    return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object') return false;
  for (const v of Object.values(value)) if (!jsonSafe(v)) return false;
  return true;
}
