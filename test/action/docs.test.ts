import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { parse } from 'yaml';
import { actionTables, commentExample, costTables, ROOT, withTables } from '../../scripts/docs.ts';
import { pricedTypes } from '../../src/cost/resources/registry.ts';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8');

it('README shows the inputs and outputs of the current action.yml (run `npm run docs`)', () => {
  assert.equal(withTables(readme, actionTables(actionYml)), readme);
  const action = parse(actionYml) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
  for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
    assert.match(readme, new RegExp(`^\\| \`${name}\` \\|`, 'm'), name);
  }
});

it('README lists every priced type with its usage keys, and the free types (run `npm run docs`)', () => {
  assert.equal(withTables(readme, costTables()), readme);
  for (const type of pricedTypes()) assert.match(readme, new RegExp(`\`${type}\``), type);
  assert.match(readme, /\| `aws_lambda_function` \| `request_duration_ms` \|/);
  assert.match(readme, /`aws_iam_\*`/);
});

it('action.yml has the inputs and outputs issue 5 asks for, and runs the bundled action', () => {
  const action = parse(actionYml) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };
  assert.deepEqual(Object.keys(action.inputs).sort(), [
    'comment',
    'comment-threshold',
    'comment-when',
    'fail-on',
    'github-token',
    'kubernetes',
    'plan',
    'policy',
    'policy-from-base',
    'pricing',
    'sarif',
    'terraform-dir',
    'usage',
    'working-directory',
  ]);
  assert.deepEqual(Object.keys(action.outputs).sort(), [
    'comment-url',
    'findings',
    'monthly-after',
    'monthly-delta',
    'report',
    'verdict',
  ]);
  assert.equal(action.inputs.policy?.default, 'policies/');
  assert.equal(action.inputs['github-token']?.default, '${{ github.token }}');
  assert.equal(action.inputs['policy-from-base']?.default, 'true');
  assert.deepEqual(action.runs, { using: 'node24', main: 'dist/action.js' });
});

it('docs/comment-example.md is the comment for the example plan (run `npm run docs`)', async () => {
  const example = readFileSync(join(ROOT, 'docs', 'comment-example.md'), 'utf8');
  assert.equal(example, await commentExample());
  assert.match(example, /### ❌ tollgate blocked: 8 blocking findings, 4 warnings/);
});
