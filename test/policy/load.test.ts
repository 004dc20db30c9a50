import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PolicyError } from '../../src/errors.ts';
import { BUNDLED_POLICY_NAME, readPolicySources } from '../../src/io/policy-files.ts';
import { loadPolicy } from '../../src/policy/load.ts';

function load(text: string, name = 'policies/team.yaml') {
  return loadPolicy([{ name, text }]);
}

function refuses(text: string, expected: string) {
  assert.throws(
    () => load(text),
    (err: unknown) => {
      assert.ok(err instanceof PolicyError, String(err));
      assert.equal(err.message, expected);
      return true;
    },
  );
}

describe('policy files', () => {
  it('loads the version 1 taxonomy', () => {
    const policy = load(`version: 1
tags:
  applies_to: ["aws_*"]
  exclude: ["aws_cloudwatch_log_group"]
  required:
    - key: team
      allowed: [payments, search]
    - key: cost-center
      pattern: "^CC-[0-9]{4}$"
      severity: warn
`);
    assert.deepEqual(policy.tags.appliesTo, ['aws_*']);
    assert.equal(policy.tags.required[1]?.severity, 'warn');
    assert.equal(policy.tags.required[1]?.pattern?.test('CC-1234'), true);
    assert.equal(policy.tags.required[0]?.at.line, 6);
  });

  it('names the file and line of a typo, with a suggestion', () => {
    refuses(
      'version: 1\ntags:\n  requried:\n    - key: team\n',
      'policies/team.yaml:3: unknown key "requried" in tags (did you mean "required"?)',
    );
  });

  it('names the file and line of a wrong type', () => {
    refuses(
      'version: 1\ntags:\n  required:\n    - key: team\n      allowed: payments\n',
      'policies/team.yaml:5: tags.required[0].allowed must be a list, not a string ("payments")',
    );
    refuses(
      'version: 1\ntags:\n  required:\n    - key: team\n      severity: error\n',
      'policies/team.yaml:5: tags.required[0].severity must be one of block, warn (got "error")',
    );
    refuses(
      'version: 1\ntags:\n  required:\n    - allowed: [a]\n',
      'policies/team.yaml:4: tags.required[0] is missing "key"',
    );
  });

  it('names the file and line of an invalid regular expression', () => {
    refuses(
      'version: 1\ntags:\n  required:\n    - key: cost-center\n      pattern: "^(CC"\n',
      'policies/team.yaml:5: tags.required[0].pattern "^(CC" is not a valid regular expression (Unterminated group)',
    );
  });

  it('names the line of a YAML syntax error', () => {
    assert.throws(
      () => load('version: 1\ntags:\n  required: [\n'),
      /^PolicyError: policies\/team\.yaml:3:14: invalid YAML at the end of the file: /,
    );
    assert.throws(
      () => load('version: 1\nversion: 1\n'),
      /^PolicyError: policies\/team\.yaml:2:1: invalid YAML: Map keys must be unique/,
    );
  });

  it('requires version 1', () => {
    refuses('tags: {}\n', 'policies/team.yaml:1: the policy is missing "version"');
    refuses('version: 2\n', 'policies/team.yaml:1: version must be 1 (got 2)');
    refuses('', 'policies/team.yaml: is empty (a policy starts with `version: 1`)');
    refuses(
      '- a\n- b\n',
      'policies/team.yaml:1: is not a policy file: expected a mapping (a policy starts with `version: 1`)',
    );
  });

  it('counts further problems', () => {
    assert.throws(
      () => load('version: 1\nlimits: 1\ntags:\n  excludes: []\n'),
      /:2: unknown key "limits" \(expected one of: version, tags, pricing, showback, extends, budgets, forbidden, rules, exemptions, kubernetes\) \(and 1 more problem\)$/,
    );
  });

  it('merges a directory in name order and refuses a tag required twice', () => {
    const merged = loadPolicy([
      { name: 'p/a.yaml', text: 'version: 1\ntags:\n  required: [{ key: team }]\n' },
      { name: 'p/b.yaml', text: 'version: 1\ntags:\n  exclude: [aws_iam_*]\n  required: [{ key: env }]\n' },
    ]);
    assert.deepEqual(
      merged.tags.required.map((r) => r.key),
      ['team', 'env'],
    );
    assert.deepEqual(merged.files, ['p/a.yaml', 'p/b.yaml']);
    assert.throws(
      () =>
        loadPolicy([
          { name: 'p/a.yaml', text: 'version: 1\ntags:\n  required:\n    - key: team\n' },
          { name: 'p/b.yaml', text: 'version: 1\ntags:\n  required:\n    - key: team\n' },
        ]),
      /^PolicyError: p\/b\.yaml:4: tag "team" is already required at p\/a\.yaml:4; require each key once$/,
    );
  });

  it('finds policies/ in the working directory, else the bundled default', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tollgate-cwd-'));
    assert.equal(readPolicySources(undefined, cwd)[0]?.name, BUNDLED_POLICY_NAME);
    assert.ok(loadPolicy(readPolicySources(undefined, cwd)).tags.required.length >= 3);
    mkdirSync(join(cwd, 'policies', 'tests'), { recursive: true });
    writeFileSync(join(cwd, 'policies', 'b.yml'), 'version: 1\n');
    writeFileSync(join(cwd, 'policies', 'a.yaml'), 'version: 1\n');
    writeFileSync(join(cwd, 'policies', 'README.md'), '# not a policy\n');
    writeFileSync(join(cwd, 'policies', 'tests', 'case.yaml'), 'not: a policy\n');
    assert.deepEqual(
      readPolicySources(undefined, cwd).map((s) => s.name),
      ['policies/a.yaml', 'policies/b.yml'],
    );
    assert.throws(
      () => readPolicySources('nope.yaml', cwd),
      /^InputError: nope\.yaml: no such policy file or directory$/,
    );
  });
});
