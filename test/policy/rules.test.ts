import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writePolicy, writeTemp, makePlan, awsProvider } from '../helpers/plan.ts';
import { checkPolicy, instance, linesOf, refusal, runCli } from '../helpers/policy.ts';

const rule = (body: string) => `version: 1\nrules:\n  - id: r\n${body}`;

const publicAcl = rule(
  '    applies_to: ["aws_s3_bucket_acl"]\n' +
    '    when: { "in": [ { "var": "after.acl" }, ["public-read", "public-read-write"] ] }\n' +
    '    message: Public bucket ACLs are not allowed\n' +
    '    fix: Use a private ACL.\n',
);

describe('rules', () => {
  it('a true condition is a finding rule.<id> on the resource, with the message and fix', async () => {
    const { report, code } = await checkPolicy(publicAcl, [
      { address: 'aws_s3_bucket_acl.open', after: { acl: 'public-read' } },
      { address: 'aws_s3_bucket_acl.closed', after: { acl: 'private' } },
      { address: 'aws_s3_bucket.other', after: { acl: 'public-read', tags: {} } },
    ]);
    assert.deepEqual(linesOf(report, 'rule.'), [
      'block rule.r aws_s3_bucket_acl.open: Public bucket ACLs are not allowed',
    ]);
    assert.equal(report.findings.find((f) => f.rule === 'rule.r')?.fix, 'Use a private ACL.');
    assert.equal(code, 1);
  });

  it('sees address, type, action, region, before, tags (exact keys) and cost', async () => {
    const { report } = await checkPolicy(
      rule(
        '    severity: warn\n' +
          '    when:\n' +
          '      and:\n' +
          '        - { "==": [{ var: action }, "update"] }\n' +
          '        - { "==": [{ var: region }, "us-east-1"] }\n' +
          '        - { starts_with: [{ var: address }, "module.app."] }\n' +
          '        - { "==": [{ var: before.instance_type }, "m5.large"] }\n' +
          '        - { "==": [{ tag: "app.kubernetes.io/name" }, "web"] }\n' +
          '        - { ">": [{ var: cost.monthly_delta }, 70] }\n' +
          '    message: grew\n',
      ),
      [
        {
          address: 'module.app.aws_instance.web',
          actions: ['update'],
          before: {
            instance_type: 'm5.large',
            tags: {},
            root_block_device: [{ volume_type: 'gp3', volume_size: 8 }],
          },
          after: {
            instance_type: 'm5.xlarge',
            tags: { 'app.kubernetes.io/name': 'web' },
            tags_all: { 'app.kubernetes.io/name': 'web' },
            root_block_device: [{ volume_type: 'gp3', volume_size: 8 }],
          },
        },
      ],
    );
    assert.deepEqual(linesOf(report, 'rule.'), ['warn rule.r module.app.aws_instance.web: grew']);
  });

  it('a value known only after apply is undecidable, never a pass: on_unknown says what it means', async () => {
    const acl = { address: 'aws_s3_bucket_acl.u', after: {}, after_unknown: { acl: true } };
    const warned = await checkPolicy(publicAcl, [acl]);
    assert.deepEqual(linesOf(warned.report, 'rule.'), [
      'warn (indeterminate) rule.r aws_s3_bucket_acl.u: cannot be decided: after.acl is known only after apply (Public bucket ACLs are not allowed)',
    ]);
    assert.equal(warned.report.verdict, 'warn');
    const blocked = await checkPolicy(
      publicAcl.replace('    message:', '    on_unknown: block\n    message:'),
      [acl],
    );
    assert.equal(blocked.report.verdict, 'block');
    const passed = await checkPolicy(
      publicAcl.replace('    message:', '    on_unknown: pass\n    message:'),
      [acl],
    );
    assert.deepEqual(linesOf(passed.report, 'rule.'), []);
  });

  it('a cost tollgate cannot know is unknown to a rule too', async () => {
    const { report } = await checkPolicy(
      rule('    when: { ">": [{ var: cost.monthly_after }, 50] }\n    message: costly\n'),
      [
        instance('aws_instance.a', 'm5.large'),
        { address: 'aws_cloudfront_distribution.cdn', after: { tags: {} } },
      ],
    );
    assert.deepEqual(linesOf(report, 'rule.'), [
      'block rule.r aws_instance.a: costly',
      'warn (indeterminate) rule.r aws_cloudfront_distribution.cdn: cannot be decided: the cost of aws_cloudfront_distribution.cdn is not known (aws_cloudfront_distribution is not priced by tollgate) (costly)',
    ]);
  });

  it('with --no-cost, a rule that reads cost.* is not evaluated: one note, as budgets have, never a warning', async () => {
    const policy =
      'version: 1\nrules:\n' +
      // Reads the cost of the instances only: the bucket is decided without it.
      '  - id: costly\n' +
      '    when: { and: [{ "==": [{ var: type }, aws_instance] }, { ">": [{ var: cost.monthly_after }, 50] }] }\n' +
      '    on_unknown: block\n' +
      '    message: costly\n' +
      '  - id: named\n' +
      '    when: { starts_with: [{ var: address }, aws_instance.a] }\n' +
      '    severity: warn\n' +
      '    message: named\n';
    const resources = [
      instance('aws_instance.a', 'm5.large'),
      instance('aws_instance.b', 'm5.large'),
      { address: 'aws_s3_bucket.x', after: { tags: {} } },
    ];
    const { report, code } = await checkPolicy(policy, resources, ['--no-cost', '--fail-on', 'warn']);
    assert.deepEqual(linesOf(report, 'rule.'), [
      'warn rule.named aws_instance.a: named',
      'info rule.costly rule.costly: not evaluated: cost estimation is turned off (--no-cost), and the rule reads the cost of 2 resources (costly)',
    ]);
    const note = report.findings.find((f) => f.rule === 'rule.costly');
    assert.equal(note?.indeterminate, undefined);
    assert.match(note?.source?.file ?? '', /policy\.yaml$/, 'located at the rule in the policy');
    assert.equal(note?.source?.line, 3);
    assert.equal(code, 1, 'the warning of the rule that does not read cost still fails --fail-on warn');
    const costed = await checkPolicy(policy, resources);
    assert.deepEqual(linesOf(costed.report, 'rule.'), [
      'block rule.costly aws_instance.a: costly',
      'block rule.costly aws_instance.b: costly',
      'warn rule.named aws_instance.a: named',
    ]);
  });

  it('a malicious rule reaching for constructor, __proto__ or toString finds nothing and breaks nothing', async () => {
    const { report, code } = await checkPolicy(
      rule(
        '    when:\n' +
          '      or:\n' +
          '        - { var: constructor }\n' +
          '        - { var: constructor.name }\n' +
          '        - { var: __proto__ }\n' +
          '        - { var: after.__proto__.toString }\n' +
          '        - { var: tags.toString }\n' +
          '        - { tag: constructor }\n' +
          '        - { has_tag: __proto__ }\n' +
          '        - { "==": [{ cat: [{ var: toString }] }, "function toString() { [native code] }"] }\n' +
          '        - { reduce: [[1], { var: accumulator.constructor }, null] }\n' +
          '    message: reached the prototype\n',
      ),
      [{ address: 'aws_s3_bucket.b', after: { tags: { team: 'a' } } }],
    );
    assert.deepEqual(linesOf(report, 'rule.'), []);
    assert.equal(code, 0);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('a rule that throws while evaluating is a policy error naming the rule and resource, exit 2', async () => {
    const plan = writeTemp(
      'plan.json',
      makePlan({
        providers: { aws: awsProvider({ region: 'us-east-1' }) },
        resources: [{ address: 'aws_s3_bucket.b', after: { tags: {}, bucket: '(' } }],
      }),
    );
    const policy = writePolicy(rule('    when: { regex: ["x", { var: after.bucket }] }\n    message: m\n'));
    const r = await runCli(['check', '--plan', plan, '--policy', policy]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^tollgate: .*policy\.yaml:3: rule "r" failed on aws_s3_bucket\.b: regex: "\(" is not a valid regular expression/,
    );
  });
});

describe('rule definitions are checked at load, with file and line', () => {
  it('an operator tollgate lacks, with a suggestion', () => {
    assert.equal(
      refusal(
        rule(
          '    when:\n      and:\n        - { var: type }\n        - { regexp: [{ var: type }, "aws_.*"] }\n    message: m\n',
        ),
      ),
      'policies/team.yaml:7: rules[0] (r): when.and[1] uses the unknown operator "regexp" (did you mean "regex"?)',
    );
    assert.equal(
      refusal(rule('    when: { log: "hi" }\n    message: m\n')),
      'policies/team.yaml:4: rules[0] (r): when uses the unknown operator "log" (did you mean "glob"?)',
    );
    assert.equal(
      refusal(rule('    when: { "log.prototype.constructor": [] }\n    message: m\n')),
      'policies/team.yaml:4: rules[0] (r): when uses the unknown operator "log.prototype.constructor" (json-logic reads every mapping with one key as an operation)',
    );
  });

  it('a one-key mapping meant as a value is an operation to json-logic, and the error says so', () => {
    assert.equal(
      refusal(rule('    when: { "==": [{ var: after.tags }, { b: "1" }] }\n    message: m\n')),
      'policies/team.yaml:4: rules[0] (r): when.==[1] uses the unknown operator "b" (json-logic reads every mapping with one key as an operation)',
    );
  });

  it('when must be one operation; an empty or two-key mapping would always be true', () => {
    assert.equal(
      refusal(rule('    when: { "==": [1, 1], "!=": [1, 2] }\n    message: m\n')),
      'policies/team.yaml:4: rules[0] (r): when must be one json-logic operation, a mapping with a single key such as {"==": [...]} (got 2 keys)',
    );
    assert.equal(
      refusal(rule('    when: "true"\n    message: m\n')),
      'policies/team.yaml:4: rules[0].when must be a mapping, not a string ("true")',
    );
  });

  it('a rule that fails on a sample resource, e.g. an invalid regular expression', () => {
    assert.equal(
      refusal(rule('    when: { regex: [{ var: type }, "aws_(x"] }\n    message: m\n')),
      'policies/team.yaml:4: rule "r" fails on a sample resource: regex: "aws_(x" is not a valid regular expression (Invalid regular expression: /^(?:aws_(x)$/: Unterminated group)',
    );
  });

  it('missing and misspelt keys', () => {
    assert.equal(
      refusal(rule('    when: { var: type }\n')),
      'policies/team.yaml:3: rules[0] is missing "message"',
    );
    assert.equal(
      refusal(rule('    when: { var: type }\n    message: m\n    aplies_to: ["aws_*"]\n')),
      'policies/team.yaml:6: unknown key "aplies_to" in rules[0] (did you mean "applies_to"?)',
    );
    assert.equal(
      refusal(rule('    when: { var: type }\n    message: m\n    on_unknown: fail\n')),
      'policies/team.yaml:6: rules[0].on_unknown must be one of warn, block, pass (got "fail")',
    );
  });

  it('a rule whose applies_to matched no resource is reported, so a typo cannot pass silently', async () => {
    const typo = publicAcl.replace('aws_s3_bucket_acl"', 'aws_s3_bucket_acls"');
    const { report } = await checkPolicy(typo, [
      { address: 'aws_s3_bucket_acl.open', after: { acl: 'public-read' } },
    ]);
    assert.deepEqual(linesOf(report, 'rule.'), []);
    assert.deepEqual(report.summary.policy.unmatched, [
      { kind: 'rule', name: 'r', at: { file: report.summary.policy.files[0], line: 3 } },
    ]);
  });
});
