/**
 * Kustomize layouts in a manifest directory. tollgate does not render kustomize (bases, overlays,
 * patches, generators): it reads the files as they are. Two things it can still get right: a file a
 * kustomization lists as a patch is a fragment of an object, not an object, so it is not read as one
 * (it would be a second copy of its base's object, or an object missing its labels); and an object
 * defined twice in a kustomize tree is explained as such, with what to run instead.
 */
import { basename, dirname, isAbsolute, join, normalize, relative } from 'node:path';
import { InputError } from '../../errors.ts';
import { isRecord } from '../../kubernetes/kinds.ts';
import type { ManifestFile } from './files.ts';
import { parseManifest, type ParsedFile } from './parse.ts';

/** The file names kustomize looks for in a directory (the extensionless `Kustomization` is never walked). */
const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** The kustomization fields whose entries name patch files. */
const PATCH_FIELDS = ['patches', 'patchesStrategicMerge', 'patchesJson6902'] as const;

export interface PatchOf {
  /** The kustomization file that lists the patch, as files are shown. */
  kustomization: string;
  field: (typeof PATCH_FIELDS)[number];
}

export interface KustomizeLayout {
  /** The kustomization files of the tree, as shown. */
  kustomizations: string[];
  /** Patch files (normalized names as shown) and what lists them. */
  patches: Map<string, PatchOf>;
  /** The kustomization files as parsed, by name: the reader reuses them rather than parse again. */
  parsed: Map<string, ParsedFile>;
}

export function isKustomization(name: string): boolean {
  return KUSTOMIZATION_FILES.has(basename(name));
}

/** The kustomizations among a directory's files and the patch files they list; undefined if none. */
export function kustomizeLayout(files: readonly ManifestFile[]): KustomizeLayout | undefined {
  const found = files.filter((f) => f.walked && isKustomization(f.name));
  if (found.length === 0) return undefined;
  const patches = new Map<string, PatchOf>();
  const parsed = new Map<string, ParsedFile>();
  for (const file of found) {
    let data: unknown;
    try {
      const manifest = parseManifest(file);
      parsed.set(file.name, manifest);
      data = manifest.documents[0];
    } catch (err) {
      // Reading it as a manifest says what is wrong with it, in its turn.
      if (err instanceof InputError) continue;
      throw err;
    }
    if (!isRecord(data)) continue;
    for (const field of PATCH_FIELDS) {
      const entries = data[field];
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        const path = patchPath(entry);
        if (path === undefined) continue;
        const name = normalize(join(dirname(file.name), path));
        if (!patches.has(name)) patches.set(name, { kustomization: file.name, field });
      }
    }
  }
  return { kustomizations: found.map((f) => f.name), patches, parsed };
}

/** A patch entry's file: `{ path: x }`, or a string that is a path rather than an inline patch. */
function patchPath(entry: unknown): string | undefined {
  const path = isRecord(entry) ? entry.path : entry;
  if (typeof path !== 'string' || path.trim() === '' || /[\n:{]/.test(path)) return undefined;
  return path.trim();
}

/** The patch entry of a file of the tree, if a kustomization lists it. */
export function patchOf(layout: KustomizeLayout | undefined, file: ManifestFile): PatchOf | undefined {
  return file.walked ? layout?.patches.get(normalize(file.name)) : undefined;
}

/**
 * The kustomization nearest to the given files: in the directory of the first, or the closest
 * directory above it, else of the others, else the tree's first.
 */
export function nearestKustomization(layout: KustomizeLayout, files: readonly string[]): string {
  for (const file of files) {
    let best: string | undefined;
    for (const k of layout.kustomizations) {
      const rel = relative(dirname(k), file);
      const inside = !rel.startsWith('..') && !isAbsolute(rel);
      if (inside && (!best || dirname(k).length > dirname(best).length)) best = k;
    }
    if (best) return best;
  }
  return layout.kustomizations[0] as string;
}
