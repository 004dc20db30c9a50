/**
 * Streams the top level of a large JSON object without materialising it. A 10 000-resource plan is
 * ~20 MB, two thirds of it planned_values and prior_state that tollgate never reads; parsing only the
 * members it needs — and the resource_changes array one element at a time — keeps peak memory near
 * the size of what is kept rather than a multiple of the file, and skips most of the parsing work.
 *
 * It checks structure (strings, nesting, separators) but not the syntax of skipped values; any
 * structural problem returns `undefined` so the caller can fall back to JSON.parse for a located error.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

export interface StreamPlan {
  /** Members parsed whole. */
  whole: ReadonlySet<string>;
  /** Array members whose elements (objects) are handed over one by one, parsed. */
  each: ReadonlyMap<string, (element: unknown) => void>;
}

export interface StreamResult {
  /** Every top-level key present, in order. */
  keys: string[];
  values: Map<string, unknown>;
}

/** Scans `chunks` (the input, in order) and returns the members asked for; undefined if malformed. */
export function streamTopLevel(chunks: Iterable<Uint8Array>, plan: StreamPlan): StreamResult | undefined {
  const scanner = new Scanner(plan);
  try {
    for (const chunk of chunks) scanner.feed(asBuffer(chunk));
    return scanner.finish();
  } catch (err) {
    if (err instanceof Malformed || err instanceof SyntaxError) return undefined;
    throw err;
  }
}

class Malformed extends Error {}

function malformed(): never {
  throw new Malformed('malformed JSON');
}

const enum State {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  ValueStart,
  Value,
  CommaOrEnd,
  Done,
}

type Mode = 'skip' | 'whole' | 'each';

class Scanner {
  private readonly keys: string[] = [];
  private readonly values = new Map<string, unknown>();
  private state = State.Start as State;
  private first = true;
  private key = '';
  private mode: Mode = 'skip';
  /** Nesting depth inside the current member's value. */
  private depth = 0;
  private inString = false;
  /** The previous chunk ended inside a string on an unpaired backslash. */
  private escaped = false;
  private scalar = false;
  /** In an `each` array: 0 after '[', 1 after an element, 2 after ','. */
  private arrayState = 0;
  /** Bytes of the key, value (whole) or element (each) being read, when it spans chunks. */
  private parts: Uint8Array[] = [];
  /** Where, in the current chunk, what is being captured started; -1 when nothing is. */
  private captureStart = -1;

  constructor(private readonly plan: StreamPlan) {}

