// Bundles the CLI and the GitHub Action into dist/ with esbuild: one self-contained ESM tree that
// starts fast. The two entries share chunks of common code; only dist/action.js pulls in @actions/*
// and Octokit, so the CLI never loads them. Heavy, rarely used code sits behind dynamic imports.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const banner = [
  // CommonJS dependencies inside an ESM bundle still call require() and read __dirname.
  "import { createRequire as __tollgateCreateRequire } from 'node:module';",
  "import { fileURLToPath as __tollgateFileURLToPath } from 'node:url';",
  "import { dirname as __tollgateDirname } from 'node:path';",
  'const require = __tollgateCreateRequire(import.meta.url);',
  'const __filename = __tollgateFileURLToPath(import.meta.url);',
  'const __dirname = __tollgateDirname(__filename);',
].join('\n');

// hcl2json's Go runtime and 1.9 MB WebAssembly go into their own CommonJS file, embedded, required
// synchronously the first time a .tf file is parsed: nothing else loads or parses them.
const ENGINE = fileURLToPath(new URL('../src/inputs/hcl/hcl2json-engine.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../src/io/package-root.ts', import.meta.url));
const engineStub = {
  name: 'hcl2json-engine-stub',
  setup(b) {
    b.onLoad({ filter: /hcl2json-engine\.ts$/ }, (args) => {
      if (args.path !== ENGINE) return undefined;
      return {
        loader: 'js',
        resolveDir: fileURLToPath(new URL('../src/inputs/hcl/', import.meta.url)),
        contents: [
          "import { createRequire } from 'node:module';",
          "import { join } from 'node:path';",
          `import { packageRoot } from ${JSON.stringify(PACKAGE_ROOT)};`,
          "const engine = () => createRequire(import.meta.url)(join(packageRoot(), 'dist', 'hcl2json-engine.cjs'));",
          'export function loadGoRuntime() { engine().loadGoRuntime(); }',
          'export function wasmGzip() { return engine().wasmGzip(); }',
        ].join('\n'),
      };
    });
  },
};

// TOLLGATE_NO_MINIFY=1 keeps names readable in CPU profiles.
const minify = !process.env.TOLLGATE_NO_MINIFY;
rmSync('dist', { recursive: true, force: true });
await build({
  stdin: {
    contents: [
      "exports.loadGoRuntime = () => { require('@cdktn/hcl2json/wasm/bridge_wasm_exec.js'); };",
      "exports.wasmGzip = () => require('@cdktn/hcl2json/main.wasm.gz');",
    ].join('\n'),
    resolveDir: '.',
    sourcefile: 'hcl2json-engine.cjs',
    loader: 'js',
  },
  outfile: 'dist/hcl2json-engine.cjs',
  // Minifying drops the notices of what is embedded; keep them.
  banner: {
    js: '/*! Embeds @cdktn/hcl2json (MPL-2.0; source: https://github.com/open-constructs/cdk-terrain, packages/@cdktn/hcl2json) and the Go WebAssembly runtime wasm_exec.js (BSD-3-Clause, Copyright The Go Authors). */',
  },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  loader: { '.gz': 'binary' },
  // A require the Go glue only reaches where globalThis.performance is missing (never on Node 20).
  external: ['performance'],
  legalComments: 'linked',
  logLevel: 'warning',
});
await build({
  entryPoints: { cli: 'src/cli/main.ts', action: 'src/action/index.ts' },
  plugins: [engineStub],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer packages' ESM builds: a dynamically imported CommonJS build (the AWS SDK's dist-cjs)
  // exposes no named exports to the importer.
  mainFields: ['module', 'main'],
  minify,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: banner },
  logLevel: 'warning',
});
// The bin and the pre-commit hook (language: script) run dist/cli.js directly.
chmodSync('dist/cli.js', 0o755);
