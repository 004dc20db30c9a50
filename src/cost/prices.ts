import type Big from 'big.js';
import { skuKind } from './catalog/skus.ts';
import { foreignPartition } from './partition.ts';

/** A price to look up: a SKU in a region (ignored for global SKUs). */
export interface PriceRequest {
  sku: string;
  region: string;
}

export interface PriceQuote {
  usd: Big;
  /** The date of the price snapshot it comes from. */
  asOf: string;
  origin: 'catalog' | 'live';
}

export interface PriceMiss {
  missing: string;
}

export type PriceAnswer = PriceQuote | PriceMiss;

/** What the report says about where prices came from. */
export interface PriceSnapshot {
  /** `off` when cost estimation was turned off for the run. */
  source: 'catalog' | 'live' | 'off';
  /** The catalog used (bundled or refreshed) and the range of its snapshot dates. */
  catalog: { kind: 'bundled' | 'refreshed'; oldest: string; newest: string; path?: string };
  /** Live pricing: how many prices came from the API, the cache, and the catalog fallback. */
  live?: { api: number; cache: number; fallback: number; errors: string[] };
}

/** Where prices come from: the bundled catalog, or the live Pricing API with the catalog behind it. */
export interface PriceSource {
  quote(requests: readonly PriceRequest[]): Promise<Map<string, PriceAnswer>>;
  snapshot(): PriceSnapshot;
}

/** The map key of a request: global SKUs have one price whatever the region. */
export function priceKey(request: PriceRequest): string {
  // A global price is global to the public partition: elsewhere it is asked, and missed, per region.
  return skuKind(request.sku)?.kind.scope === 'global' && !foreignPartition(request.region)
    ? `global/${request.sku}`
    : `${request.region}/${request.sku}`;
}

export function isQuote(answer: PriceAnswer | undefined): answer is PriceQuote {
  return answer !== undefined && 'usd' in answer;
}
