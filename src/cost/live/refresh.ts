import type { CatalogData } from '../catalog/catalog.ts';
import {
  CATALOG_SCHEMA,
  type CatalogEntry,
  type CatalogIndex,
  type CatalogRegionFile,
  type CatalogSource,
} from '../catalog/format.ts';
import { skuKind } from '../catalog/skus.ts';
import { zoneKindOf } from '../../util/zone.ts';
import type { PricingApi } from './client.ts';
import { filtersFor, parseItems, priceFromItems } from './products.ts';
import { fetchLive, queryFor } from './source.ts';

export interface RefreshResult {
  index: CatalogIndex;
  regions: Map<string, CatalogRegionFile>;
  stats: { refreshed: number; added: number; kept: number; failed: number; errors: string[] };
}

const MAX_PAGES = 200;

/**
 * Rebuilds the catalog's prices for `regions` from the Pricing API: every SKU the catalog holds in
 * any region is asked for, instance-type families in one query each (so types AWS added since appear
 * too). A price the API does not return keeps the previous catalog's value and is counted as kept;
 * regions not refreshed are carried over unchanged.
 */
export async function refreshCatalog(
  api: PricingApi,
  base: CatalogData,
  regions: readonly string[],
  today: string,
  progress: (line: string) => void = () => undefined,
): Promise<RefreshResult> {
  const sources: CatalogSource[] = base.index.sources.map((s) => ({ ...s }));
  const sourceIds = new Map<string, number>();
  const sourceFor = (serviceCode: string, asOf: string): number => {
    const key = `${serviceCode}|${asOf}`;
    let id = sourceIds.get(key);
    if (id === undefined) {
      id = sources.length;
      sources.push({
        id,
        repo: 'AWS Price List API',
        path: `GetProducts ${serviceCode}`,
        commit: '',
        as_of: asOf,
        label: `${serviceCode} (refreshed ${today})`,
      });
      sourceIds.set(key, id);
    }
    return id;
  };
  const stats: RefreshResult['stats'] = { refreshed: 0, added: 0, kept: 0, failed: 0, errors: [] };
  const fail = (message: string) => {
    stats.failed++;
    if (stats.errors.length < 5 && !stats.errors.includes(message)) stats.errors.push(message);
  };

  const skus = new Set<string>();
  for (const region of Object.keys(base.index.regions))
    for (const sku of Object.keys(base.region(region)?.prices ?? {})) skus.add(sku);

  const out = new Map<string, CatalogRegionFile>();
  for (const region of Object.keys(base.index.regions)) {
    const file = base.region(region);
    if (file) out.set(region, { schema: CATALOG_SCHEMA, region, prices: { ...file.prices } });
  }

  for (const region of regions) {
    // A zone group is asked only for the kinds a resource placed there is priced by (instance hours):
    // every other SKU of the catalog would be dozens of queries per zone for prices nothing reads.
    const asked = zoneKindOf(region) ? new Set([...skus].filter((sku) => skuKind(sku)?.kind.zonal)) : skus;
    progress(`${region}: asking the Pricing API for ${asked.size} prices`);
    const previous = base.region(region)?.prices ?? {};
    const prices: Record<string, CatalogEntry> = { ...previous };
    const done = new Set<string>();
    // Families first, one query each.
    const groups = new Map<
      string,
      { sku: string; match: RegExpExecArray; bulk: NonNullable<ReturnType<typeof skuKind>>['kind']['bulk'] }
    >();
    for (const sku of asked) {
      const found = skuKind(sku);
      if (found?.kind.bulk && found.kind.scope === 'regional') {
        const group = found.kind.bulk.group(found.match);
        if (!groups.has(group)) groups.set(group, { sku, match: found.match, bulk: found.kind.bulk });
      }
    }
    for (const [group, { match, bulk }] of groups) {
      if (!bulk) continue;
      const query = bulk.query(match);
      try {
        const items = await allPages(api, query.serviceCode, filtersFor(query, region));
        for (const item of parseItems(items)) {
          const sku = bulk.skuOf(match, item.product?.attributes ?? {});
          if (!sku || !skuKind(sku)) continue;
          const answer = priceFromItems([item], query);
          if ('missing' in answer) continue;
          if (!Object.hasOwn(previous, sku)) stats.added++;
          prices[sku] = [answer.usd, sourceFor(query.serviceCode, answer.asOf || today)];
          done.add(sku);
        }
      } catch (err) {
        fail(`${group} in ${region}: ${(err as Error).name}: ${(err as Error).message.split('\n')[0] ?? ''}`);
      }
    }
    // Every other SKU on its own.
    for (const sku of asked) {
      const kind = skuKind(sku)?.kind;
      if (done.has(sku) || !kind || kind.bulk || kind.scope === 'global') continue;
      const target = queryFor({ sku, region });
      if (!target) continue;
      try {
        const answer = await fetchLive(api, target.query, target.region);
        if ('missing' in answer) continue;
        if (!Object.hasOwn(previous, sku)) stats.added++;
        prices[sku] = [answer.usd, sourceFor(target.query.serviceCode, answer.asOf || today)];
        done.add(sku);
      } catch (err) {
        fail(`${sku} in ${region}: ${(err as Error).name}: ${(err as Error).message.split('\n')[0] ?? ''}`);
      }
    }
    stats.refreshed += done.size;
    stats.kept += Object.keys(previous).filter((sku) => !done.has(sku)).length;
    out.set(region, { schema: CATALOG_SCHEMA, region, prices: sortEntries(prices) });
    progress(
      `${region}: ${done.size} prices from the API, ${Object.keys(previous).filter((s) => !done.has(s)).length} kept from the previous catalog`,
    );
  }

  const global: Record<string, CatalogEntry> = { ...base.index.global };
  for (const sku of Object.keys(base.index.global)) {
    const target = queryFor({ sku, region: 'us-east-1' });
    if (!target) continue;
    try {
      const answer = await fetchLive(api, target.query, target.region);
      if ('missing' in answer) continue;
      global[sku] = [answer.usd, sourceFor(target.query.serviceCode, answer.asOf || today)];
      stats.refreshed++;
    } catch (err) {
      fail(`${sku}: ${(err as Error).name}: ${(err as Error).message.split('\n')[0] ?? ''}`);
    }
  }

  const used = new Set<number>();
  for (const file of out.values()) for (const [, id] of Object.values(file.prices)) used.add(id);
  for (const [, id] of Object.values(global)) used.add(id);
  const dates = [...used]
    .map((id) => sources[id]?.as_of ?? '')
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  const index: CatalogIndex = {
    schema: CATALOG_SCHEMA,
    kind: 'refreshed',
    currency: 'USD',
    hours_per_month: 730,
    description: `AWS on-demand list prices refreshed from the AWS Price List API on ${today} for ${regions.join(', ')}; other regions as in the catalog it was refreshed from.`,
    snapshot: { oldest: dates[0] ?? today, newest: dates[dates.length - 1] ?? today },
    sources,
    regions: Object.fromEntries(
      [...out].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, f]) => [r, Object.keys(f.prices).length]),
    ),
    global: sortEntries(global),
  };
  return { index, regions: out, stats };
}

async function allPages(
  api: PricingApi,
  serviceCode: string,
  filters: ReturnType<typeof filtersFor>,
): Promise<unknown[]> {
  const items: unknown[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.getProducts(serviceCode, filters, token);
    items.push(...result.items);
    token = result.nextToken;
    if (!token) break;
  }
  return items;
}

function sortEntries(prices: Record<string, CatalogEntry>): Record<string, CatalogEntry> {
  return Object.fromEntries(Object.entries(prices).sort(([a], [b]) => (a < b ? -1 : 1)));
}