  feed(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    if (this.first) {
      this.first = false;
      if (n >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    this.captureStart = this.capturing() ? i : -1;
    while (i < n) {
      const b = chunk[i] as number;
      switch (this.state) {
        case State.Start:
          if (b === LBRACE) this.state = State.KeyOrEnd;
          else if (!isSpace(b)) malformed();
          i++;
          break;
        case State.KeyOrEnd:
          if (b === QUOTE) {
            this.state = State.Key;
            this.inString = true;
            this.captureStart = i;
            i = this.skipString(chunk, i + 1, n);
            if (!this.inString) this.endKey(chunk, i);
          } else if (b === RBRACE && this.keys.length === 0) {
            this.state = State.Done;
            i++;
          } else if (isSpace(b)) i++;
          else malformed();
          break;
        case State.Key:
          i = this.skipString(chunk, i, n);
          if (!this.inString) this.endKey(chunk, i);
          break;
        case State.Colon:
          if (b === COLON) this.state = State.ValueStart;
          else if (!isSpace(b)) malformed();
          i++;
          break;
        case State.ValueStart:
          if (isSpace(b)) {
            i++;
            break;
          }
          this.startValue(b);
          this.captureStart = this.mode === 'whole' ? i : -1;
          this.state = State.Value;
          break;
        case State.Value:
          i = this.scanValue(chunk, i, n);
          break;
        case State.CommaOrEnd:
          if (b === COMMA) this.state = State.KeyOrEnd;
          else if (b === RBRACE) this.state = State.Done;
          else if (!isSpace(b)) malformed();
          i++;
          break;
        case State.Done:
          if (!isSpace(b)) malformed();
          i++;
          break;
      }
    }
    // The chunk's memory may be reused for the next one: copy what is still being captured.
    if (this.captureStart >= 0) this.parts.push(Uint8Array.prototype.slice.call(chunk, this.captureStart, n));
  }

  finish(): StreamResult | undefined {
    return this.state === State.Done ? { keys: this.keys, values: this.values } : undefined;
  }

  private capturing(): boolean {
    if (this.state === State.Key) return true;
    if (this.state !== State.Value) return false;
    return this.mode === 'whole' || (this.mode === 'each' && this.depth >= 2);
  }

  private take(chunk: Buffer, end: number): string {
    const start = this.captureStart;
    this.captureStart = -1;
    if (this.parts.length === 0) return chunk.toString('utf8', start, end);
    const joined = Buffer.concat([...this.parts, chunk.subarray(start, end)]);
    this.parts = [];
    return joined.toString('utf8');
  }

  private endKey(chunk: Buffer, end: number): void {
    this.key = JSON.parse(this.take(chunk, end)) as string;
    this.keys.push(this.key);
    this.state = State.Colon;
  }

  private startValue(b: number): void {
    const key = this.key;
    this.mode = this.plan.whole.has(key) ? 'whole' : this.plan.each.has(key) ? 'each' : 'skip';
    if (this.mode === 'each' && b !== LBRACKET) this.mode = 'whole';
    this.depth = 0;
    this.arrayState = 0;
    this.scalar = b !== LBRACE && b !== LBRACKET && b !== QUOTE;
  }

  private endValue(chunk: Buffer, end: number): void {
    if (this.mode === 'whole') this.values.set(this.key, JSON.parse(this.take(chunk, end)));
    this.state = State.CommaOrEnd;
  }

  /**
   * Advances past string content from `i`; returns the index after the closing quote (and clears
   * inString) or `n` when the chunk ends inside the string. Uses the native indexOf: most of a plan's
   * bytes are inside strings.
   */
  private skipString(chunk: Buffer, i: number, n: number): number {
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    let q = chunk.indexOf(QUOTE, i);
    while (q >= 0) {
      let k = q - 1;
      while (k >= i && chunk[k] === BACKSLASH) k--;
      if ((q - 1 - k) % 2 === 0) {
        this.inString = false;
        return q + 1;
      }
      q = chunk.indexOf(QUOTE, q + 1);
    }
    let k = n - 1;
    while (k >= i && chunk[k] === BACKSLASH) k--;
    this.escaped = (n - 1 - k) % 2 === 1;
    return n;
  }

  private scanValue(chunk: Buffer, i: number, n: number): number {
    if (this.scalar) {
      while (i < n) {
        const b = chunk[i] as number;
        if (b === COMMA || b === RBRACE || isSpace(b)) {
          this.endValue(chunk, i);
          return i; // the delimiter belongs to CommaOrEnd
        }
        i++;
      }
      return n;
    }
    const each = this.mode === 'each';
    while (i < n) {
      if (this.inString) {
        i = this.skipString(chunk, i, n);
        if (!this.inString && this.depth === 0) {
          this.endValue(chunk, i);
          return i;
        }
        continue;
      }
      const b = chunk[i] as number;
      // '[' | 0x20 is '{' and ']' | 0x20 is '}': one test skips the bytes that are neither.
      const folded = b | 0x20;
      if (b !== QUOTE && folded !== LBRACE && folded !== RBRACE && !(each && this.depth === 1)) {
        i++;
        continue;
      }
      if (b === QUOTE) {
        if (each && this.depth === 1) malformed();
        this.inString = true;
        i++;
      } else if (b === LBRACE || b === LBRACKET) {
        this.depth++;
        if (each && this.depth === 2) {
          if (b !== LBRACE || this.arrayState === 1) malformed();
          this.arrayState = 1;
          this.captureStart = i;
        }
        i++;
      } else if (b === RBRACE || b === RBRACKET) {
        if (each && this.depth === 1 && this.arrayState === 2) malformed();
        this.depth--;
        i++;
        if (this.depth < 0) malformed();
        if (each && this.depth === 1) this.emit(chunk, i);
        if (this.depth === 0) {
          this.endValue(chunk, i);
          return i;
        }
      } else {
        if (each && this.depth === 1 && !isSpace(b)) {
          if (b !== COMMA || this.arrayState !== 1) malformed();
          this.arrayState = 2;
        }
        i++;
      }
    }
    return n;
  }

  private emit(chunk: Buffer, end: number): void {
    const handler = this.plan.each.get(this.key) as (element: unknown) => void;
    handler(JSON.parse(this.take(chunk, end)));
  }
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
