/**
 * The same resources given as HCL (`--tf`) and as the plan Terraform made of that HCL (`--plan`) must
 * yield the same findings, tags and regions, and the same attribute values wherever HCL knows them.
 * The only allowed differences are listed below, each with the reason a schema-less reader has it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../src/model/report.ts';
import { FIXTURES, runCli } from '../helpers/cli.ts';
import { readTf } from '../helpers/hcl.ts';
import { readTerraformPlan } from '../../src/inputs/terraform-plan.ts';

const PAIRS = [
  { dir: 'infracost-default-tags', plan: 'infracost-default-tags.json', vars: [] },
  // The plan was made with env and enable_mon given; pass the same values.
  {
    dir: 'terracost-asg-module',
    plan: 'terracost-asg-launch-template-module.json',
    vars: ['env=prod', 'enable_mon=false'],
  },
  { dir: 'tfcompliance-module-count-foreach', plan: 'tfcompliance-module-count-foreach.json', vars: [] },
] as const;

/** Attribute paths (address + path, `*` for any instance key) where HCL and the plan legitimately differ. */
const KNOWN_DIFFERENCES: [RegExp, string][] = [
  [
    /^aws_dynamodb_table\.autoscale_dynamodb_table\.attribute\./,
    'a set of blocks: the provider orders it, the file does not',
  ],
  [/\.point_in_time_recovery$/, 'the provider plans this block as computed (unknown); the file sets it'],
  [
    /aws_launch_template\.foobar\.ebs_optimized$/,
    'a string attribute in the schema: the provider turns true into "true"',
  ],
  [
    /aws_iam_role\.test_iam_role\[.*\]\.name$/,
    'a string attribute: the provider turns the module output 1234 into "1234"',
  ],
  [
    /\.image_scanning_configuration\.0\.scan_on_push$/,
    'the variable is typed string ("true"); the provider schema makes it a bool',
  ],
];

function compare(hcl: unknown, plan: unknown, path: string, out: string[]): void {
  if (KNOWN_DIFFERENCES.some(([re]) => re.test(path))) return;
  if (hcl !== null && typeof hcl === 'object') {
    if (plan === null || typeof plan !== 'object') {
      out.push(`${path}: ${JSON.stringify(hcl)} vs ${JSON.stringify(plan)}`);
      return;
    }
    for (const [k, v] of Object.entries(hcl))
      compare(v, (plan as Record<string, unknown>)[k], `${path}.${k}`, out);
    return;
  }
  if (JSON.stringify(hcl) !== JSON.stringify(plan))
    out.push(`${path}: ${JSON.stringify(hcl)} vs ${JSON.stringify(plan)}`);
}

describe('HCL and plan inputs agree on the same configuration', () => {
  for (const pair of PAIRS) {
    const tfArgs = [
      '--tf',
      `${FIXTURES}/terraform-hcl/${pair.dir}`,
      ...pair.vars.flatMap((v) => ['--var', v]),
    ];
    // The taxonomy is what must agree; the repository's other packs judge costs and attributes,
    // which HCL knows less of than a plan.
    const report = async (args: string[]): Promise<Report> =>
      JSON.parse(
        (await runCli(['check', '--format', 'json', '--policy', 'policies/default.yaml', ...args])).stdout,
      ) as Report;

    it(`${pair.dir}: the same findings, tags, taggability and regions`, async () => {
      const hcl = await report(tfArgs);
      const plan = await report(['--plan', `${FIXTURES}/terraform-plans/${pair.plan}`]);
      const findings = (r: Report) =>
        r.findings
          .filter((f) => !f.rule.startsWith('hcl.'))
          // A price-missing message lists the components; the infracost-default-tags .tf enables
          // point_in_time_recovery, which its (older) plan's configuration does not have.
          .map((f) => ({
            rule: f.rule,
            severity: f.severity,
            address: f.address,
            message: f.rule === 'cost.price_missing' ? '' : f.message,
          }));
      assert.deepEqual(findings(hcl), findings(plan));
      assert.ok(findings(hcl).length > 0, 'the default policy finds something to compare');
      const resources = (r: Report) =>
        r.resources
          .map((x) => ({
            address: x.address,
            tags: x.tags,
            tags_unknown: x.tags_unknown,
            taggable: x.taggable,
            region: x.region,
          }))
          .sort((a, b) => a.address.localeCompare(b.address));
      assert.deepEqual(resources(hcl), resources(plan));
      assert.equal(hcl.verdict, plan.verdict);
    });

    it(`${pair.dir}: the same monthly costs, per resource and in total`, async () => {
      const hcl = await report(tfArgs);
      const plan = await report(['--plan', `${FIXTURES}/terraform-plans/${pair.plan}`]);
      const costs = (r: Report) =>
        r.resources
          .map((x) => ({
            address: x.address,
            status: x.status,
            monthly_before: x.monthly_before,
            monthly_after: x.monthly_after,
            // Which lines have a price and what they cost; the PITR line is the known difference above.
            priced: x.components
              .filter((c) => c.state === 'priced')
              .map((c) => [c.name, c.monthly_quantity, c.unit_price, c.monthly_cost]),
          }))
          .sort((a, b) => a.address.localeCompare(b.address));
      assert.deepEqual(costs(hcl), costs(plan));
      assert.equal(hcl.summary.monthly_after, plan.summary.monthly_after);
      assert.deepEqual(hcl.summary.by_tag, plan.summary.by_tag);
    });

    it(`${pair.dir}: every attribute value HCL knows is the plan's (sizes, instance types, counts)`, () => {
      const hcl = readTf(FIXTURES, `terraform-hcl/${pair.dir}`, {
        variables: pair.vars.map((text) => ({ kind: 'var' as const, text })),
      });
      const plan = new Map(
        readTerraformPlan(`${FIXTURES}/terraform-plans/${pair.plan}`).resources.map((r) => [r.address, r]),
      );
      const differences: string[] = [];
      for (const r of hcl.resources) compare(r.after, plan.get(r.address)?.after, r.address, differences);
      assert.deepEqual(differences, []);
    });
  }
});
