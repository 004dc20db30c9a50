import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.ts';
import { BUNDLED_PREFIX, missingPacks, type PolicySource } from '../policy/extends.ts';
import { GitError, hasCommit, listFilesAtRef, pathTypeAtRef, readFileAtRef } from './git.ts';
import { bundledPolicySources, policyFileNames, readPack, readPolicySources } from './policy-files.ts';

/** What a path holds at a commit, as the GitHub contents API tells it; undefined when nothing is there. */
export type RemoteEntry = { type: 'file'; text: string } | { type: 'dir'; files: string[] } | undefined;

/** The repository contents API, for when the base commit is not in the clone (a shallow checkout). */
export interface ContentsReader {
  /** `path` is relative to the repository root, with `/` separators. */
  getContent(path: string, ref: string): Promise<RemoteEntry>;
}

export interface BasePolicyRequest {
  /** The base commit of the pull request. */
  ref: string;
  /** The policy path as the user gave it (relative to `cwd`); undefined for `policies/`, else the bundled default. */
  policyPath: string | undefined;
  cwd: string;
  /** The repository root, to turn `cwd`-relative paths into the contents API's repo paths. */
  repoRoot: string;
  contents?: ContentsReader;
}

export interface BasePolicy {
  /** The policy files as they are at the base commit, named as a working-tree read would name them. */
  sources: PolicySource[];
  /** Whether the pull request's working tree has different policy files. */
  changedInPr: boolean;
  /** False when the base commit has no policy at the path and the PR's own (new) policy is used. */
  fromBase: boolean;
  via: 'git' | 'contents API' | 'bundled default' | 'pull request';
}

/**
 * Reads the policy a pull request is checked against from its base commit, so the PR cannot loosen
 * its own gate: through git when the commit is in the clone, else through the contents API. Compares
 * it with the working tree's policy so the change can be shown.
 */
export async function readBasePolicy(request: BasePolicyRequest): Promise<BasePolicy> {
  const { ref, cwd } = request;
  const shown = request.policyPath ?? 'policies';
  const local = isAbsolute(shown) ? relative(cwd, shown) || '.' : shown;
  const useGit = hasCommit(ref, cwd);
  if (!useGit && !request.contents) {
    throw new InputError(
      shown,
      `cannot read the policy from the base commit ${ref}: it is not in the clone (check out with fetch-depth: 0, or set policy-from-base: false)`,
    );
  }
  let base = useGit
    ? readWithGit(ref, local, shown, cwd)
    : await readWithContents(request.contents as ContentsReader, ref, repoPath(request, local), shown);
  if (base !== undefined) base = await packsAtRef(base, request, useGit);
  const head = workingTree(request);
  if (base === undefined && request.policyPath !== undefined) {
    // The base has no policy here: this PR introduces it. There is no gate on the base to loosen
    // (there, the step would stop at the missing file), so the PR's policy is what can be enforced.
    if (head === undefined)
      throw new InputError(
        shown,
        'no such policy file or directory, neither in the base commit nor in the pull request',
      );
    return { sources: head, changedInPr: true, fromBase: false, via: 'pull request' };
  }
  // Without a policies/ directory the base branch is gated by the bundled policy; so is this PR.
  const via: BasePolicy['via'] = base === undefined ? 'bundled default' : useGit ? 'git' : 'contents API';
  base ??= bundledPolicySources();
  return { sources: base, changedInPr: !sameSources(base, head), fromBase: true, via };
}

/**
 * The packs the base policy extends, as they are at the base commit too (a PR must not loosen its
 * gate by editing a pack). Shipped packs (`tollgate:`) come with tollgate, not the repository.
 */
