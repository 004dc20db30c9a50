/**
 * Why a region's bill cannot be priced from the catalog's US-dollar list prices, or undefined when it
 * can. The catalog holds the public `aws` partition's prices (GovCloud's included); the China regions
 * bill in yuan and the European Sovereign Cloud in euros, and the isolated partitions publish none. A
 * "global" price such as the public IPv4 charge is global to the `aws` partition only, and a
 * `pricing refresh`, which asks the public Pricing API, cannot fill these in.
 */
export function foreignPartition(region: string): string | undefined {
  if (region.startsWith('cn-')) return 'the China regions bill in CNY, which tollgate does not price';
  if (region.startsWith('eusc-'))
    return 'the AWS European Sovereign Cloud is billed apart from the public regions, and tollgate has no prices for it';
  if (/^[a-z]{2}-iso/.test(region)) return 'the isolated AWS partitions publish no prices';
  return undefined;
}
