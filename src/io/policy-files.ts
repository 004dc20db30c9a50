import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import type { PolicySource } from '../policy/load.ts';
import { packageRoot } from './package-root.ts';

const POLICY_FILE = /\.ya?ml$/i;

/** Name shown for the policy shipped with tollgate. */
export const BUNDLED_POLICY_NAME = 'tollgate:policies/default.yaml';

/**
 * Reads the policy files a run uses: the given file, or every YAML file directly in the given
 * directory (name order); without a path, `policies/` of the working directory if it exists, else the
 * bundled default policy.
 */
export function readPolicySources(path: string | undefined, cwd: string): PolicySource[] {
  if (path === undefined) {
    const local = join(cwd, 'policies');
    if (isDirectory(local)) return readPolicyPath(local, cwd);
    return [bundledPolicySource()];
  }
  return readPolicyPath(resolve(cwd, path), cwd, path);
}

/** The policy shipped with tollgate, used when a run names none and has no `policies/`. */
export function bundledPolicySource(): PolicySource {
  return {
    name: BUNDLED_POLICY_NAME,
    text: readFileSync(join(packageRoot(), 'policies', 'default.yaml'), 'utf8'),
  };
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
