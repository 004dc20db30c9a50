import Big from 'big.js';
import type { ProductQuery } from '../catalog/skus.ts';

/** One price answer from the Pricing API, before caching. */
export type LiveAnswer = { usd: string; asOf: string } | { missing: string };

interface PriceDimension {
  unit?: string;
  beginRange?: string;
  pricePerUnit?: { USD?: string };
}

interface PriceItem {
  product?: { sku?: string; attributes?: Record<string, string> };
  terms?: {
    OnDemand?: Record<string, { effectiveDate?: string; priceDimensions?: Record<string, PriceDimension> }>;
  };
  publicationDate?: string;
}

/** The Filters of a GetProducts call for a query in a region (global SKUs carry their own). */
export function filtersFor(
  query: ProductQuery,
  region: string | undefined,
): { Type: 'TERM_MATCH'; Field: string; Value: string }[] {
  const filters = Object.entries(query.filters).map(([Field, Value]) => ({
    Type: 'TERM_MATCH' as const,
    Field,
    Value,
  }));
  if (region) filters.push({ Type: 'TERM_MATCH', Field: 'regionCode', Value: region });
  return filters;
}

/** PriceList items arrive as JSON strings (boxed String objects from the SDK). */
export function parseItems(items: readonly unknown[]): PriceItem[] {
  return items.map((item) => JSON.parse(String(item)) as PriceItem);
}

/**
 * The one on-demand price a query stands for among GetProducts results: products narrowed by usage
 * type, the dimension by range, the unit checked and converted. Several products with different
 * prices make the answer ambiguous — a miss, never a guess.
 */
export function priceFromItems(items: readonly PriceItem[], query: ProductQuery): LiveAnswer {
  const candidates = items.filter(
    (item) => !query.usagetype || query.usagetype.test(item.product?.attributes?.usagetype ?? ''),
  );
  const prices = new Map<string, string>();
  let unitMismatch: string | undefined;
  for (const item of candidates) {
    for (const offer of Object.values(item.terms?.OnDemand ?? {})) {
      const dims = Object.values(offer.priceDimensions ?? {});
      const dim = pickDimension(dims, query.beginRange);
      const usd = dim?.pricePerUnit?.USD;
      if (!dim || usd === undefined) continue;
      if (query.awsUnit && dim.unit?.toLowerCase() !== query.awsUnit.toLowerCase()) {
        unitMismatch = dim.unit;
        continue;
      }
      let value = new Big(usd);
      if (query.multiplyBy) value = value.times(query.multiplyBy);
      if (query.divideBy) value = value.div(query.divideBy);
      const asOf = (offer.effectiveDate ?? item.publicationDate ?? '').slice(0, 10);
      prices.set(value.toFixed(), asOf);
    }
  }
  if (prices.size === 1) {
    const [[usd, asOf]] = [...prices] as [[string, string]];
    return { usd, asOf };
  }
  if (prices.size > 1) return { missing: `the Pricing API returned ${prices.size} different prices for it` };
  if (unitMismatch)
    return { missing: `the Pricing API prices it per ${unitMismatch}, not per ${query.awsUnit ?? '?'}` };
  return { missing: 'the Pricing API has no such product' };
}

function pickDimension(dims: PriceDimension[], beginRange: string | undefined): PriceDimension | undefined {
  if (beginRange !== undefined) return dims.find((d) => d.beginRange === beginRange);
  if (dims.length === 1) return dims[0];
  return dims.find((d) => d.beginRange === '0') ?? dims[0];
}
