import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInputs } from '../../src/action/inputs.ts';

const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

describe('Action inputs', () => {
  it('applies the documented defaults', () => {
    const s = parseInputs(reader({ plan: 'plan.json' }));
    assert.deepEqual(s.plans, ['plan.json']);
    assert.equal(s.comment, 'update');
    assert.deepEqual(s.commentWhen, { when: 'changed' });
    assert.equal(s.failOn, 'block');
    assert.equal(s.policyFromBase, true);
    assert.equal(s.pricing, 'catalog');
    assert.equal(s.workingDirectory, '.');
    assert.equal(s.policy, undefined);
    assert.equal(s.sarif, undefined);
  });

  it('takes Kubernetes manifests without a plan, split like plans', () => {
    const s = parseInputs(reader({ kubernetes: 'k8s/\nservices/*.yaml, base.yaml' }));
    assert.deepEqual(s.plans, []);
    assert.deepEqual(s.kubernetes, ['k8s/', 'services/*.yaml', 'base.yaml']);
    assert.throws(() => parseInputs(reader({})), /^UsageError: Input 'plan' or 'kubernetes' is required/);
  });

  it('splits plan lists on newlines and commas', () => {
    assert.deepEqual(parseInputs(reader({ plan: 'a.json, b.json\n\n plans/*.json \n' })).plans, [
      'a.json',
      'b.json',
      'plans/*.json',
    ]);
  });

  it('parses thresholds in dollars and percent', () => {
    const amount = parseInputs(
      reader({ plan: 'p', 'comment-when': 'threshold', 'comment-threshold': '$50.5' }),
    ).commentWhen;
    assert.equal(amount.when === 'threshold' && amount.threshold.kind, 'amount');
    assert.equal(amount.when === 'threshold' && amount.threshold.value.toString(), '50.5');
    const percent = parseInputs(
      reader({ plan: 'p', 'comment-when': 'threshold', 'comment-threshold': '10%' }),
    ).commentWhen;
    assert.equal(percent.when === 'threshold' && percent.threshold.kind, 'percent');
  });

  it('rejects bad values quoting them and saying what was expected', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ comment: 'sticky' }, /^Invalid input 'comment': 'sticky'\. Expected 'update', 'new' or 'off'\.$/],
      [{ pricing: 'cheap' }, /^Invalid input 'pricing': 'cheap'\. Expected 'catalog' or 'live'\.$/],
      [
        { 'comment-when': 'threshold' },
        /^Input 'comment-threshold' is required with comment-when: threshold\./,
      ],
      [
        { 'comment-when': 'threshold', 'comment-threshold': '$10%' },
        /^Invalid input 'comment-threshold': '\$10%'/,
      ],
      [
        { 'comment-threshold': '50' },
        /^Input 'comment-threshold' \('50'\) applies only with comment-when: threshold, but comment-when is 'changed'\.$/,
      ],
      [{ 'policy-from-base': 'yes' }, /^Invalid input 'policy-from-base': 'yes'\. Expected true or false\.$/],
    ];
    for (const [inputs, message] of cases) {
      assert.throws(
        () => parseInputs(reader({ plan: 'plan.json', ...inputs })),
        (err: Error) => {
          assert.equal(err.name, 'UsageError');
          assert.match(err.message, message);
          return true;
        },
      );
    }
  });
});
