import Big from 'big.js';
import type { PriceAnswer, PriceRequest, PriceSnapshot, PriceSource } from '../prices.ts';
import { priceKey } from '../prices.ts';
import { foreignPartition } from '../partition.ts';
import { placeName } from '../../util/zone.ts';
import { skuKind } from './skus.ts';
import type { CatalogEntry, CatalogIndex, CatalogRegionFile } from './format.ts';

/** A catalog as files provide it: the index, and region files read on first use. */
export interface CatalogData {
  index: CatalogIndex;
  region(region: string): CatalogRegionFile | undefined;
  /** Where it was read from, when it is not the bundled one. */
  path?: string;
}

/**
 * Looks prices up in a catalog. A miss says why and what to do; it never returns 0 and never takes
 * another region's price.
 */
export function quoteFromCatalog(catalog: CatalogData, request: PriceRequest): PriceAnswer {
  const found = skuKind(request.sku);
  if (!found) return { missing: `unknown price key ${request.sku}` };
  const foreign = foreignPartition(request.region);
  if (foreign) return { missing: `no catalog price for ${request.sku} in ${request.region}: ${foreign}` };
  let entry: CatalogEntry | undefined;
  if (found.kind.scope === 'global') {
    entry = Object.hasOwn(catalog.index.global, request.sku) ? catalog.index.global[request.sku] : undefined;
  } else {
    const file = catalog.region(request.region);
    if (!file)
      return {
        missing: `no catalog price for ${placeName(request.region)}; run \`tollgate pricing refresh\``,
      };
    entry = Object.hasOwn(file.prices, request.sku) ? file.prices[request.sku] : undefined;
  }
  if (!entry) {
    return {
      missing: `no catalog price for ${request.sku} in ${placeName(request.region)}; run \`tollgate pricing refresh\``,
    };
  }
  const source = catalog.index.sources[entry[1]];
  return { usd: new Big(entry[0]), asOf: source?.as_of ?? catalog.index.snapshot.newest, origin: 'catalog' };
}

export function catalogSnapshot(catalog: CatalogData): PriceSnapshot {
  const snapshot: PriceSnapshot = {
    source: 'catalog',
    catalog: {
      kind: catalog.index.kind,
      oldest: catalog.index.snapshot.oldest,
      newest: catalog.index.snapshot.newest,
    },
  };
  if (catalog.path) snapshot.catalog.path = catalog.path;
  return snapshot;
}

/** The catalog as a price source. */
export function catalogSource(catalog: CatalogData): PriceSource {
  return {
    quote(requests) {
      const answers = new Map<string, PriceAnswer>();
      for (const request of requests) answers.set(priceKey(request), quoteFromCatalog(catalog, request));
      return Promise.resolve(answers);
    },
    snapshot: () => catalogSnapshot(catalog),
  };
}
