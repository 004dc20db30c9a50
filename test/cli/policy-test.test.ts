import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeFiles } from '../helpers/action.ts';
import { ROOT, runCli, runDist } from '../helpers/cli.ts';

const PACKS = ['cost-guardrails', 'forbidden-expensive', 'security-basics', 'tagging-baseline'];

describe('tollgate test: the shipped packs', () => {
  it('every pack has tests in policies/tests, and they all pass', () => {
    const tests = readdirSync(join(ROOT, 'policies', 'tests'));
    for (const pack of PACKS) assert.ok(tests.includes(`${pack}.yaml`), `policies/tests/${pack}.yaml`);
    // As a user runs it: the bundled CLI, the default directory, from the repository root.
    const r = runDist(['test']);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    const summary = lines.pop() ?? '';
    assert.ok(lines.length >= 15, `${lines.length} cases`);
    for (const line of lines) assert.match(line, /^ok {4}policies\/tests\/[a-z-]+\.yaml › .+$/);
    for (const pack of PACKS)
      assert.ok(
        lines.some((l) => l.includes(`policies/tests/${pack}.yaml › `)),
        pack,
      );
    assert.equal(summary, `${lines.length} passed, 0 failed`);
    assert.equal(r.code, 0);
  });
});

describe('tollgate test: failures and malformed test files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-policy-test-'));
  writeFiles(dir, {
    'policy.yaml': 'version: 1\nforbidden:\n  - name: no-gpu\n    instance_types: ["p4d.*"]\n',
    'gpu/main.tf':
      'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_instance" "t" {\n  instance_type = "p4d.24xlarge"\n}\n',
    'tests/gpu.yaml': [
      'policy: ../policy.yaml',
      'cases:',
      '  - name: right',
      '    tf: ../gpu',
      '    cost: false',
      '    verdict: block',
      '    findings: [{ rule: forbidden.no-gpu, address: aws_instance.t, severity: block }]',
      '  - name: deliberately wrong',
      '    tf: ../gpu',
      '    cost: false',
      '    verdict: pass',
      '    findings: [{ rule: forbidden.no-gpu, address: aws_instance.t, severity: warn }]',
      '  - name: expects an error that does not come',
      '    tf: ../gpu',
      '    cost: false',
      "    error: 'unknown operator'",
      '',
    ].join('\n'),
  });

  it('prints one line per case, what is wrong under a failing one, the totals, and exits 1', async () => {
    const r = await runCli(['test', 'tests'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        'ok    tests/gpu.yaml › right',
        'FAIL  tests/gpu.yaml › deliberately wrong',
        '        verdict: expected pass, got block',
        '        missing: forbidden.no-gpu on aws_instance.t (warn)',
        '        unexpected: forbidden.no-gpu on aws_instance.t (block): instance type "p4d.24xlarge" is forbidden (no-gpu)',
        'FAIL  tests/gpu.yaml › expects an error that does not come',
        '        expected an error containing "unknown operator", but the run succeeded (block)',
        '1 passed, 2 failed',
        '',
      ].join('\n'),
    );
  });

  it('takes a single file, and --now for cases without a date', async () => {
    writeFiles(dir, {
      'expiry/policy.yaml':
        'version: 1\nforbidden:\n  - name: no-gpu\n    instance_types: ["p4d.*"]\nexemptions:\n  - rules: ["forbidden.*"]\n    resources: ["*"]\n    reason: r\n    owner: o\n    expires: 2030-01-01\n',
      'expiry/test.yaml':
        'policy: policy.yaml\ncases:\n  - name: exempted\n    tf: ../gpu\n    cost: false\n    verdict: pass\n    findings: [{ rule: forbidden.no-gpu, exempted: true }]\n',
    });
    assert.equal((await runCli(['test', 'expiry/test.yaml', '--now', '2029-12-31'], { cwd: dir })).code, 0);
    const expired = await runCli(['test', 'expiry/test.yaml', '--now', '2030-01-02'], { cwd: dir });
    assert.equal(expired.code, 1);
    assert.match(expired.stdout, /unexpected: exemption\.expired on policy \(block\)/);
  });

  it('a malformed test file is an error with file and line, exit 2', async () => {
    const malformed = async (text: string) => {
      writeFiles(dir, { 'bad/t.yaml': text });
      return runCli(['test', 'bad'], { cwd: dir });
    };
    const typo = await malformed(
      'policy: p.yaml\ncases:\n  - name: x\n    plans: a.json\n    verdict: pass\n',
    );
    assert.equal(typo.code, 2);
    assert.equal(
      typo.stderr,
      'tollgate: bad/t.yaml:4: unknown key "plans" in cases[0] (did you mean "plan"?)\n',
    );
    assert.equal(
      (await malformed('policy: p.yaml\ncases:\n  - name: x\n    verdict: pass\n')).stderr,
      'tollgate: bad/t.yaml:3: cases[0] (x) has no input: give plan: or tf:\n',
    );
    assert.equal(
      (await malformed('policy: p.yaml\ncases:\n  - name: x\n    plan: a.json\n')).stderr,
      'tollgate: bad/t.yaml:3: cases[0] (x) expects nothing: give verdict: (and findings:), or error:\n',
    );
    assert.equal(
      (await malformed('cases:\n  - name: x\n    plan: a.json\n    verdict: pass\n')).stderr,
      'tollgate: bad/t.yaml:2: cases[0] (x) names no policy: give policy: at the top or in the case\n',
    );
    assert.equal(
      (await malformed('policy: p.yaml\ncases:\n  - name: x\n    plan: a.json\n    verdict: fine\n')).stderr,
      'tollgate: bad/t.yaml:5: cases[0].verdict must be one of pass, warn, block (got "fine")\n',
    );
    const missing = await runCli(['test', 'nowhere'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'tollgate: nowhere: no such test file or directory\n');
  });

  it('a fixture that cannot be read fails its case, not the run', async () => {
    writeFiles(dir, {
      'nofile/t.yaml':
        'policy: ../policy.yaml\ncases:\n  - name: x\n    plan: missing.json\n    verdict: pass\n',
    });
    const r = await runCli(['test', 'nofile'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /^FAIL {2}nofile\/t\.yaml › x\n {8}the run failed: .*missing\.json: no such file\n0 passed, 1 failed\n$/,
    );
  });
});
