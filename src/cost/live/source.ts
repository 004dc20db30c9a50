import Big from 'big.js';
import { catalogSnapshot, quoteFromCatalog, type CatalogData } from '../catalog/catalog.ts';
import { skuKind, type ProductQuery } from '../catalog/skus.ts';
import {
  priceKey,
  type PriceAnswer,
  type PriceRequest,
  type PriceSnapshot,
  type PriceSource,
} from '../prices.ts';
import { foreignPartition } from '../partition.ts';
import { PriceCache } from './cache.ts';
import type { PricingApi } from './client.ts';
import { filtersFor, parseItems, priceFromItems, type LiveAnswer } from './products.ts';

const MAX_PAGES = 50;
const CONCURRENCY = 4;

export interface LiveOptions {
  api: PricingApi;
  catalog: CatalogData;
  cache: PriceCache;
}

/** The query a SKU stands for, and the region the API is asked about (none for global products). */
export function queryFor(
  request: PriceRequest,
): { query: ProductQuery; region: string | undefined } | undefined {
  const found = skuKind(request.sku);
  if (!found) return undefined;
  return {
    query: found.kind.query(found.match),
    region: found.kind.scope === 'global' ? undefined : request.region,
  };
}

/** Every page of a GetProducts query, reduced to the one price it stands for. */
export async function fetchLive(
  api: PricingApi,
  query: ProductQuery,
  region: string | undefined,
): Promise<LiveAnswer> {
  const items: unknown[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.getProducts(query.serviceCode, filtersFor(query, region), token);
    items.push(...result.items);
    token = result.nextToken;
    if (!token) break;
  }
  return priceFromItems(parseItems(items), query);
}

/**
 * Prices from the live AWS Pricing API, cached on disk, with the catalog behind every answer: a
 * failed call, a product the API does not know, or missing credentials fall back to the catalog price,
 * and the report counts which prices came from where.
 */
export function livePriceSource(options: LiveOptions): PriceSource {
  const counts = { api: 0, cache: 0, fallback: 0 };
  const errors = new Set<string>();
  let broken: string | undefined;

  const fallback = (request: PriceRequest, why: string): PriceAnswer => {
    counts.fallback++;
    errors.add(why);
    return quoteFromCatalog(options.catalog, request);
  };

  const one = async (request: PriceRequest): Promise<PriceAnswer> => {
    const target = queryFor(request);
    if (!target) return { missing: `unknown price key ${request.sku}` };
    // The Pricing API's US-dollar prices are the public partition's: the catalog says why not here.
    if (foreignPartition(request.region)) return quoteFromCatalog(options.catalog, request);
    const { query, region } = target;
    const key = PriceCache.keyOf([
      query.serviceCode,
      query.filters,
      String(query.usagetype ?? ''),
      query.beginRange,
      query.awsUnit,
      query.multiplyBy,
      query.divideBy,
      region,
    ]);
    let answer = options.cache.get(key);
    const cached = answer !== undefined;
    if (!answer) {
      if (broken) return fallback(request, broken);
      try {
        answer = await fetchLive(options.api, query, region);
      } catch (err) {
        const e = err as Error;
        const message = `${e.name}: ${e.message.split('\n')[0] ?? ''}`;
        // Without credentials every call fails the same way: stop asking.
        if (
          /Credentials|credential|ExpiredToken|UnrecognizedClient|AccessDenied/i.test(
            `${e.name} ${e.message}`,
          )
        )
          broken = message;
        return fallback(request, message);
      }
      options.cache.set(key, answer);
    }
    if ('missing' in answer)
      return fallback(request, `not found in the Pricing API: ${request.sku} (${answer.missing})`);
    counts[cached ? 'cache' : 'api']++;
    return { usd: new Big(answer.usd), asOf: answer.asOf, origin: 'live' };
  };

  return {
    async quote(requests) {
      const answers = new Map<string, PriceAnswer>();
      let next = 0;
      const worker = async () => {
        while (next < requests.length) {
          const request = requests[next++] as PriceRequest;
          answers.set(priceKey(request), await one(request));
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, requests.length) }, worker));
      return answers;
    },
    snapshot(): PriceSnapshot {
      const base = catalogSnapshot(options.catalog);
      return { ...base, source: 'live', live: { ...counts, errors: [...errors].slice(0, 5) } };
    },
  };
}
