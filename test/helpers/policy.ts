import assert from 'node:assert/strict';
import { PolicyError } from '../../src/errors.ts';
import type { Finding } from '../../src/model/finding.ts';
import type { Report } from '../../src/model/report.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import { checkJson, runCli } from './cli.ts';
import { awsProvider, makePlan, writePolicy, writeTemp, type ChangeSpec, type PlanSpec } from './plan.ts';

/** An aws_instance with a known, priced bill: the instance plus an 8 GB gp3 root volume ($0.64). */
export function instance(address: string, instanceType: string, extra: Partial<ChangeSpec> = {}): ChangeSpec {
  const attrs = (type: string) => ({
    instance_type: type,
    tags: {},
    root_block_device: [{ volume_type: 'gp3', volume_size: 8 }],
  });
  return { address, after: { ...attrs(instanceType), ...(extra.after ?? {}) }, ...withoutAfter(extra) };
}

function withoutAfter(extra: Partial<ChangeSpec>): Partial<ChangeSpec> {
  const { after: _after, ...rest } = extra;
  return rest;
}

/** The same instance before and after an update from one instance type to another. */
export function resized(address: string, from: string, to: string): ChangeSpec {
  const root = [{ volume_type: 'gp3', volume_size: 8 }];
  return {
    address,
    actions: ['update'],
    before: { instance_type: from, tags: {}, root_block_device: root },
    after: { instance_type: to, tags: {}, root_block_device: root },
  };
}

/** Runs `check --format json` on a plan of `resources` (in us-east-1 unless a region is given) with a policy. */
export async function checkPolicy(
  policy: string,
  resources: ChangeSpec[],
  args: string[] = [],
  plan: Partial<PlanSpec> = {},
): Promise<{ report: Report; code: number }> {
  const file = writeTemp(
    'plan.json',
    makePlan({ providers: { aws: awsProvider({ region: 'us-east-1' }) }, ...plan, resources }),
  );
  const { report, code } = await checkJson(['--plan', file, '--policy', writePolicy(policy), ...args]);
  return { report, code };
}

/** `severity rule address: message` per finding, exempted ones marked. */
export function lines(findings: readonly Finding[]): string[] {
  return findings.map(
    (f) =>
      `${f.severity}${f.exemption ? ' (exempted)' : ''}${f.indeterminate ? ' (indeterminate)' : ''} ${f.rule} ${f.address}: ${f.message}`,
  );
}

/** Findings of rules starting with `prefix` (the checks under test), as lines. */
export function linesOf(report: Report, prefix: string): string[] {
  return lines(report.findings.filter((f) => f.rule.startsWith(prefix)));
}

/** The one-line error a policy text is refused with, as `tollgate` prints it. */
export function refusal(text: string, name = 'policies/team.yaml'): string {
  try {
    loadPolicy([{ name, text }]);
  } catch (err) {
    assert.ok(err instanceof PolicyError, String(err));
    return err.message;
  }
  assert.fail('the policy was accepted');
}

/** Runs the CLI and returns its exit code and streams. */
export { runCli };
