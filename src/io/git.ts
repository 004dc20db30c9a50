import { execFileSync } from 'node:child_process';

/**
 * Read-only access to a git repository through the real `git` binary, called without a shell so no
 * path or ref can be interpreted as a command. Paths are relative to `cwd`, as git resolves `./`.
 */

/** git could not answer: not a repository, git missing, or the ref is not in this clone. */
export class GitError extends Error {
  override name = 'GitError';
}

const KNOWN_OPTIONS = new Set(['-e', '-t', '-z', '--full-tree', '--show-toplevel']);

function git(args: string[], cwd: string): string {
  // Every call ends in a `<rev>…` argument; one starting with '-' would be read as an option.
  if (args.some((a, i) => i > 0 && a.startsWith('-') && !KNOWN_OPTIONS.has(a)))
    throw new GitError(
      `refusing git argument ${JSON.stringify(args.find((a, i) => i > 0 && a.startsWith('-')))}`,
    );
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const detail = (e.stderr ?? '').trim().split('\n')[0] || e.message;
    throw new GitError(`git ${args[0] ?? ''}: ${detail}`);
  }
}

/** Whether `ref` names a commit present in the clone (a shallow checkout may lack the base). */
export function hasCommit(ref: string, cwd: string): boolean {
  try {
    git(['cat-file', '-e', `${ref}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/** What `path` is at `ref`: a file, a directory, or nothing. Throws GitError when the ref is missing. */
export function pathTypeAtRef(ref: string, path: string, cwd: string): 'file' | 'directory' | undefined {
  if (!hasCommit(ref, cwd)) throw new GitError(`commit ${ref} is not in this clone`);
  try {
    const type = git(['cat-file', '-t', `${ref}:${relativeSpec(path)}`], cwd).trim();
    return type === 'tree' ? 'directory' : type === 'blob' ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** A file's text at `ref`, or undefined when the path is not a file there. */
export function readFileAtRef(ref: string, path: string, cwd: string): string | undefined {
  if (pathTypeAtRef(ref, path, cwd) !== 'file') return undefined;
  return git(['show', `${ref}:${relativeSpec(path)}`], cwd);
}

/** Names of the files (not subdirectories) directly in `dir` at `ref`, or undefined when it is no directory there. */
export function listFilesAtRef(ref: string, dir: string, cwd: string): string[] | undefined {
  if (pathTypeAtRef(ref, dir, cwd) !== 'directory') return undefined;
  // Without --full-tree, ls-tree run in a subdirectory lists only entries under that subdirectory's
  // name, even for a tree given by `<rev>:<path>`.
  const out = git(['ls-tree', '-z', '--full-tree', `${ref}:${relativeSpec(dir)}`], cwd);
  return out
    .split('\0')
    .filter((entry) => entry !== '')
    .map((entry) => /^\d+ (\w+) [0-9a-f]+\t(.*)$/s.exec(entry))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === 'blob')
    .map((m) => m[2] as string);
}

/** The top directory of the working tree containing `cwd`, or undefined outside a repository. */
export function repoRoot(cwd: string): string | undefined {
  try {
    return git(['rev-parse', '--show-toplevel'], cwd).trim() || undefined;
  } catch {
    return undefined;
  }
}

// `<rev>:./path` is resolved against the working directory; a bare `<rev>:path` against the root.
function relativeSpec(path: string): string {
  const posix = path.replace(/\\/g, '/').replace(/\/+$/, '');
  if (posix === '' || posix === '.') return './';
  return posix.startsWith('./') || posix.startsWith('../') ? posix : `./${posix}`;
}
