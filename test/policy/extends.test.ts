import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PolicyError } from '../../src/errors.ts';
import { readBasePolicy } from '../../src/io/base-policy.ts';
import { readPolicySources } from '../../src/io/policy-files.ts';
import { resolvePackName } from '../../src/policy/extends.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import { makeRepo, scratchDir, writeFiles } from '../helpers/action.ts';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-extends-'));
  writeFiles(dir, files);
  return dir;
}

function refusal(files: Record<string, string>, path = 'policies'): string {
  const cwd = tree(files);
  try {
    loadPolicy(readPolicySources(path, cwd));
  } catch (err) {
    assert.ok(err instanceof PolicyError, String(err));
    return err.message;
  }
  assert.fail('the policy was accepted');
}

const TEAM = 'version: 1\ntags:\n  required: [{ key: team }]\n';

describe('extends: policy packs', () => {
  it('merges each pack before the file that extends it, relative to that file, each file once', () => {
    const cwd = tree({
      'policies/a.yaml':
        'version: 1\nextends: [../packs/cost.yaml, b.yaml]\nrules:\n  - id: a\n    when: { var: type }\n    message: a\n',
      'policies/b.yaml': TEAM,
      'packs/cost.yaml':
        'version: 1\nextends: [./nested/forbid.yaml]\nbudgets:\n  - name: delta\n    max_monthly_delta: 10\n',
      'packs/nested/forbid.yaml': 'version: 1\nforbidden:\n  - name: gpu\n    instance_types: ["p4d.*"]\n',
    });
    const sources = readPolicySources('policies', cwd);
    assert.deepEqual(
      sources.map((s) => `${s.name}${s.pack ? ' (pack)' : ''}`),
      ['policies/a.yaml', 'policies/b.yaml', 'packs/cost.yaml (pack)', 'packs/nested/forbid.yaml (pack)'],
    );
    const policy = loadPolicy(sources);
    assert.deepEqual(policy.files, [
      'packs/nested/forbid.yaml',
      'packs/cost.yaml',
      'policies/b.yaml',
      'policies/a.yaml',
    ]);
    assert.deepEqual(
      policy.tags.required.map((r) => r.key),
      ['team'],
      'b.yaml is merged once though listed and extended',
    );
    assert.equal(policy.budgets[0]?.at.file, 'packs/cost.yaml');
    assert.equal(policy.forbidden[0]?.name, 'gpu');
  });

  it('tollgate:NAME is a pack shipped with tollgate', () => {
    const cwd = tree({ 'p.yaml': 'version: 1\nextends: ["tollgate:cost-guardrails.yaml"]\n' });
    const policy = loadPolicy(readPolicySources('p.yaml', cwd));
    assert.deepEqual(policy.files, ['tollgate:policies/cost-guardrails.yaml', 'p.yaml']);
    assert.ok(policy.budgets.some((b) => b.name === 'pr-delta'));
    assert.equal(
      resolvePackName('tollgate:policies/default.yaml', 'tagging-baseline.yaml'),
      'tollgate:policies/tagging-baseline.yaml',
    );
    assert.equal(resolvePackName('x.yaml', 'tollgate:../package.json'), undefined);
  });

  it('a cycle is an error at the extends line, naming the chain', () => {
    assert.equal(
      refusal({
        'policies/a.yaml': 'version: 1\nextends:\n  - ../packs/b.yaml\n',
        'packs/b.yaml': 'version: 1\nextends:\n  - c.yaml\n',
        'packs/c.yaml': 'version: 1\n\nextends: [../policies/a.yaml]\n',
      }),
      'packs/c.yaml:3: extends[0] "../policies/a.yaml" makes a cycle: policies/a.yaml → packs/b.yaml → packs/c.yaml → policies/a.yaml',
    );
    assert.equal(
      refusal({ 'policies/a.yaml': 'version: 1\nextends: [a.yaml]\n' }),
      'policies/a.yaml:2: extends[0] "a.yaml" makes a cycle: policies/a.yaml → policies/a.yaml',
    );
  });

  it('a missing pack, or one outside the shipped packs, is an error at its line', () => {
    assert.equal(
      refusal({
        'policies/a.yaml': 'version: 1\nextends:\n  - base.yaml\n  - nope.yaml\n',
        'policies/base.yaml': TEAM,
      }),
      'policies/a.yaml:4: extends[1] "nope.yaml": no such policy file (policies/nope.yaml)',
    );
    assert.equal(
      refusal({ 'policies/a.yaml': 'version: 1\nextends: ["tollgate:../../etc/passwd"]\n' }),
      'policies/a.yaml:2: extends[0] "tollgate:../../etc/passwd" is outside tollgate\'s shipped packs (use tollgate:NAME.yaml)',
    );
    assert.equal(
      refusal({
        'policies/a.yaml': 'version: 1\nextends: [b.yaml]\n',
        'policies/b.yaml': 'version: 1\nbudget: []\n',
      }),
      'policies/b.yaml:2: unknown key "budget" (did you mean "budgets"?)',
      "a pack's own errors name the pack",
    );
  });

  it('a budget, forbidden entry or rule name used twice is an error naming both places', () => {
    const budget = 'version: 1\nbudgets:\n  - name: pr-delta\n    max_monthly_delta: 10\n';
    assert.equal(
      refusal({ 'policies/a.yaml': budget, 'policies/b.yaml': `${budget}` }),
      'policies/b.yaml:3: budget "pr-delta" is already defined at policies/a.yaml:3; give each budget its own name',
    );
    const rule = 'version: 1\nrules:\n  - id: r\n    when: { var: type }\n    message: m\n';
    assert.equal(
      refusal({ 'policies/a.yaml': `${rule}  - id: r\n    when: { var: type }\n    message: again\n` }),
      'policies/a.yaml:6: rule "r" is already defined at policies/a.yaml:3; give each rule its own name',
    );
    const forbid = 'version: 1\nforbidden:\n  - name: f\n    regions: ["us-*"]\n';
    assert.equal(
      refusal({
        'policies/a.yaml': 'version: 1\nextends: [../p.yaml]\n',
        'p.yaml': forbid,
        'policies/z.yaml': forbid,
      }),
      'policies/z.yaml:3: forbidden entry "f" is already defined at p.yaml:3; give each forbidden entry its own name',
    );
  });

  it('shipped packs and default.yaml merge without conflicts', () => {
    const policy = loadPolicy(readPolicySources('policies', join(import.meta.dirname, '..', '..')));
    assert.deepEqual(policy.files, [
      'policies/cost-guardrails.yaml',
      'policies/tagging-baseline.yaml',
      'policies/default.yaml',
      'policies/forbidden-expensive.yaml',
      'policies/security-basics.yaml',
    ]);
  });
});

describe('extends and the base commit', () => {
  const scratch = scratchDir();
  after(() => scratch.remove());

  it('packs are read at the base commit too: a PR cannot loosen its gate by editing a pack', async () => {
    const dir = join(scratch.path, 'repo');
    const { baseSha } = makeRepo(
      dir,
      {
        'policies/a.yaml': 'version: 1\nextends: [../packs/cost.yaml]\n',
        'packs/cost.yaml': 'version: 1\nbudgets:\n  - name: d\n    max_monthly_delta: 10\n',
      },
      { 'packs/cost.yaml': 'version: 1\nbudgets:\n  - name: d\n    max_monthly_delta: 100000\n' },
    );
    const base = await readBasePolicy({ ref: baseSha, policyPath: 'policies', cwd: dir, repoRoot: dir });
    assert.equal(base.changedInPr, true);
    assert.equal(loadPolicy(base.sources).budgets[0]?.monthlyDelta.max?.toString(), '10');
  });
});
