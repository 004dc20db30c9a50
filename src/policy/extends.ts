/**
 * `extends: [path]`: policy packs merged before the file that names them. Paths are relative to that
 * file; `tollgate:NAME` names a pack shipped with tollgate. Reading files is the I/O layer's job: it
 * asks `packReferences` what each file extends, reads those, and hands every text to `loadPolicy`,
 * which orders them here. Pure: names are resolved as POSIX paths, nothing is read.
 */
import { posix } from 'node:path';
import { parse } from 'yaml';
import { PolicyError } from '../errors.ts';
import type { ParsedYamlFile } from './validate.ts';

/** One policy file's text and the name to show for it. */
export interface PolicySource {
  name: string;
  text: string;
  /** Read only because a file extends it: merged where it is extended, not on its own. */
  pack?: boolean;
}

/** Prefix of the packs shipped in tollgate's own `policies/` directory. */
export const BUNDLED_PREFIX = 'tollgate:';

/**
 * The name a reference in `from`'s `extends` stands for, or undefined when it leaves the shipped
 * packs' directory (`tollgate:../x`). Bundled names are `tollgate:policies/NAME`.
 */
export function resolvePackName(from: string, ref: string): string | undefined {
  if (ref.startsWith(BUNDLED_PREFIX)) return bundled(ref.slice(BUNDLED_PREFIX.length));
  if (from.startsWith(BUNDLED_PREFIX)) {
    const dir = posix.dirname(from.slice(BUNDLED_PREFIX.length));
    return dir === 'policies' || dir.startsWith('policies/')
      ? bundled(posix.relative('policies', posix.join(dir, ref)))
      : undefined;
  }
  if (posix.isAbsolute(ref)) return posix.normalize(ref);
  return posix.normalize(posix.join(posix.dirname(from), ref));
}

function bundled(relative: string): string | undefined {
  const normal = posix.normalize(relative);
  if (normal.startsWith('..') || posix.isAbsolute(normal) || normal === '.') return undefined;
  return `${BUNDLED_PREFIX}policies/${normal}`;
}

/**
 * The pack names a policy text extends, resolved. Tolerant: a file that does not parse extends
 * nothing here, and `loadPolicy` reports what is wrong with it, with its line.
 */
export function packReferences(source: PolicySource): string[] {
  let data: unknown;
  try {
    data = parse(source.text, { maxAliasCount: 100 });
  } catch {
    return [];
  }
  if (data === null || typeof data !== 'object' || !Array.isArray((data as { extends?: unknown }).extends))
    return [];
  return ((data as { extends: unknown[] }).extends ?? [])
    .filter((r): r is string => typeof r === 'string' && r !== '')
    .flatMap((r) => resolvePackName(source.name, r) ?? []);
}

/** Pack names referenced by `sources` that are not among them yet: what the I/O layer reads next. */
export function missingPacks(sources: readonly PolicySource[]): string[] {
  const have = new Set(sources.map((s) => s.name));
  const missing = new Set<string>();
  for (const s of sources) for (const name of packReferences(s)) if (!have.has(name)) missing.add(name);
  return [...missing];
}

/**
 * The files in merge order: each file's packs (depth first, in the order listed) before the file,
 * every file once. A cycle, or a pack that was not found, is an error at the `extends` line.
 */
export function orderWithPacks(
  files: readonly ParsedYamlFile[],
  parse: (name: string) => ParsedYamlFile | undefined,
): ParsedYamlFile[] {
  const ordered: ParsedYamlFile[] = [];
  const done = new Set<string>();
  const visit = (file: ParsedYamlFile, ancestors: string[]): void => {
    if (done.has(file.file)) return;
    const chain = [...ancestors, file.file];
    const refs = Array.isArray(file.data.extends) ? (file.data.extends as string[]) : [];
    refs.forEach((ref, i) => {
      const line = file.lineOf(['extends', i]);
      const name = resolvePackName(file.file, ref);
      if (name === undefined)
        throw new PolicyError(
          file.file,
          `extends[${i}] "${ref}" is outside tollgate's shipped packs (use tollgate:NAME.yaml)`,
          line,
        );
      if (chain.includes(name))
        throw new PolicyError(
          file.file,
          `extends[${i}] "${ref}" makes a cycle: ${[...chain.slice(chain.indexOf(name)), name].join(' → ')}`,
          line,
        );
      const pack = parse(name);
      if (!pack)
        throw new PolicyError(file.file, `extends[${i}] "${ref}": no such policy file (${name})`, line);
      visit(pack, chain);
    });
    done.add(file.file);
    ordered.push(file);
  };
  for (const f of files) visit(f, []);
  return ordered;
}
