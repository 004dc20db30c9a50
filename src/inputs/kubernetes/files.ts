/**
 * The manifest files behind one `--k8s PATH`: the file itself, every .yaml/.yml/.json file under a
 * directory (recursively, in name order), or standard input for `-`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../errors.ts';
import { readInputText } from '../read.ts';

export interface ManifestFile {
  /** The name findings and errors show: the given path, or the given directory joined with the file's. */
  name: string;
  text: string;
  /** Found by walking a directory, not named by the user: a file that is not a manifest is skipped. */
  walked: boolean;
}

const EXTENSIONS = /\.(ya?ml|json)$/i;
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.terraform']);
/** No real manifest comes near this; a bigger file is refused before it is read. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Reads `path` (relative to `cwd`); `shown` names it in messages (`--base-ref` reads a checkout but
 * shows the paths as given).
 */
export function manifestFiles(path: string, cwd: string, shown = path): ManifestFile[] {
  if (path === '-') {
    const { name, text } = readInputText('-');
    return [{ name, text, walked: false }];
  }
  const absolute = resolve(cwd, path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      shown,
      code === 'ENOENT' ? 'no such file or directory' : `cannot be read (${code ?? String(err)})`,
    );
  }
  if (!isDirectory) return [readManifest(absolute, shown, false)];
  const files = walk(absolute, shown);
  if (files.length === 0)
    throw new InputError(shown, 'contains no .yaml, .yml or .json files, expected Kubernetes manifests');
  return files.map(([abs, name]) => readManifest(abs, name, true));
}

function walk(dir: string, shown: string): [string, string][] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(shown, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e): [string, string][] => {
      const abs = join(dir, e.name);
      const name = join(shown, e.name);
      if (e.isDirectory()) return SKIPPED_DIRECTORIES.has(e.name) ? [] : walk(abs, name);
      // kustomize's third name for its file has no extension; it is read to know which files are patches.
      return e.isFile() && (EXTENSIONS.test(e.name) || e.name === 'Kustomization') ? [[abs, name]] : [];
    });
}

function readManifest(absolute: string, name: string, walked: boolean): ManifestFile {
  try {
    const size = statSync(absolute).size;
    if (size > MAX_FILE_BYTES)
      throw new InputError(
        name,
        `is ${(size / 1024 / 1024).toFixed(1)} MiB; manifests over ${MAX_FILE_BYTES / 1024 / 1024} MiB are refused`,
      );
    return { name, text: readFileSync(absolute, 'utf8'), walked };
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      name,
      code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? String(err)})`,
    );
  }
}
