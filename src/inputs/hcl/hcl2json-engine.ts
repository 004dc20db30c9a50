/**
 * Loads hcl2json's Go runtime and WebAssembly. From source (tests, tsx) both are read from
 * node_modules/@cdktn/hcl2json; scripts/build.mjs replaces this module with one that embeds them in a
 * separate CommonJS file in dist/, loaded only when a .tf file is parsed (see hcl2json.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Defines globalThis.Go, the runtime the WebAssembly module needs. */
export function loadGoRuntime(): void {
  createRequire(import.meta.url)('@cdktn/hcl2json/wasm/bridge_wasm_exec.js');
}

/** The gzip-compressed WebAssembly module. */
export function wasmGzip(): Uint8Array {
  return readFileSync(createRequire(import.meta.url).resolve('@cdktn/hcl2json/main.wasm.gz'));
}
