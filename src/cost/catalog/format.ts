/** The bundled catalog's file format (data/catalog/), shared by `npm run catalog`, refresh and lookup. */

export const CATALOG_SCHEMA = 1;

export interface CatalogSource {
  id: number;
  repo: string;
  path: string;
  commit: string;
  /** The snapshot date of the prices taken from this source (an upper bound where the source says so). */
  as_of: string;
  label: string;
}

/** `[usd as a decimal string, index into sources]` */
export type CatalogEntry = [string, number];

export interface CatalogIndex {
  schema: number;
  /** `bundled` (built from facts) or `refreshed` (`tollgate pricing refresh` from the Pricing API). */
  kind: 'bundled' | 'refreshed';
  currency: 'USD';
  hours_per_month: 730;
  description: string;
  snapshot: { oldest: string; newest: string };
  sources: CatalogSource[];
  /** Regions with a price file, and how many prices each holds. */
  regions: Record<string, number>;
  /** Prices AWS states once for every region, and global services. */
  global: Record<string, CatalogEntry>;
}

export interface CatalogRegionFile {
  schema: number;
  region: string;
  prices: Record<string, CatalogEntry>;
}
