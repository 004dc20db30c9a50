/**
 * HCL text → hcl2json's JSON, synchronously. @cdktn/hcl2json's own API is async and starts its
 * WebAssembly when imported; its Go functions, though, answer synchronously once the module runs, so
 * tollgate instantiates the module itself, on the first .tf file, and keeps every caller synchronous.
 * Commands that read no HCL never pay the start-up (≈ 120 ms).
 */
import { setFlagsFromString } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { loadGoRuntime, wasmGzip } from './hcl2json-engine.ts';

// Node has WebAssembly; @types/node does not declare it without the DOM library.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => object;
}

interface GoInstance {
  importObject: Record<string, Record<string, (sp: number) => void>>;
  run(instance: object): Promise<void>;
  _scheduledTimeouts?: Map<number, { unref?: () => void }>;
}

type Callback = (err: string | null, result: string | null) => void;
type Bridge = Record<string, (...args: unknown[]) => void>;

/** A parse failure as hcl2json reports it, located by its own `file:line,col` prefix. */
export class HclParseError extends Error {
  override name = 'HclParseError';
  constructor(
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(detail);
  }
}

let bridge: Bridge | undefined;

function start(): Bridge {
  if (bridge) return bridge;
  // A run lasts seconds: optimizing the 7 MB module with TurboFan costs more (CPU on two cores,
  // ≈ 70 MB) than it saves. Liftoff, V8's baseline WebAssembly compiler, halves a 500-file run.
  setFlagsFromString('--liftoff-only');
  loadGoRuntime();
  const Go = (globalThis as unknown as { Go: new () => GoInstance }).Go;
  const go = new Go();
  unrefTimers(go);
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const module = new wasm.Module(gunzipSync(wasmGzip()));
  const instance = new wasm.Instance(module, go.importObject);
  const root: Bridge = {};
  // The Go program registers its functions on this global when it starts.
  (globalThis as Record<string, unknown>).__parse_terraform_config_wasm__ = root;
  void go.run(instance);
  if (typeof root.parse !== 'function') throw new Error('hcl2json did not start');
  return (bridge = root);
}

/**
 * The Go runtime keeps timers for its own background work; they would hold the process open for
 * ≈ 400 ms after tollgate is done. Every call into Go here completes synchronously, so the timers
 * need not keep Node alive.
 */
function unrefTimers(go: GoInstance): void {
  for (const functions of Object.values(go.importObject)) {
    const schedule = functions['runtime.scheduleTimeoutEvent'];
    if (!schedule) continue;
    functions['runtime.scheduleTimeoutEvent'] = (sp: number) => {
      schedule(sp);
      for (const timer of go._scheduledTimeouts?.values() ?? []) timer.unref?.();
    };
  }
}

/** hcl2json's JSON for one file; `name` is used in its error messages only. */
export function hclToJson(name: string, text: string): Record<string, unknown> {
  const parse = start().parse as (name: string, text: string, cb: Callback) => void;
  let error: string | null = null;
  let result: string | null = null;
  let answered = false;
  parse(name, text, (err, res) => {
    answered = true;
    error = err;
    result = res;
  });
  if (!answered) throw new Error('hcl2json did not answer synchronously');
  if (error !== null) throw toParseError(name, error);
  return JSON.parse(result ?? '{}') as Record<string, unknown>;
}

// `parse config: [main.tf:2,7-3,1: Invalid expression; Expected the start of an expression...]`
function toParseError(name: string, raw: string): HclParseError {
  const body = raw.replace(/^parse config: \[/, '').replace(/\]$/, '');
  const prefix = `${name}:`;
  const at = body.indexOf(prefix);
  if (at === -1) return new HclParseError(body);
  const m = /^(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;]*)(?:; (.*?))?(?= \S+:\d+,\d+|$)/s.exec(
    body.slice(at + prefix.length),
  );
  if (!m) return new HclParseError(body);
  const [, line, column, summary, detail] = m;
  const message = detail ? `${summary}: ${detail.trim()}` : (summary ?? body);
  return new HclParseError(message.replace(/\s+/g, ' ').trim(), Number(line), Number(column));
}
