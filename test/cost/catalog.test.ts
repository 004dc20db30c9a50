import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { quoteFromCatalog } from '../../src/cost/catalog/catalog.ts';
import { skuKind } from '../../src/cost/catalog/skus.ts';
import { loadCatalog } from '../../src/io/catalog-files.ts';
import { ROOT } from '../helpers/cli.ts';

const BUNDLED = join(ROOT, 'data', 'catalog');

describe('bundled price catalog', () => {
  it('is exactly what `npm run catalog` builds from data/pricing-facts', () => {
    const out = mkdtempSync(join(tmpdir(), 'tollgate-catalog-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/catalog/build.ts', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const files = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.json'))
        .sort();
    assert.deepEqual(files(out), files(BUNDLED));
    for (const f of files(BUNDLED))
      assert.equal(readFileSync(join(out, f), 'utf8'), readFileSync(join(BUNDLED, f), 'utf8'), f);
  });

  it('holds only SKUs tollgate knows, with source dates, covering every EC2 region and zone of the facts', () => {
    const catalog = loadCatalog(BUNDLED, {});
    assert.equal(catalog.index.kind, 'bundled');
    assert.match(catalog.index.snapshot.newest, /^\d{4}-\d{2}-\d{2}$/);
    const facts = JSON.parse(
      readFileSync(join(ROOT, 'data', 'pricing-facts', 'ec2-ondemand.json'), 'utf8'),
    ) as {
      regions: Record<string, Record<string, number>>;
      zones: Record<string, Record<string, number>>;
    };
    // Local and Wavelength Zone groups are filed like regions, under the code their prices are listed by.
    for (const [region, types] of [...Object.entries(facts.regions), ...Object.entries(facts.zones)]) {
      const file = catalog.region(region);
      assert.ok(file, region);
      for (const [type, usd] of Object.entries(types))
        assert.equal(file.prices[`ec2/instance/${type}`]?.[0], String(usd), `${region} ${type}`);
    }
    for (const region of Object.keys(catalog.index.regions)) {
      for (const [sku, [, source]] of Object.entries(catalog.region(region)?.prices ?? {})) {
        assert.ok(skuKind(sku), `${region}: unknown SKU ${sku}`);
        assert.ok(catalog.index.sources[source]?.as_of, `${region} ${sku}: source without a date`);
      }
    }
  });

  it('answers a miss with the reason and never borrows another region', () => {
    const catalog = loadCatalog(BUNDLED, {});
    // On-demand DynamoDB facts exist for us-east-2 only: us-east-1 must be a miss, not us-east-2's price.
    assert.ok('usd' in quoteFromCatalog(catalog, { sku: 'dynamodb/write-requests', region: 'us-east-2' }));
    assert.deepEqual(quoteFromCatalog(catalog, { sku: 'dynamodb/write-requests', region: 'us-east-1' }), {
      missing: 'no catalog price for dynamodb/write-requests in us-east-1; run `tollgate pricing refresh`',
    });
    assert.deepEqual(quoteFromCatalog(catalog, { sku: 'ec2/instance/m5.large', region: 'mars-east-1' }), {
      missing: 'no catalog price for mars-east-1; run `tollgate pricing refresh`',
    });
    // Public IPv4 is one price in every region (AWS, 2024-02-01).
    const ip = quoteFromCatalog(catalog, { sku: 'ec2/public-ipv4', region: 'ap-southeast-2' });
    assert.ok('usd' in ip && ip.usd.eq('0.005') && ip.asOf === '2024-02-01');
  });
});
