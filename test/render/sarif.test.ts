import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { Log } from 'sarif';
import type { Report } from '../../src/model/report.ts';
import { renderSarif } from '../../src/render/sarif.ts';
import { git, scratchDir, writeFiles } from '../helpers/action.ts';
import { FIXTURES, PLANS, ROOT, runCli, runDist } from '../helpers/cli.ts';
import { makePlan } from '../helpers/plan.ts';
import { makeReport } from '../helpers/report.ts';

const schema = JSON.parse(
  readFileSync(join(FIXTURES, 'sarif', 'sarif-schema-2.1.0-rtm.5.json'), 'utf8'),
) as object;
// The schema's `language` pattern has a stray `]`, legal only without the regular expressions' `u` flag.
// CommonJS packages: under NodeNext their default import is the module, whose `default` is the export.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, `valid SARIF 2.1.0: ${ajv.errorsText(validate.errors)}`);
}

const files = scratchDir();
after(() => files.remove());
const POLICY = join(files.path, 'policy.yaml');
writeFileSync(
  POLICY,
  'version: 1\ntags:\n  required:\n    - key: team\n      allowed: [payments]\n    - key: env\n      severity: warn\n',
);

async function sarifOf(args: string[], cwd?: string): Promise<Log> {
  // In another directory, the bundled CLI as its own process: plan paths are relative to its cwd.
  const argv = ['check', '--format', 'sarif', '--policy', POLICY, ...args];
  const r = cwd === undefined ? await runCli(argv, { cwd: ROOT }) : runDist(argv, { cwd });
  assert.notEqual(r.code, 2, r.stderr);
  return JSON.parse(r.stdout) as Log;
}

