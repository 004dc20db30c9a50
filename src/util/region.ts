/**
 * An AWS region name as providers and ARNs write it: `eu-west-1`, `us-gov-west-1`, `us-iso-east-1`,
 * and the four-letter partitions' prefixes such as the European Sovereign Cloud's `eusc-de-east-1`.
 * Local Zones (`us-west-2-lax-1`) are not regions.
 */
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

export function isAwsRegion(name: string): boolean {
  return REGION.test(name);
}
