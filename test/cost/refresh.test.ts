import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CatalogIndex, CatalogRegionFile } from '../../src/cost/catalog/format.ts';
import { ROOT, runCli, runDist } from '../helpers/cli.ts';
import {
  ebsStorage,
  ec2Instance,
  natGateway,
  startPricingApi,
  type FakePricingApi,
} from '../helpers/pricing-api.ts';
import { component, costReport } from './harness.ts';

const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('tollgate pricing refresh', () => {
  let api: FakePricingApi;
  before(async () => {
    api = await startPricingApi([
      ec2Instance('eu-west-1', 'm5.large', '0.2000000000'),
      ec2Instance('eu-west-1', 'zz9.large', '1.2300000000'),
      ec2Instance('eu-west-1', 'c5.large', '0.1010000000'),
      ebsStorage('eu-west-1', 'gp3', '0.0900000000'),
      ...natGateway('eu-west-1', 'EU-', '0.0500000000', '0.0500000000'),
      ec2Instance('us-west-2-lax-1', 't3.medium', '0.0600000000'),
      ebsStorage('us-west-2-lax-1', 'gp3', '0.1000000000'),
    ]);
  });
  after(() => api.close());

  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    TOLLGATE_PRICING_ENDPOINT: api.url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    TOLLGATE_NOW: '2026-11-24',
    ...extra,
  });

  it('rewrites the regions asked from the API, keeps what the API lacks, and check uses the result', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tollgate-refresh-')), 'catalog');
    const r = await runCli(['pricing', 'refresh', '--regions', 'eu-west-1', '--output', out], { env: env() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Refreshed \d+ prices \(1 new\) for 1 region; \d+ kept from the previous catalog\.\n/,
    );
    assert.match(r.stderr, /eu-west-1: asking the Pricing API/);

    const index = read<CatalogIndex>(join(out, 'index.json'));
    assert.equal(index.kind, 'refreshed');
    assert.match(index.description, /refreshed from the AWS Price List API on 2026-11-24 for eu-west-1/);
    const eu = read<CatalogRegionFile>(join(out, 'regions', 'eu-west-1.json'));
    const bundled = read<CatalogRegionFile>(join(ROOT, 'data', 'catalog', 'regions', 'eu-west-1.json'));
    assert.equal(eu.prices['ec2/instance/m5.large']?.[0], '0.2');
    assert.equal(index.sources[eu.prices['ec2/instance/m5.large']?.[1] ?? -1]?.as_of, '2026-11-01');
    assert.equal(eu.prices['ec2/instance/zz9.large']?.[0], '1.23', 'types AWS added are picked up');
    assert.equal(eu.prices['vpc/nat/hour']?.[0], '0.05');
    assert.equal(eu.prices['ebs/storage/gp3']?.[0], '0.09');
    assert.equal(
      eu.prices['ec2/instance/t3.micro']?.[0],
      bundled.prices['ec2/instance/t3.micro']?.[0],
      'kept when the API has none',
    );
    const us = read<CatalogRegionFile>(join(out, 'regions', 'us-east-1.json'));
    assert.deepEqual(
      us,
      read<CatalogRegionFile>(join(ROOT, 'data', 'catalog', 'regions', 'us-east-1.json')),
      'other regions carried over',
    );

    const report = await costReport({
      region: 'eu-west-1',
      resources: [{ address: 'aws_instance.a', after: { instance_type: 'm5.large' } }],
      extraArgs: ['--catalog', out],
    });
    const instance = component(report.resources[0]!, /^Instance/);
    assert.equal(instance.unit_price, 0.2);
    assert.equal(instance.price_as_of, '2026-11-01');
    assert.equal(report.summary.price_snapshot.catalog.kind, 'refreshed');
  });

  it('is used by check without flags once written to the user data directory', async () => {
    const data = mkdtempSync(join(tmpdir(), 'tollgate-data-'));
    assert.equal(
      (await runCli(['pricing', 'refresh', '--regions', 'eu-west-1'], { env: env({ XDG_DATA_HOME: data }) }))
        .code,
      0,
    );
    const report = await costReport({
      region: 'eu-west-1',
      resources: [{ address: 'aws_instance.a', after: { instance_type: 'c5.large' } }],
      env: { XDG_DATA_HOME: data },
    });
    assert.equal(component(report.resources[0]!, /^Instance/).unit_price, 0.101);
    assert.equal(report.summary.price_snapshot.catalog.kind, 'refreshed');
  });

  it('refreshes a Local Zone group for instance hours only, and check prices a zone instance from it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tollgate-refresh-')), 'catalog');
    const from = api.requests.length;
    const r = await runCli(['pricing', 'refresh', '--regions', 'us-west-2-lax-1', '--output', out], {
      env: env(),
    });
    assert.equal(r.code, 0, r.stderr);
    // Besides the global prices (asked about us-east-1, or no region), the zone is asked for instance
    // hours only.
    const asked = api.requests
      .slice(from)
      .map((request) => Object.fromEntries(request.Filters.map((f) => [f.Field, f.Value])));
    const zone = asked.filter((filters) => filters.regionCode === 'us-west-2-lax-1');
    assert.ok(zone.length > 0);
    for (const filters of zone) assert.equal(filters.productFamily, 'Compute Instance');
    assert.ok(
      asked.every((filters) => [undefined, 'us-east-1', 'us-west-2-lax-1'].includes(filters.regionCode)),
    );
    const lax = read<CatalogRegionFile>(join(out, 'regions', 'us-west-2-lax-1.json'));
    assert.equal(lax.prices['ec2/instance/t3.medium']?.[0], '0.06');
    assert.equal(lax.prices['ebs/storage/gp3'], undefined);

    const report = await costReport({
      region: 'us-west-2',
      resources: [
        {
          address: 'aws_instance.a',
          after: { instance_type: 't3.medium', availability_zone: 'us-west-2-lax-1a' },
        },
      ],
      extraArgs: ['--catalog', out],
    });
    assert.equal(component(report.resources[0]!, /^Instance/).unit_price, 0.06);
  });

  it('refuses bad regions and, without credentials, changes nothing and says why', () => {
    const bad = runDist(['pricing', 'refresh', '--regions', 'europe']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^tollgate: pricing refresh: "europe" is not an AWS region code/);
    const home = mkdtempSync(join(tmpdir(), 'tollgate-home-'));
    const out = join(home, 'catalog');
    const r = runDist(['pricing', 'refresh', '--regions', 'eu-west-1', '--output', out], {
      env: { HOME: home, AWS_EC2_METADATA_DISABLED: 'true', TOLLGATE_PRICING_ENDPOINT: api.url },
    });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /tollgate: pricing refresh: no price could be refreshed \(.*[Cc]redential.*\); the catalog was not changed/,
    );
  });

  it('by default refreshes every region and zone group of the catalog', () => {
    const home = mkdtempSync(join(tmpdir(), 'tollgate-home-'));
    const r = runDist(['pricing', 'refresh', '--output', join(home, 'catalog')], {
      env: { HOME: home, AWS_EC2_METADATA_DISABLED: 'true', TOLLGATE_PRICING_ENDPOINT: api.url },
    });
    // Zone groups are codes the Price List knows, not bad input; without credentials nothing is asked.
    assert.doesNotMatch(r.stderr, /is not an AWS region code/);
    assert.match(r.stderr, /^us-west-2-lax-1: asking the Pricing API/m);
    assert.match(r.stderr, /^us-east-1-wl1-atl1: asking the Pricing API/m);
    assert.match(r.stderr, /no price could be refreshed \(.*[Cc]redential.*\)/);
  });
});
