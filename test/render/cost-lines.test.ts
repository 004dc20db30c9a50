import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../src/model/report.ts';
import { delta } from '../../src/render/cost.ts';
import { runCli } from '../helpers/cli.ts';
import { awsProvider, makePlan, writePolicy, writeTemp } from '../helpers/plan.ts';

const plan = writeTemp(
  'plan.json',
  JSON.stringify(
    makePlan({
      resources: [
        { address: 'aws_instance.new', after: { instance_type: 'm5.large', ami: 'ami-1' } },
        {
          address: 'aws_db_instance.kept',
          actions: ['no-op'],
          before: {
            engine: 'mysql',
            instance_class: 'db.m5.large',
            allocated_storage: 100,
            storage_type: 'gp2',
          },
          after: {
            engine: 'mysql',
            instance_class: 'db.m5.large',
            allocated_storage: 100,
            storage_type: 'gp2',
          },
        },
        { address: 'aws_neptune_cluster.g', after: {} },
      ],
      providers: { aws: awsProvider({ region: 'us-east-1' }) },
    }),
  ),
);
const policy = writePolicy(
  'version: 1\npricing:\n  discount_percent: 12\n  discounts: { ec2: 30, rds: 20 }\n',
);
const run = async (format: string) =>
  (await runCli(['check', '--plan', plan, '--policy', policy, '--format', format, '--fail-on', 'never']))
    .stdout;

describe('cost lines a reader reconciles', () => {
  it('says what the unchanged resources add, since the totals include them and the table does not', async () => {
    const text = await run('text');
    // db.m5.large MySQL 0.171 × 730 + 100 GB gp2 × 0.115, less 20%.
    assert.match(text, /\n {2}1 unchanged resource \(not listed\): \$109\.06 a month, before and after\n/);
    assert.match(
      await run('markdown'),
      /\n1 unchanged resource \(not listed\): \$109\.06 a month, before and after\n/,
    );
  });

  it('names every discount applied, per service and the general one', async () => {
    assert.match(
      await run('text'),
      /730 hours a month; discounts applied: ec2 30%, rds 20%, 12% on other services\./,
    );
  });

  it('says in the comment heading that the totals are a floor', async () => {
    assert.match(
      await run('markdown'),
      /^### .* · \+\$[\d,.]+\/mo \(total at least \$[\d,.]+\/mo; (1 resource partly priced, )?1 resource not priced\)$/m,
    );
  });

  it('tells a type tollgate does not price from a priced type with no price in the region', async () => {
    const mixed = writeTemp(
      'mixed.json',
      JSON.stringify(
        makePlan({
          resources: [
            { address: 'aws_neptune_cluster.g', after: {} },
            { address: 'aws_kms_key.k', after: {} },
          ],
          providers: { aws: awsProvider({ region: 'us-west-2' }) },
        }),
      ),
    );
    const out = (await runCli(['check', '--plan', mixed, '--policy', policy, '--fail-on', 'never'])).stdout;
    assert.match(
      out,
      /2 resources not priced — type not priced by tollgate: aws_neptune_cluster ×1; no catalog price in their region: aws_kms_key ×1\n/,
    );
  });

  it('shows the exact change rounded, the amount budgets compare, even where the shown totals differ by a cent', () => {
    const summary = {
      monthly_before: 72.055,
      monthly_after: 286.3349,
      monthly_before_max: 72.055,
      monthly_after_max: 286.3349,
      monthly_delta: 214.2799,
      monthly_delta_max: 214.2799,
      monthly_delta_percent: null,
    };
    assert.equal(delta({ summary } as unknown as Report), '+$214.28');
  });
});

