import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { readTerraformDelta } from '../../src/inputs/terraform-hcl.ts';
import type { Report } from '../../src/model/report.ts';
import { runCli } from '../helpers/cli.ts';
import { writePolicy } from '../helpers/plan.ts';
import { writeTree } from '../helpers/hcl.ts';

const POLICY = writePolicy('version: 1\ntags:\n  required:\n    - key: team\n');
const GIT_ENV = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });

describe('tollgate check --tf --base-ref', () => {
  const repo = writeTree({
    'infra/main.tf': [
      'resource "aws_instance" "web" {',
      '  instance_type = "t3.micro"',
      '  tags          = { team = "a" }',
      '}',
      'resource "aws_sqs_queue" "same" {',
      '  tags = { team = "a" }',
      '}',
      'resource "aws_sqs_queue" "gone" {',
      '  tags = { team = "a" }',
      '}',
    ].join('\n'),
  });
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'base');
  writeFileSync(
    join(repo, 'infra/main.tf'),
    [
      'resource "aws_instance" "web" {',
      '  instance_type = "m5.large"',
      '  tags          = { team = "a" }',
      '}',
      'resource "aws_sqs_queue" "same" {',
      '  tags = { team = "a" }',
      '}',
      'resource "aws_sqs_queue" "new" {}',
    ].join('\n'),
  );
  const tmpBefore = readdirSync(tmpdir()).filter((n) => n.startsWith('tollgate-base-')).length;
  let report = undefined as unknown as Report;
  before(async () => {
    const r = await runCli(
      ['check', '--tf', 'infra', '--base-ref', 'HEAD', '--policy', POLICY, '--format', 'json'],
      {
        cwd: repo,
      },
    );
    report = JSON.parse(r.stdout) as Report;
  });
  const action = (address: string) => report.resources.find((x) => x.address === address)?.action;

  it('diffs by address against the base commit: update, no-op, delete, create', () => {
    assert.equal(action('aws_instance.web'), 'update');
    assert.equal(action('aws_sqs_queue.same'), 'no-op');
    assert.equal(action('aws_sqs_queue.gone'), 'delete');
    assert.equal(action('aws_sqs_queue.new'), 'create');
    assert.deepEqual(report.summary.actions, { create: 1, update: 1, replace: 0, delete: 1, 'no-op': 1 });
    assert.equal(report.summary.inputs[0]?.base_ref, 'HEAD');
  });

  it('checks only what changes: the new queue without a team tag', () => {
    assert.deepEqual(
      report.findings.map((f) => `${f.address} ${f.rule}`),
      ['aws_sqs_queue.new tags.required'],
    );
  });

  it('keeps the base values as before, for cost deltas, and cleans its temporary copy up', () => {
    const [input] = readTerraformDelta(['infra'], { cwd: repo, variables: [], env: {} }, 'HEAD');
    const web = input?.resources.find((x) => x.address === 'aws_instance.web');
    assert.equal(web?.before?.instance_type, 't3.micro');
    assert.equal(web?.after?.instance_type, 'm5.large');
    assert.deepEqual(web?.tagsBefore, { team: 'a' });
    const gone = input?.resources.find((x) => x.address === 'aws_sqs_queue.gone');
    assert.equal(gone?.after, null);
    assert.deepEqual(gone?.before?.tags, { team: 'a' });
    assert.equal(readdirSync(tmpdir()).filter((n) => n.startsWith('tollgate-base-')).length, tmpBefore);
  });

  it('treats a directory that did not exist at the base as all new, and refuses an unknown ref', async () => {
    writeFileSync(join(repo, 'extra.tf'), 'resource "aws_sqs_queue" "x" {\n  tags = { team = "a" }\n}\n');
    rmSync(join(repo, 'infra', 'nothing'), { force: true, recursive: true });
    const bad = await runCli(['check', '--tf', 'infra', '--base-ref', 'no-such-ref'], { cwd: repo });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^tollgate: --base-ref no-such-ref: not a commit in this repository/);
    const fresh = writeTree({ 'new/main.tf': 'resource "aws_sqs_queue" "n" {}\n', 'README.md': 'x' });
    git(fresh, 'init', '-q');
    git(fresh, 'add', 'README.md');
    git(fresh, 'commit', '-qm', 'readme only');
    const created = JSON.parse(
      (
        await runCli(['check', '--tf', 'new', '--base-ref', 'HEAD', '--format', 'json', '--policy', POLICY], {
          cwd: fresh,
        })
      ).stdout,
    ) as Report;
    assert.deepEqual(
      created.resources.map((x) => x.action),
      ['create'],
    );
    assert.ok(existsSync(join(fresh, 'new', 'main.tf')), 'the work tree is untouched');
  });
});
