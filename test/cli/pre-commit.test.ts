/**
 * The hooks in .pre-commit-hooks.yaml, installed by the real `pre-commit` tool from a git repository
 * holding this working tree's hook files and dist/, refuse a commit that breaks the policy and accept
 * it once fixed. CI installs pre-commit (.ci/run); elsewhere the test is skipped, saying why.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/cli.ts';

const available = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = available
  ? false
  : 'pre-commit is not installed (apt-get install pre-commit; .ci/run installs it)';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), 'tollgate-pre-commit-home-')),
  NO_COLOR: '1',
};

function run(cwd: string, command: string, ...args: string[]) {
  const r = spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function must(cwd: string, command: string, ...args: string[]): string {
  const r = run(cwd, command, ...args);
  assert.equal(r.code, 0, `${command} ${args.join(' ')}: ${r.out}`);
  return r.out;
}

describe('pre-commit hooks', { skip }, () => {
  // The hook repository: what pre-commit clones from ours at a revision.
  const hooks = mkdtempSync(join(tmpdir(), 'tollgate-hook-repo-'));
  for (const path of [
    '.pre-commit-hooks.yaml',
    'dist',
    'policies',
    'schema',
    'data/catalog',
    'package.json',
  ]) {
    cpSync(join(ROOT, path), join(hooks, path), { recursive: true });
  }
  must(hooks, 'git', 'init', '-q');
  must(hooks, 'git', 'add', '.');
  must(hooks, 'git', 'commit', '-qm', 'hooks');
  const rev = must(hooks, 'git', 'rev-parse', 'HEAD').trim();

  // A user's repository using the hook.
  const repo = mkdtempSync(join(tmpdir(), 'tollgate-hook-user-'));
  must(repo, 'git', 'init', '-q');
  writeFileSync(
    join(repo, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: tollgate-terraform\n        args: [--policy, policy.yaml]\n      - id: tollgate-kubernetes\n        args: [--policy, policy.yaml]\n`,
  );
  writeFileSync(join(repo, 'policy.yaml'), 'version: 1\ntags:\n  required:\n    - key: team\n');
  must(repo, 'pre-commit', 'install');
  must(repo, 'git', 'add', '.pre-commit-config.yaml', 'policy.yaml');
  must(repo, 'git', 'commit', '-qm', 'setup', '--no-verify');

  it('refuses a commit of a .tf file missing a required tag, printing file:line rule message', () => {
    writeFileSync(join(repo, 'main.tf'), '\nresource "aws_sqs_queue" "q" {\n  name = "orders"\n}\n');
    must(repo, 'git', 'add', 'main.tf');
    const r = run(repo, 'git', 'commit', '-m', 'add a queue');
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /^main\.tf:2 tags\.required missing required tag "team"$/m);
  });

  it('accepts the commit once the tag is there', () => {
    writeFileSync(
      join(repo, 'main.tf'),
      '\nresource "aws_sqs_queue" "q" {\n  name = "orders"\n  tags = { team = "payments" }\n}\n',
    );
    must(repo, 'git', 'add', 'main.tf');
    const r = run(repo, 'git', 'commit', '-m', 'add a queue');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /tollgate \(Terraform\)\.+Passed/);
  });

  it('refuses a Kubernetes manifest missing a required label, at the object and at its pod template', () => {
    mkdirSync(join(repo, 'k8s'), { recursive: true });
    writeFileSync(
      join(repo, 'k8s', 'app.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: app\n          resources: { requests: { cpu: 100m, memory: 64Mi } }\n',
    );
    must(repo, 'git', 'add', 'k8s/app.yaml');
    const r = run(repo, 'git', 'commit', '-m', 'add a deployment');
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /tollgate \(Kubernetes\)\.+Failed/);
    assert.match(
      r.out,
      /^k8s\/app\.yaml:1 tags\.required missing required tag "team" \(label "team" in metadata\.labels\)$/m,
    );
    assert.match(
      r.out,
      /^k8s\/app\.yaml:7 tags\.required missing required tag "team" \(label "team" in spec\.template\.metadata\.labels\)$/m,
    );
  });

  it('accepts the labelled manifest, and YAML that is not Kubernetes (a CI workflow) passes untouched', () => {
    writeFileSync(
      join(repo, 'k8s', 'app.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: { team: payments }\nspec:\n  template:\n    metadata:\n      labels: { app: web, team: payments }\n    spec:\n      containers:\n        - name: app\n          resources: { requests: { cpu: 100m, memory: 64Mi } }\n',
    );
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(
      join(repo, '.github', 'workflows', 'ci.yml'),
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
    );
    must(repo, 'git', 'add', 'k8s/app.yaml', '.github/workflows/ci.yml');
    const r = run(repo, 'git', 'commit', '-m', 'label it');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /tollgate \(Kubernetes\)\.+Passed/);
  });
});
