import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { InputError } from '../errors.ts';

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.terraform']);

/**
 * Expands input paths and globs (`plans/*.json`, `**\/plan.json`) relative to `cwd`, in order and
 * without duplicates. A plain path is kept as given, so a missing file gets the reader's own error;
 * a glob matching nothing is an error, since a silent empty check would pass the gate.
 */
export function expandInputPaths(patterns: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (!seen.has(path)) {
      seen.add(path);
      out.push(path);
    }
  };
  for (const given of patterns) {
    const pattern = given.replace(/^(\.\/)+/, '');
    if (!picomatch.scan(pattern).isGlob) {
      add(given);
      continue;
    }
    const { base } = picomatch.scan(pattern);
    const isMatch = picomatch(pattern, { dot: false });
    const matches = walk(join(cwd, base), cwd).filter((p) => isMatch(p));
    if (matches.length === 0) throw new InputError(given, 'matches no files');
    for (const m of matches.sort()) add(m);
  }
  return out;
}

/** Files under `dir`, as `/`-separated paths relative to `cwd`. */
function walk(dir: string, cwd: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return SKIPPED_DIRECTORIES.has(e.name) ? [] : walk(path, cwd);
    return e.isFile() ? [relative(cwd, path).split(sep).join('/')] : [];
  });
}
