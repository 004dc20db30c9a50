import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { BUNDLED_PREFIX, missingPacks, type PolicySource } from '../policy/extends.ts';
import { packageRoot } from './package-root.ts';

const POLICY_FILE = /\.ya?ml$/i;

/** Name shown for the policy shipped with tollgate. */
export const BUNDLED_POLICY_NAME = 'tollgate:policies/default.yaml';

/**
 * Reads the policy files a run uses: the given file, or every YAML file directly in the given
 * directory (name order); without a path, `policies/` of the working directory if it exists, else the
 * bundled default policy. The packs they extend come along, marked.
 */
export function readPolicySources(path: string | undefined, cwd: string): PolicySource[] {
  if (path === undefined) {
    const local = join(cwd, 'policies');
    if (isDirectory(local)) return withPacks(readPolicyPath(local, cwd), (name) => readPack(name, cwd));
    return bundledPolicySources();
  }
  return withPacks(readPolicyPath(resolve(cwd, path), cwd, path), (name) => readPack(name, cwd));
}

/** The policy shipped with tollgate and the packs it extends, used when a run names none and has no `policies/`. */
export function bundledPolicySources(): PolicySource[] {
  const main = {
    name: BUNDLED_POLICY_NAME,
    text: readFileSync(join(packageRoot(), 'policies', 'default.yaml'), 'utf8'),
  };
  return withPacks([main], (name) => readPack(name, packageRoot()));
}

/**
 * Adds the packs `sources` extend, and the packs those extend, read by `read` (undefined: no such
 * file — loadPolicy then reports it at the `extends` line).
 */
export function withPacks(
  sources: readonly PolicySource[],
  read: (name: string) => string | undefined,
): PolicySource[] {
  const all = [...sources];
  const tried = new Set<string>();
  for (;;) {
    const next = missingPacks(all).filter((name) => !tried.has(name));
    if (next.length === 0) return all;
    for (const name of next) {
      tried.add(name);
      const text = read(name);
      if (text !== undefined) all.push({ name, text, pack: true });
    }
  }
}

/** A pack by its resolved name: `tollgate:policies/x.yaml` from tollgate's own files, else from `cwd`. */
export function readPack(name: string, cwd: string): string | undefined {
  const absolute = name.startsWith(BUNDLED_PREFIX)
    ? join(packageRoot(), name.slice(BUNDLED_PREFIX.length))
    : resolve(cwd, name);
  try {
    return readFileSync(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw new InputError(name, `cannot be read (${code ?? String(err)})`);
  }
}

/** Policy files in a directory listing: YAML files, in the order they are merged. */
export function policyFileNames(names: readonly string[]): string[] {
  return names.filter((n) => POLICY_FILE.test(n)).sort();
}

function readPolicyPath(
  absolute: string,
  cwd: string,
  shown = relative(cwd, absolute) || '.',
): PolicySource[] {
  let stat;
  try {
    stat = statSync(absolute);
  } catch {
    throw new InputError(shown, 'no such policy file or directory');
  }
  if (!stat.isDirectory()) return [{ name: shown, text: readText(absolute, shown) }];
  const names = policyFileNames(readdirSync(absolute).filter((n) => !isDirectory(join(absolute, n))));
  if (names.length === 0) throw new InputError(shown, 'contains no policy files (*.yaml)');
  return names.map((n) => {
    const name = join(shown, n);
    return { name, text: readText(join(absolute, n), name) };
  });
}

function readText(absolute: string, shown: string): string {
  try {
    return readFileSync(absolute, 'utf8');
  } catch (err) {
    throw new InputError(shown, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
