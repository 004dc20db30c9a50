import assert from 'node:assert/strict';
import type { ComponentReport, Report, ResourceReport } from '../../src/model/report.ts';
import { checkJson } from '../helpers/cli.ts';
import { awsProvider, makePlan, writePolicy, writeTemp, type ChangeSpec } from '../helpers/plan.ts';

const NO_TAGS_POLICY = writePolicy('version: 1\n');

export interface CostCase {
  resources: ChangeSpec[];
  /** Provider region; default us-east-1. */
  region?: string;
  /** Usage file YAML. */
  usage?: string;
  /** Policy YAML (pricing, showback); default: no tag requirements. */
  policy?: string;
  extraArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Runs `tollgate check --format json` on a plan holding the given resources. */
export async function costReport(c: CostCase): Promise<Report> {
  const plan = writeTemp(
    'plan.json',
    makePlan({
      resources: c.resources,
      providers: { aws: awsProvider({ region: c.region ?? 'us-east-1' }) },
    }),
  );
  const args = [
    '--plan',
    plan,
    '--policy',
    c.policy ? writePolicy(c.policy) : NO_TAGS_POLICY,
    '--fail-on',
    'never',
    ...(c.extraArgs ?? []),
  ];
  if (c.usage) args.push('--usage', writeTemp('usage.yml', c.usage));
  return (await checkJson(args, { env: c.env ?? {} })).report;
}

/** The cost of the one resource at `address`. */
export async function costOf(c: CostCase, address = c.resources[0]?.address ?? ''): Promise<ResourceReport> {
  const report = await costReport(c);
  const resource = report.resources.find((r) => r.address === address);
  assert.ok(resource, `no resource ${address} in the report`);
  return resource;
}

/** The component whose name matches, failing with the list of names when none does. */
export function component(
  resource: ResourceReport,
  name: RegExp,
  side: 'after' | 'before' = 'after',
): ComponentReport {
  const list = side === 'after' ? resource.components : (resource.components_before ?? resource.components);
  const found = list.find((c) => name.test(c.name));
  assert.ok(found, `no component ${String(name)} in ${list.map((c) => c.name).join(' | ')}`);
  return found;
}

/** Exact comparison of money computed from decimals: `730 × 0.096` is 70.08, not 70.08000000000001. */
export function assertMoney(actual: number | null, expected: number, message?: string): void {
  assert.equal(actual, expected, message);
}