describe('the comment heading with nothing priced', () => {
  it('still says the cost is a floor when every resource in the change lacks a price', async () => {
    const unpriced = writeTemp(
      'unpriced.json',
      JSON.stringify(
        makePlan({
          resources: [{ address: 'aws_neptune_cluster.g', after: {} }],
          providers: { aws: awsProvider({ region: 'us-east-1' }) },
        }),
      ),
    );
    const md = (
      await runCli([
        'check',
        '--plan',
        unpriced,
        '--policy',
        writePolicy('version: 1\n'),
        '--format',
        'markdown',
      ])
    ).stdout;
    assert.match(md, /^### .* · cost not known: 1 resource not priced$/m);
  });
});

describe('a side with no priced part', () => {
  it('shows "—" for it and for the change, not $0.00 and a saving', async () => {
    const table = (billing: Record<string, unknown>) => ({
      name: 't',
      hash_key: 'id',
      attribute: [{ name: 'id', type: 'S' }],
      table_class: 'STANDARD',
      ...billing,
    });
    // Provisioned capacity has a us-east-1 price (20 RCU and 10 WCU: $6.64); on-demand requests do not.
    const planPath = writeTemp(
      'plan.json',
      JSON.stringify(
        makePlan({
          resources: [
            {
              address: 'aws_dynamodb_table.t',
              actions: ['update'],
              before: table({ billing_mode: 'PROVISIONED', read_capacity: 20, write_capacity: 10 }),
              after: table({ billing_mode: 'PAY_PER_REQUEST', read_capacity: 0, write_capacity: 0 }),
            },
          ],
          providers: { aws: awsProvider({ region: 'us-east-1' }) },
        }),
      ),
    );
    const usage = writeTemp(
      'usage.yml',
      'version: 1\nresource_usage:\n  aws_dynamodb_table.t:\n    monthly_read_request_units: 10000000\n    monthly_write_request_units: 1000000\n',
    );
    const args = ['check', '--plan', planPath, '--usage', usage, '--fail-on', 'never'];
    const text = (await runCli([...args, '--format', 'text'])).stdout;
    assert.match(
      text,
      /aws_dynamodb_table\.t\s+update\s+\$6\.64\s+—\s+—\s+partial: Read request units: no catalog price/,
    );
    const md = (await runCli([...args, '--format', 'markdown'])).stdout;
    assert.match(md, /\| `aws_dynamodb_table\.t` \| update \| \$6\.64 \| — \| — \| partial/);
    const json = JSON.parse((await runCli([...args, '--format', 'json'])).stdout) as Report;
    // The JSON keeps the counted amounts: what the totals add.
    const t = json.resources[0];
    assert.deepEqual([t?.monthly_before, t?.monthly_after, t?.status], [6.643, 0, 'partial']);
  });
});

describe('pricing.default_region', () => {
  it('says how many resources it priced, in the JSON and in the footer', async () => {
    // The provider names no region: the NAT gateway is priced at us-east-1's $0.045 an hour.
    const planPath = writeTemp(
      'plan.json',
      JSON.stringify(
        makePlan({
          resources: [
            { address: 'aws_nat_gateway.n', after: { connectivity_type: 'public' } },
            { address: 'aws_vpc.v', after: { cidr_block: '10.0.0.0/16' } },
          ],
          providers: { aws: awsProvider({}) },
        }),
      ),
    );
    const policyPath = writePolicy('version: 1\npricing:\n  default_region: us-east-1\n');
    const args = ['check', '--plan', planPath, '--policy', policyPath, '--fail-on', 'never'];
    const json = JSON.parse((await runCli([...args, '--format', 'json'])).stdout) as Report;
    assert.equal(json.resources[0]?.region, null);
    assert.equal(json.resources[0]?.monthly_after, 32.85);
    // The VPC is free: no price was taken from anywhere for it.
    assert.deepEqual(json.summary.price_snapshot.default_region, { region: 'us-east-1', resources: 1 });
    const text = (await runCli([...args, '--format', 'text'])).stdout;
    assert.match(text, /; 1 resource names no region: priced in us-east-1 \(pricing\.default_region\)\./);
    // A plan that names its region has nothing to disclose.
    const named = writeTemp(
      'plan.json',
      JSON.stringify(
        makePlan({
          resources: [{ address: 'aws_nat_gateway.n', after: { connectivity_type: 'public' } }],
          providers: { aws: awsProvider({ region: 'us-east-1' }) },
        }),
      ),
    );
    const own = JSON.parse(
      (await runCli(['check', '--plan', named, '--policy', policyPath, '--format', 'json'])).stdout,
    ) as Report;
    assert.equal(own.summary.price_snapshot.default_region, undefined);
  });
});