describe('SARIF output', () => {
  it('validates against the SARIF 2.1.0 schema, for a real plan with many findings', async () => {
    const log = await sarifOf(['--plan', join(PLANS, 'checkov-terragoat-55-resources.json')]);
    assertValid(log);
    assert.equal(log.version, '2.1.0');
    assert.ok((log.runs[0]?.results?.length ?? 0) > 50);
  });

  it('has one rule per rule id, and results point at their rule', async () => {
    const log = await sarifOf(['--plan', join(PLANS, 'checkov-terragoat-55-resources.json')]);
    const run = log.runs[0];
    const ids = run?.tool.driver.rules?.map((r) => r.id) ?? [];
    assert.deepEqual(ids, [...new Set(ids)].sort(), 'unique and sorted');
    assert.ok(ids.includes('tags.required'));
    for (const result of run?.results ?? []) {
      assert.equal(ids[result.ruleIndex ?? -1], result.ruleId);
      assert.match(result.level ?? '', /^(error|warning|note)$/);
    }
  });

  it('keeps one fingerprint for a finding whose amounts change between pushes', () => {
    const finding = (message: string) => ({
      rule: 'budget.monthly_delta',
      severity: 'block' as const,
      address: 'budget:pr-delta',
      message,
      origin: 'plan.json',
    });
    const prints = (...messages: string[]) => {
      const report = makeReport({ resources: 0, findings: messages.map(finding) });
      const log = JSON.parse(renderSarif(report, { cwd: ROOT })) as Log;
      return log.runs[0]?.results?.map((r) => r.partialFingerprints?.['tollgateFinding/v1']) ?? [];
    };
    const [first] = prints('+$612.40/month exceeds the $500 limit');
    const [next] = prints('+$1,204.10/month exceeds the $500 limit');
    assert.ok(first);
    assert.equal(next, first);
    const [a, b] = prints('tag team is missing', 'tag env is missing');
    assert.notEqual(a, b);
  });

  it('fingerprints are stable across runs and distinct per finding', async () => {
    const plan = join(PLANS, 'checkov-terragoat-55-resources.json');
    const prints = (log: Log) =>
      log.runs[0]?.results?.map((r) => r.partialFingerprints?.['tollgateFinding/v1']) ?? [];
    const first = prints(await sarifOf(['--plan', plan]));
    assert.deepEqual(prints(await sarifOf(['--plan', plan])), first);
    assert.equal(new Set(first).size, first.length, 'two tags missing on one resource stay two alerts');
    assert.ok(first.every((p) => typeof p === 'string' && /^[0-9a-f]{32}$/.test(p)));
  });

  it('locates plan findings at the plan file, repo-relative, with the resource as the logical location', async () => {
    const repo = scratchDir();
    try {
      git(repo.path, 'init', '-q');
      mkdirSync(join(repo.path, 'infra'));
      writeFiles(repo.path, {
        'infra/plan.json': JSON.stringify(
          makePlan({ resources: [{ address: 'aws_sqs_queue.q', after: { tags: {} } }] }),
        ),
      });
      const log = await sarifOf(['--plan', 'infra/plan.json'], repo.path);
      assertValid(log);
      const location = log.runs[0]?.results?.[0]?.locations?.[0];
      assert.deepEqual(location?.physicalLocation?.artifactLocation, {
        uri: 'infra/plan.json',
        uriBaseId: '%SRCROOT%',
      });
      assert.equal(location?.physicalLocation?.region, undefined, 'a plan has no line for a resource');
      assert.deepEqual(location?.logicalLocations, [
        { fullyQualifiedName: 'aws_sqs_queue.q', kind: 'resource' },
      ]);
    } finally {
      repo.remove();
    }
  });

  it('uses the real file and line where the source is known, and marks exemptions as suppressed', () => {
    const report: Report = {
      schema_version: 1,
      tool: { name: 'tollgate', version: '0.1.0' },
      verdict: 'block',
      summary: {
        ...makeReport({ resources: 0 }).summary,
        resources: 1,
        checked: 1,
        actions: { create: 1, update: 0, replace: 0, delete: 0, 'no-op': 0 },
        findings: { total: 2, block: 1, warn: 1, info: 0, exempted: 0 },
        inputs: [{ kind: 'terraform-hcl', path: 'modules/queue' }],
        policy: { files: ['policies/tags.yaml'] },
      },
      resources: [],
      findings: [
        {
          rule: 'tags.required',
          severity: 'block',
          address: 'aws_sqs_queue.q',
          message: 'missing required tag "team"',
          fix: 'Add "team".',
          source: { file: 'modules/queue/main tf #1.tf', line: 12 },
          origin: 'modules/queue',
        },
        {
          rule: 'cost.budget',
          severity: 'warn',
          address: 'aws_sqs_queue.q',
          message: 'over budget',
          source: { file: 'modules/queue/main.tf', line: 3 },
          exemption: { reason: 'migration', source: 'inline' },
        },
      ],
    };
    const log = JSON.parse(renderSarif(report, { cwd: '/repo/infra', repoRoot: '/repo' })) as Log;
    assertValid(log);
    const [a, b] = log.runs[0]?.results ?? [];
    assert.deepEqual(a?.locations?.[0]?.physicalLocation, {
      artifactLocation: { uri: 'infra/modules/queue/main%20tf%20%231.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12 },
    });
    assert.equal(b?.suppressions?.[0]?.kind, 'inSource');
    assert.equal(
      log.runs[0]?.tool.driver.rules?.find((r) => r.id === 'cost.budget')?.shortDescription?.text,
      'tollgate rule cost.budget',
    );
    const outside = JSON.parse(renderSarif(report, { cwd: '/elsewhere' })) as Log;
    assert.equal(
      outside.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      'file:///elsewhere/modules/queue/main%20tf%20%231.tf',
    );
  });

  it('with no findings is still a valid log with an empty result list', async () => {
    const plan = join(files.path, 'clean-plan.json');
    writeFileSync(
      plan,
      JSON.stringify(
        makePlan({
          resources: [{ address: 'aws_sqs_queue.q', after: { tags: { team: 'payments', env: 'x' } } }],
        }),
      ),
    );
    const log = await sarifOf(['--plan', plan]);
    assertValid(log);
    assert.deepEqual(log.runs[0]?.results, []);
  });
});
