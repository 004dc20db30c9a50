import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readBasePolicy, type ContentsReader, type RemoteEntry } from '../../src/io/base-policy.ts';
import { hasCommit, listFilesAtRef, readFileAtRef, repoRoot } from '../../src/io/git.ts';
import { BUNDLED_POLICY_NAME } from '../../src/io/policy-files.ts';
import { makeRepo, scratchDir } from '../helpers/action.ts';

const A = 'version: 1\ntags:\n  required:\n    - key: team\n';
const B = 'version: 1\ntags:\n  required:\n    - key: env\n';

describe('git helpers and the base-commit policy', () => {
  const scratch = scratchDir();
  after(() => scratch.remove());
  let n = 0;
  const repo = (base: Record<string, string>, head: Record<string, string | null> = {}) => {
    const dir = join(scratch.path, `repo-${++n}`);
    return { dir, ...makeRepo(dir, base, head) };
  };

  it('reads files and lists directories at a commit, relative to a subdirectory', () => {
    const r = repo(
      { 'infra/policies/a.yaml': A, 'infra/policies/sub/x.yaml': B, 'infra/policies/notes.md': 'x' },
      { 'infra/policies/a.yaml': B },
    );
    const cwd = join(r.dir, 'infra');
    assert.equal(readFileAtRef(r.baseSha, 'policies/a.yaml', cwd), A);
    assert.equal(readFileAtRef(r.headSha, 'policies/a.yaml', cwd), B);
    assert.equal(readFileAtRef(r.baseSha, 'policies/missing.yaml', cwd), undefined);
    assert.equal(readFileAtRef(r.baseSha, 'policies', cwd), undefined, 'a directory is not a file');
    assert.deepEqual(listFilesAtRef(r.baseSha, 'policies/', cwd), ['a.yaml', 'notes.md']);
    assert.equal(listFilesAtRef(r.baseSha, 'nothing', cwd), undefined);
    assert.equal(repoRoot(cwd), r.dir);
    assert.equal(hasCommit(r.baseSha, cwd), true);
    assert.equal(hasCommit('f'.repeat(40), cwd), false);
  });

  it('a path or ref cannot become a command or an option', () => {
    const r = repo({ 'p.yaml': A });
    assert.equal(readFileAtRef(r.baseSha, '$(touch pwned).yaml', r.dir), undefined);
    assert.equal(hasCommit('--output=/tmp/x', r.dir), false);
  });

  it('reports an unchanged policy as unchanged, named like the working tree names it', async () => {
    const r = repo({ 'policies/a.yaml': A, 'policies/b.yml': B });
    const base = await readBasePolicy({
      ref: r.baseSha,
      policyPath: 'policies/',
      cwd: r.dir,
      repoRoot: r.dir,
    });
    assert.deepEqual(
      base.sources.map((s) => s.name),
      ['policies/a.yaml', 'policies/b.yml'],
    );
    assert.equal(base.changedInPr, false);
    assert.equal(base.via, 'git');
  });

  it('reads a single policy file, and notices the PR changing it', async () => {
    const r = repo({ 'tollgate.yaml': A }, { 'tollgate.yaml': B });
    const base = await readBasePolicy({
      ref: r.baseSha,
      policyPath: 'tollgate.yaml',
      cwd: r.dir,
      repoRoot: r.dir,
    });
    assert.deepEqual(base.sources, [{ name: 'tollgate.yaml', text: A }]);
    assert.equal(base.changedInPr, true);
  });

  it("uses the PR's own policy when the base commit has none at that path (the PR adds it)", async () => {
    const r = repo({ 'x.txt': 'x' }, { 'policies/a.yaml': A });
    const base = await readBasePolicy({
      ref: r.baseSha,
      policyPath: 'policies/',
      cwd: r.dir,
      repoRoot: r.dir,
    });
    assert.deepEqual(base.sources, [{ name: 'policies/a.yaml', text: A }]);
    assert.equal(base.fromBase, false);
    assert.equal(base.changedInPr, true);
    await assert.rejects(
      readBasePolicy({ ref: r.baseSha, policyPath: 'nowhere/', cwd: r.dir, repoRoot: r.dir }),
      /^InputError: nowhere\/: no such policy file or directory, neither in the base commit nor in the pull request$/,
    );
  });

  it('stops with one line when the contents API fails', async () => {
    const r = repo({ 'policies/a.yaml': A });
    const contents: ContentsReader = {
      getContent: () => Promise.reject(Object.assign(new Error('Bad credentials'), { status: 401 })),
    };
    await assert.rejects(
      readBasePolicy({ ref: 'f'.repeat(40), policyPath: 'policies/', cwd: r.dir, repoRoot: r.dir, contents }),
      /^InputError: policies\/: cannot read the policy at the base commit f{40} through the GitHub API \(401 Bad credentials\); check out with fetch-depth: 0 so git can, or set policy-from-base: false$/,
    );
  });

  it('without a policy path, a base without policies/ means the bundled policy, even if the PR adds one', async () => {
    const r = repo({ 'x.txt': 'x' }, { 'policies/a.yaml': B });
    const base = await readBasePolicy({ ref: r.baseSha, policyPath: undefined, cwd: r.dir, repoRoot: r.dir });
    assert.equal(base.sources[0]?.name, BUNDLED_POLICY_NAME);
    assert.equal(base.via, 'bundled default');
    assert.equal(base.changedInPr, true);
  });

  it('falls back to the contents API, with repo-root paths, when the commit is not in the clone', async () => {
    const r = repo({ 'infra/policies/a.yaml': B });
    const asked: string[] = [];
    const sha = 'e'.repeat(40);
    const contents: ContentsReader = {
      getContent(path: string, ref: string): Promise<RemoteEntry> {
        asked.push(`${ref.slice(0, 1)}:${path}`);
        if (path === 'infra/policies')
          return Promise.resolve({ type: 'dir', files: ['a.yaml', 'README.md'] });
        if (path === 'infra/policies/a.yaml') return Promise.resolve({ type: 'file', text: A });
        return Promise.resolve(undefined);
      },
    };
    const base = await readBasePolicy({
      ref: sha,
      policyPath: 'policies',
      cwd: join(r.dir, 'infra'),
      repoRoot: r.dir,
      contents,
    });
    assert.deepEqual(asked, ['e:infra/policies', 'e:infra/policies/a.yaml']);
    assert.deepEqual(base.sources, [{ name: 'policies/a.yaml', text: A }]);
    assert.equal(base.changedInPr, true);
    assert.equal(base.via, 'contents API');
    await assert.rejects(
      readBasePolicy({ ref: sha, policyPath: 'policies', cwd: join(r.dir, 'infra'), repoRoot: r.dir }),
      /it is not in the clone \(check out with fetch-depth: 0, or set policy-from-base: false\)/,
    );
  });
});
