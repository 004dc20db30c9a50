import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runDist } from '../helpers/cli.ts';
import {
  ebsStorage,
  ec2Instance,
  natGateway,
  startPricingApi,
  type FakePricingApi,
} from '../helpers/pricing-api.ts';
import { makePlan, writeTemp } from '../helpers/plan.ts';
import { awsProvider } from '../helpers/plan.ts';
import { component, costReport, type CostCase } from './harness.ts';

const RESOURCES: CostCase['resources'] = [
  {
    address: 'aws_instance.web',
    after: { instance_type: 'm5.large', root_block_device: [{ volume_type: 'gp3', volume_size: 100 }] },
  },
  { address: 'aws_nat_gateway.nat', after: {} },
];

describe('live pricing (--pricing live) against a loopback Pricing API', () => {
  let api: FakePricingApi;
  before(async () => {
    api = await startPricingApi([
      ec2Instance('eu-west-1', 'm5.large', '0.1070000000', '2026-10-01T00:00:00Z'),
      ebsStorage('eu-west-1', 'gp3', '0.0880000000'),
      ...natGateway('eu-west-1', 'EU-', '0.0480000000', '0.0480000000'),
    ]);
  });
  after(() => api.close());

  const run = (cache: string, extra: NodeJS.ProcessEnv = {}) =>
    costReport({
      region: 'eu-west-1',
      resources: RESOURCES,
      extraArgs: ['--pricing', 'live'],
      env: {
        TOLLGATE_PRICING_ENDPOINT: api.url,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        XDG_CACHE_HOME: cache,
        ...extra,
      },
    });

  it('prices from the API with the real SDK, says so, and caches so a second run makes no calls', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'tollgate-cache-'));
    api.requests.length = 0;
    const first = await run(cache);
    const instance = component(first.resources[0]!, /^Instance/);
    assert.equal(instance.unit_price, 0.107);
    assert.equal(instance.price_source, 'live');
    assert.equal(instance.price_as_of, '2026-10-01');
    assert.equal(
      component(first.resources[1]!, /^NAT gateway/).unit_price,
      0.048,
      'Outposts product not taken',
    );
    assert.equal(first.summary.price_snapshot.source, 'live');
    assert.deepEqual(first.summary.price_snapshot.live, { api: 4, cache: 0, fallback: 0, errors: [] });
    const filters = api.requests.find((r) => r.Filters.some((f) => f.Value === 'm5.large'))?.Filters;
    assert.deepEqual(Object.fromEntries((filters ?? []).map((f) => [f.Field, f.Value])), {
      productFamily: 'Compute Instance',
      instanceType: 'm5.large',
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
      licenseModel: 'No License required',
      regionCode: 'eu-west-1',
    });

    const calls = api.requests.length;
    const second = await run(cache);
    assert.equal(api.requests.length, calls, 'no API call on the second run');
    assert.deepEqual(second.summary.price_snapshot.live, { api: 0, cache: 4, fallback: 0, errors: [] });
    assert.equal(component(second.resources[0]!, /^Instance/).price_source, 'live');
  });

  it('retries a throttled call and still prices live', async () => {
    api.faults.push({ status: 400, type: 'ThrottlingException', message: 'Rate exceeded' });
    const r = await run(mkdtempSync(join(tmpdir(), 'tollgate-cache-')));
    assert.equal(r.summary.price_snapshot.live?.fallback, 0);
    assert.equal(component(r.resources[0]!, /^Instance/).price_source, 'live');
  });

  it('falls back to the catalog when the API keeps failing, and says which prices came from where', async () => {
    api.alwaysFail = {
      status: 500,
      type: 'InternalErrorException',
      message: 'We encountered an internal error',
    };
    try {
      const r = await run(mkdtempSync(join(tmpdir(), 'tollgate-cache-')));
      const instance = component(r.resources[0]!, /^Instance/);
      assert.equal(instance.price_source, 'catalog');
      assert.equal(instance.unit_price, 0.107); // the bundled eu-west-1 price
      assert.equal(r.summary.price_snapshot.live?.fallback, 4);
      assert.match(r.summary.price_snapshot.live?.errors[0] ?? '', /InternalErrorException/);
    } finally {
      delete api.alwaysFail;
    }
  });

  it('falls back per price when the API does not know a product', async () => {
    const r = await costReport({
      region: 'eu-west-1',
      resources: [{ address: 'aws_ebs_volume.v', after: { type: 'st1', size: 1000 } }],
      extraArgs: ['--pricing', 'live'],
      env: {
        TOLLGATE_PRICING_ENDPOINT: api.url,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'tollgate-cache-')),
      },
    });
    assert.equal(r.resources[0]?.components[0]?.price_source, 'catalog');
    assert.equal(r.resources[0]?.monthly_after, 50); // 1000 × 0.05 from the catalog
    assert.match(
      r.summary.price_snapshot.live?.errors[0] ?? '',
      /not found in the Pricing API: ebs\/storage\/st1/,
    );
  });

  it('without credentials, prices from the catalog and says why (bundled CLI, clean environment)', () => {
    const plan = writeTemp(
      'plan.json',
      makePlan({ resources: RESOURCES, providers: { aws: awsProvider({ region: 'eu-west-1' }) } }),
    );
    const home = mkdtempSync(join(tmpdir(), 'tollgate-home-'));
    const r = runDist(
      ['check', '--plan', plan, '--pricing', 'live', '--format', 'json', '--fail-on', 'never'],
      {
        env: {
          HOME: home,
          XDG_CACHE_HOME: home,
          AWS_EC2_METADATA_DISABLED: 'true',
          TOLLGATE_PRICING_ENDPOINT: api.url,
        },
      },
    );
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      summary: { price_snapshot: { live: { fallback: number; errors: string[] } } };
    };
    assert.equal(report.summary.price_snapshot.live.fallback, 4);
    assert.match(report.summary.price_snapshot.live.errors[0] ?? '', /credential/i);
  });
});