async function packsAtRef(
  sources: PolicySource[],
  request: BasePolicyRequest,
  useGit: boolean,
): Promise<PolicySource[]> {
  const { ref, cwd } = request;
  const all = [...sources];
  const tried = new Set<string>();
  for (;;) {
    const next = missingPacks(all).filter((name) => !tried.has(name));
    if (next.length === 0) return all;
    for (const name of next) {
      tried.add(name);
      let text: string | undefined;
      if (name.startsWith(BUNDLED_PREFIX)) text = readPack(name, cwd);
      else if (useGit) {
        try {
          text = readFileAtRef(ref, isAbsolute(name) ? relative(cwd, name) : name, cwd);
        } catch (err) {
          if (err instanceof GitError)
            throw new InputError(name, `cannot read the policy pack at the base commit (${err.message})`);
          throw err;
        }
      } else {
        const entry = await contentsAt(
          request.contents as ContentsReader,
          repoPath(request, name),
          ref,
          name,
        );
        text = entry?.type === 'file' ? entry.text : undefined;
      }
      if (text !== undefined) all.push({ name, text, pack: true });
    }
  }
}

function readWithGit(ref: string, local: string, shown: string, cwd: string): PolicySource[] | undefined {
  try {
    const type = pathTypeAtRef(ref, local, cwd);
    if (type === 'file') return [{ name: shown, text: readFileAtRef(ref, local, cwd) ?? '' }];
    if (type !== 'directory') return undefined;
    const names = policyFileNames(listFilesAtRef(ref, local, cwd) ?? []);
    if (names.length === 0)
      throw new InputError(shown, `contains no policy files (*.yaml) at the base commit ${ref}`);
    return names.map((n) => ({ name: join(shown, n), text: readFileAtRef(ref, join(local, n), cwd) ?? '' }));
  } catch (err) {
    if (err instanceof GitError)
      throw new InputError(shown, `cannot read the policy at the base commit (${err.message})`);
    throw err;
  }
}

async function readWithContents(
  contents: ContentsReader,
  ref: string,
  path: string,
  shown: string,
): Promise<PolicySource[] | undefined> {
  const entry = await contentsAt(contents, path, ref, shown);
  if (entry === undefined) return undefined;
  if (entry.type === 'file') return [{ name: shown, text: entry.text }];
  const names = policyFileNames(entry.files);
  if (names.length === 0)
    throw new InputError(shown, `contains no policy files (*.yaml) at the base commit ${ref}`);
  const sources: PolicySource[] = [];
  for (const n of names) {
    const file = await contentsAt(contents, path === '' ? n : `${path}/${n}`, ref, join(shown, n));
    if (file?.type !== 'file')
      throw new InputError(join(shown, n), `cannot be read at the base commit ${ref}`);
    sources.push({ name: join(shown, n), text: file.text });
  }
  return sources;
}

async function contentsAt(
  contents: ContentsReader,
  path: string,
  ref: string,
  shown: string,
): Promise<RemoteEntry> {
  try {
    return await contents.getContent(path, ref);
  } catch (err) {
    const failure = err as { status?: number; message?: string };
    const detail = `${failure.status ?? ''} ${(failure.message ?? String(err)).split('\n')[0] ?? ''}`.trim();
    throw new InputError(
      shown,
      `cannot read the policy at the base commit ${ref} through the GitHub API (${detail}); check out with fetch-depth: 0 so git can, or set policy-from-base: false`,
    );
  }
}

function repoPath(request: BasePolicyRequest, local: string): string {
  const path = relative(request.repoRoot, resolve(request.cwd, local)).split(sep).join('/');
  if (path.startsWith('..')) throw new InputError(local, 'is outside the repository');
  return path;
}

/** The working tree's policy, or undefined when the PR removed it (which is a change too). */
function workingTree(request: BasePolicyRequest): PolicySource[] | undefined {
  try {
    return readPolicySources(request.policyPath, request.cwd);
  } catch (err) {
    if (err instanceof InputError) return undefined;
    throw err;
  }
}

function sameSources(a: readonly PolicySource[], b: readonly PolicySource[] | undefined): boolean {
  return (
    b !== undefined &&
    a.length === b.length &&
    a.every((s, i) => s.name === b[i]?.name && s.text === b[i]?.text)
  );
}
