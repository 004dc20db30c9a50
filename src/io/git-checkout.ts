/**
 * A read-only copy of the repository at another commit, for evaluating the same Terraform directories
 * at `--base-ref`. Uses `git archive` into a temporary directory (the work tree and index are never
 * touched); the caller removes it with `cleanup()`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';

export interface Checkout {
  /** The repository's top level at the ref. */
  dir: string;
  /** The work tree's top level, to map paths into `dir`. */
  repoRoot: string;
  commit: string;
  cleanup(): void;
}

function git(args: string[], cwd: string): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error) throw new UsageError(`--base-ref needs git, which cannot be run (${r.error.message})`);
  return { ok: r.status === 0, out: r.stdout.trim(), err: r.stderr.trim() };
}

export function checkoutAt(ref: string, cwd: string): Checkout {
  const root = git(['rev-parse', '--show-toplevel'], cwd);
  if (!root.ok) throw new UsageError(`--base-ref ${ref}: ${cwd} is not inside a git repository`);
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (!commit.ok || !/^[0-9a-f]{40,64}$/.test(commit.out)) {
    throw new UsageError(
      `--base-ref ${ref}: not a commit in this repository (fetch it first, e.g. git fetch origin ${ref})`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-base-'));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const tar = join(dir, '.tollgate-base.tar');
    const archive = git(['archive', '--format=tar', `--output=${tar}`, commit.out], root.out);
    if (!archive.ok) throw new UsageError(`--base-ref ${ref}: git archive failed (${archive.err})`);
    const untar = spawnSync('tar', ['-xf', tar, '-C', dir], { encoding: 'utf8' });
    if (untar.status !== 0)
      throw new UsageError(
        `--base-ref ${ref}: cannot unpack the archive (${untar.stderr || untar.error?.message})`,
      );
    rmSync(tar, { force: true });
  } catch (err) {
    cleanup();
    throw err;
  }
  return { dir, repoRoot: root.out, commit: commit.out, cleanup };
}
