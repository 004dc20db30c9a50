import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PLANS, ROOT, runCli, runDist } from '../helpers/cli.ts';
import { makePlan, writePolicy, writeTemp } from '../helpers/plan.ts';

const STRICT = writePolicy(
  'version: 1\ntags:\n  required:\n    - key: team\n    - key: env\n      severity: warn\n',
);
const plan = (tags: Record<string, string>) =>
  writeTemp('plan.json', makePlan({ resources: [{ address: 'aws_sqs_queue.q', after: { tags } }] }));
const PASSING = plan({ team: 'a', env: 'b' });
const WARNING = plan({ team: 'a' });
const BLOCKING = plan({});

describe('tollgate check: exit codes', () => {
  const code = async (p: string, ...extra: string[]) =>
    (await runCli(['check', '--plan', p, '--policy', STRICT, ...extra])).code;

  it('exits 0 on pass, 1 on block, and 0 on warnings unless --fail-on warn', async () => {
    assert.equal(await code(PASSING), 0);
    assert.equal(await code(BLOCKING), 1);
    assert.equal(await code(WARNING), 0);
    assert.equal(await code(WARNING, '--fail-on', 'warn'), 1);
    assert.equal(await code(PASSING, '--fail-on', 'warn'), 0);
    assert.equal(await code(BLOCKING, '--fail-on', 'never'), 0);
  });

  it('exits 2 with one line on usage errors', async () => {
    for (const args of [
      ['check'],
      ['check', '--plan', PASSING, '--format', 'yaml'],
      ['check', '--plan', PASSING, '--fail-on', 'sometimes'],
      ['check', '--plna', PASSING],
      ['chek'],
      ['check', '--plan', '-', '--plan', '-'],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^tollgate: [^\n]*\n$/, `one line: ${args.join(' ')}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.equal(
      (await runCli(['check', '--plna', PASSING])).stderr,
      "tollgate: unknown option '--plna' (did you mean --plan?)\n",
    );
    assert.match(
      (await runCli(['check', '--format', 'yaml', '--plan', PASSING])).stderr,
      /Allowed choices are text, json, markdown, sarif/,
    );
  });

  it('prints help and version with exit 0', async () => {
    const help = await runCli(['check', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--plan <file>/);
    assert.match(help.stdout, /--fail-on <level>/);
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('tollgate check: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bad-'));
  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  const cases: [string, string[], RegExp][] = [
    ['missing file', ['--plan', join(dir, 'nope.json')], /^tollgate: \/.*\/nope\.json: no such file\n$/],
    ['empty file', ['--plan', file('empty.json', '  \n')], /empty\.json: is empty\n$/],
    ['not JSON', ['--plan', file('text.json', 'resource "x" "y" {}\n')], /text\.json:1:1: is not valid JSON/],
    [
      'not a plan',
      ['--plan', file('other.json', '{"hello": "world"}')],
      /other\.json: is not a Terraform plan: it has no format_version/,
    ],
    [
      'state, not a plan',
      ['--plan', file('state.json', '{"format_version":"1.0","values":{}}')],
      /state\.json: is Terraform state, not a plan/,
    ],
    [
      'unsupported version',
      ['--plan', file('v2.json', '{"format_version":"2.0","resource_changes":[]}')],
      /v2\.json: has unsupported plan format_version "2\.0"/,
    ],
    ['a directory', ['--plan', dir], /: is a directory, expected a file\n$/],
    [
      'policy typo',
      ['--plan', PASSING, '--policy', file('typo.yaml', 'version: 1\ntags:\n  requird: []\n')],
      /typo\.yaml:3: unknown key "requird" in tags \(did you mean "required"\?\)\n$/,
    ],
    [
      'policy wrong type',
      ['--plan', PASSING, '--policy', file('type.yaml', 'version: 1\ntags:\n  required: team\n')],
      /type\.yaml:3: tags\.required must be a list, not a string/,
    ],
    [
      'policy bad regex',
      [
        '--plan',
        PASSING,
        '--policy',
        file('re.yaml', 'version: 1\ntags:\n  required:\n    - key: a\n      pattern: "[a-"\n'),
      ],
      /re\.yaml:5: tags\.required\[0\]\.pattern "\[a-" is not a valid regular expression/,
    ],
  ];
  for (const [name, args, expected] of cases) {
    it(`${name}: one line naming the file, exit 2`, () => {
      const r = runDist(['check', ...args]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, expected);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    });
  }
});

describe('tollgate check: inputs and outputs', () => {
  it('reads a plan from standard input', () => {
    const r = runDist(['check', '--plan', '-', '--policy', STRICT, '--format', 'json'], {
      input: readFileSync(BLOCKING, 'utf8'),
    });
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { summary: { inputs: { path: string }[] } };
    assert.equal(report.summary.inputs[0]?.path, '<stdin>');
  });

  it('writes the report to --output and nothing to stdout', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tollgate-out-')), 'nested', 'report.md');
    const r = await runCli([
      'check',
      '--plan',
      BLOCKING,
      '--policy',
      STRICT,
      '--format',
      'markdown',
      '--output',
      out,
    ]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(readFileSync(out, 'utf8'), /^### ❌ tollgate blocked/);
  });

  it('merges several plans and keeps their resources apart', async () => {
    const r = await runCli([
      'check',
      '--plan',
      PASSING,
      '--plan',
      BLOCKING,
      '--policy',
      STRICT,
      '--format',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as { summary: { resources: number }; findings: { origin: string }[] };
    assert.equal(report.summary.resources, 2);
    assert.deepEqual(
      report.findings.map((f) => f.origin),
      [BLOCKING, BLOCKING],
    );
    assert.match(
      (await runCli(['check', '--plan', PASSING, '--plan', BLOCKING, '--policy', STRICT])).stdout,
      /\(.*plan\.json\)/,
    );
  });

  it('runs the README example: the bundled plan with the bundled default policy', () => {
    const r = runDist(
      ['check', '--plan', 'examples/terraform/plan.json', '--policy', 'policies/default.yaml'],
      { cwd: ROOT },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /aws_instance\.web_app/);
    assert.match(r.stdout, /missing required tag "team"/);
    assert.match(r.stdout, /blocked/);
  });

  it('uses the bundled default policy outside a repository with policies/', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tollgate-nopolicy-'));
    const r = runDist(['check', '--plan', join(PLANS, 'infracost-default-tags.json'), '--format', 'json'], {
      cwd,
    });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      (JSON.parse(r.stdout) as { summary: { policy: { files: string[] } } }).summary.policy.files,
      // The default policy is the tagging baseline pack, merged before the file that extends it.
      ['tollgate:policies/tagging-baseline.yaml', 'tollgate:policies/default.yaml'],
    );
  });
});

describe('tollgate check --no-cost', () => {
  it('skips cost estimation and says so', async () => {
    const r = await runCli([
      'check',
      '--plan',
      join(PLANS, 'infracost-default-tags.json'),
      '--no-cost',
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    const report = JSON.parse(r.stdout) as {
      summary: { price_snapshot: { source: string }; monthly_after: number };
      resources: { cost_reason?: string }[];
    };
    assert.equal(report.summary.price_snapshot.source, 'off');
    assert.equal(report.summary.monthly_after, 0);
    assert.equal(report.resources[0]?.cost_reason, 'cost estimation is turned off (--no-cost)');
    const text = (await runCli(['check', '--plan', join(PLANS, 'infracost-default-tags.json'), '--no-cost']))
      .stdout;
    assert.doesNotMatch(text, /Monthly cost/);
  });
});
