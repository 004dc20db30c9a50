import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../src/model/report.ts';
import { FIXTURES, ROOT, runCli, runDist } from '../helpers/cli.ts';
import { writePolicy } from '../helpers/plan.ts';
import { writeTree } from '../helpers/hcl.ts';

const POLICY = writePolicy('version: 1\ntags:\n  required:\n    - key: team\n');

describe('tollgate check --tf', () => {
  it('prints one file:line rule message line per finding with --format compact', async () => {
    const dir = writeTree({
      'main.tf':
        'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n\nresource "aws_sqs_queue" "q" {\n  count = 3\n}\n',
    });
    const r = await runCli(['check', '--tf', '.', '--policy', POLICY, '--format', 'compact'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      'main.tf:1 tags.required missing required tag "team"\nmain.tf:5 tags.required missing required tag "team"\n',
    );
  });

  it('combines --tf with --plan, each resource naming its input', async () => {
    const r = await runCli([
      'check',
      '--format',
      'json',
      '--policy',
      POLICY,
      '--plan',
      `${FIXTURES}/terraform-plans/infracost-default-tags.json`,
      '--tf',
      `${FIXTURES}/terraform-hcl/infracost-default-tags`,
    ]);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(
      report.summary.inputs.map((i) => i.kind),
      ['terraform-plan', 'terraform-hcl'],
    );
    assert.equal(report.resources.length, 8);
    assert.equal(report.resources.filter((x) => x.source?.file.endsWith('main.tf')).length, 4);
  });

  it('exits 2 with one line naming file, line and column for a syntax error, from the bundled CLI', () => {
    const dir = writeTree({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x\n}\n' });
    const r = runDist(['check', '--tf', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^tollgate: .*main\.tf:2:\d+: Invalid multi-line string: .*\n$/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('refuses --var and --base-ref without --tf, and a --var that is not NAME=VALUE', async () => {
    for (const args of [
      ['--plan', `${FIXTURES}/terraform-plans/infracost-default-tags.json`, '--var', 'a=b'],
      ['--plan', `${FIXTURES}/terraform-plans/infracost-default-tags.json`, '--base-ref', 'HEAD'],
      ['--tf', `${FIXTURES}/terraform-hcl/infracost-default-tags`, '--var', 'novalue'],
    ]) {
      const r = await runCli(['check', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^tollgate: .*(applies to --tf|NAME=VALUE)/);
    }
  });

  it('does not load hcl2json for --version or a plan check', () => {
    // The engine's Go runtime defines globalThis.Go when it loads.
    const probe = `process.on('exit', () => { if (globalThis.Go) { process.stderr.write('hcl2json loaded'); process.exitCode = 9; } });`;
    for (const args of [
      ['--version'],
      ['check', '--plan', `${FIXTURES}/terraform-plans/infracost-default-tags.json`, '--fail-on', 'never'],
    ]) {
      const r = spawnSync(
        process.execPath,
        ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, 'dist/cli.js', ...args],
        { encoding: 'utf8' },
      );
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    const tf = spawnSync(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(probe)}`,
        'dist/cli.js',
        'check',
        '--tf',
        `${FIXTURES}/terraform-hcl/infracost-default-tags`,
        '--fail-on',
        'never',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(tf.status, 9, 'the probe does see it when HCL is read');
  });

  it('runs from a copy of dist/ with no node_modules: the WebAssembly is embedded', () => {
    const copy = mkdtempSync(join(tmpdir(), 'tollgate-dist-'));
    // What the npm package ships (package.json "files"), and nothing else.
    for (const path of ['dist', 'policies', 'schema', 'data/catalog', 'package.json'])
      cpSync(join(ROOT, path), join(copy, path), { recursive: true });
    const r = spawnSync(
      process.execPath,
      [
        join(copy, 'dist', 'cli.js'),
        'check',
        '--tf',
        `${FIXTURES}/terraform-hcl/tfcompliance-module-count-foreach`,
        '--format',
        'json',
        '--fail-on',
        'never',
      ],
      { encoding: 'utf8', cwd: copy },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as Report).resources.length, 32);
  });
});

describe('tollgate hook', () => {
  const repo = writeTree({
    'infra/main.tf': 'resource "aws_sqs_queue" "q" {}\n',
    'infra/terraform.tfvars': '',
    'envs/prod.tfvars': 'x = 1\n',
    'policy.yaml': 'version: 1\ntags:\n  required:\n    - key: team\n',
  });

  it('checks the directories of the given files once each, passing check flags through', async () => {
    const r = await runCli(
      [
        'hook',
        'terraform',
        '--policy',
        'policy.yaml',
        'infra/main.tf',
        'infra/terraform.tfvars',
        'envs/prod.tfvars',
      ],
      { cwd: repo },
    );
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'infra/main.tf:1 tags.required missing required tag "team"\n');
  });

  it('passes when the changed files are in no Terraform directory', async () => {
    const r = await runCli(['hook', 'terraform', 'envs/prod.tfvars'], { cwd: repo });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
  });

  it('refuses a hook kind it does not know', async () => {
    assert.match((await runCli(['hook', 'docker', 'x'], { cwd: repo })).stderr, /unknown kind "docker"/);
  });
});

describe('HCL reports and the report schema', () => {
  it('validate against schema/report.schema.json, notes, exemptions and skipped modules included', async () => {
    const { Ajv } = await import('ajv');
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const dir = writeTree({
      'main.tf':
        'variable "env" {}\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n# tollgate:ignore tags.* demo\nresource "aws_sqs_queue" "q" {\n  tags = { env = var.env }\n}\n',
    });
    for (const args of [
      ['--tf', dir],
      ['--tf', `${FIXTURES}/terraform-hcl/terracost-magento-stack`],
    ]) {
      const report = JSON.parse((await runCli(['check', '--format', 'json', ...args])).stdout) as Report;
      assert.ok(validate(report), JSON.stringify(validate.errors));
    }
  });
});

describe('unknown tags from HCL say why', () => {
  it('names the variable without a value in tags.unknown, and the note tells how to pass it', async () => {
    const dir = writeTree({
      'main.tf': 'variable "team" {}\nresource "aws_sqs_queue" "q" {\n  tags = { team = var.team }\n}\n',
    });
    const r = await runCli(['check', '--tf', '.', '--policy', POLICY, '--format', 'compact'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      'main.tf:2 tags.unknown tag "team" is not known (var.team has no value: pass --var team=VALUE), so it cannot be checked yet\n' +
        'main.tf:1 hcl.variable-unset variable "team" has no value (no default, and not set by terraform.tfvars, *.auto.tfvars, TF_VAR_team, --var-file or --var), so what uses it is unknown\n',
    );
    const given = await runCli(
      ['check', '--tf', '.', '--policy', POLICY, '--format', 'compact', '--var', 'team=payments'],
      { cwd: dir },
    );
    assert.equal(given.stdout, '');
    assert.equal(given.code, 0);
  });
});
