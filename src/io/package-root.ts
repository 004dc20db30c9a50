import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The directory of tollgate's own package.json. Bundled data (the default policy, the price catalog)
 * lives beside the code, whether it runs from src/ under tsx, from dist/, or from an Action checkout.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'tollgate'
    ) {
      return (root = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find tollgate package root');
    dir = parent;
  }
}

/** The version in package.json, for reports. */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
}
