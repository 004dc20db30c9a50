// Bundles the CLI and the GitHub Action into dist/ with esbuild: one self-contained ESM tree that
// starts fast. The two entries share chunks of common code; only dist/action.js pulls in @actions/*
// and Octokit, so the CLI never loads them. Heavy, rarely used code sits behind dynamic imports.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const banner = [
  // CommonJS dependencies inside an ESM bundle still call require() and read __dirname.
  "import { createRequire as __tollgateCreateRequire } from 'node:module';",
  "import { fileURLToPath as __tollgateFileURLToPath } from 'node:url';",
  "import { dirname as __tollgateDirname } from 'node:path';",
  'const require = __tollgateCreateRequire(import.meta.url);',
  'const __filename = __tollgateFileURLToPath(import.meta.url);',
  'const __dirname = __tollgateDirname(__filename);',
].join('\n');

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts', action: 'src/action/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer packages' ESM builds: a dynamically imported CommonJS build (the AWS SDK's dist-cjs)
  // exposes no named exports to the importer.
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: banner },
  logLevel: 'warning',
});
