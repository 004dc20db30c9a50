/**
 * Local Zones and Wavelength Zones are priced apart from their parent region, under a code of their
 * own: the Price List's `regionCode`, which the price facts key them by. An availability zone name
 * tells which code applies, so pricing an instance there needs no lookup of the account's zones.
 */

export type ZoneKind = 'Local Zone' | 'Wavelength Zone';

export interface ZoneGroup {
  /** The code the zone's prices are listed under: `us-west-2-lax-1`, `us-east-1-wl1-atl1`. */
  group: string;
  kind: ZoneKind;
  /** The parent region: `us-west-2`. */
  region: string;
}

const REGION = '[a-z]{2}(?:-gov)?-[a-z]+-\\d+';

// A Local Zone AZ is its group and a letter: `us-west-2-lax-1a` in `us-west-2-lax-1`.
const LOCAL_AZ = new RegExp(`^((${REGION})-[a-z]{3}-\\d+)[a-z]$`);
const LOCAL_GROUP = new RegExp(`^${REGION}-[a-z]{3}-\\d+$`);

// A Wavelength AZ is region, carrier network, city and zone number: `us-east-1-wl1-atl-wlz-1`. Its
// price code runs city and number together (`us-east-1-wl1-atl1`), except for the first two zones,
// Boston and the San Francisco Bay Area, whose prices kept the bare network code (`us-east-1-wl1`).
// Evidence:
// - AWS Wavelength Developer Guide, "Available Wavelength Zones" (docs.aws.amazon.com/wavelength/
//   latest/developerguide/available-wavelength-zones.html): zone names such as
//   us-east-1-wl1-atl-wlz-1 and us-east-1-wl1-bos-wlz-1.
// - The price facts (data/pricing-facts/ec2-ondemand.json `zones`, from the Price List via Vantage)
//   hold us-east-1-wl1-atl1 … us-east-1-wl1-was1, eu-west-2-wl2-man1 and the like, plus
//   us-east-1-wl1 and us-west-2-wl1, and no "-bos1" or "-sfo1" group.
// - andrewmcgilvray/ice (a Netflix Ice fork that reads AWS billing), src/java/com/netflix/ice/tag/
//   Region.java at 0b6f0baa4df4: us-east-1-wl1-bos-wlz-1 bills as "USE1WL1" and
//   us-west-2-wl1-sfo-wlz-1 as "USW2WL1", while us-east-1-wl1-atl-wlz-1 bills as "USE1WL1ATL1".
// - Public tools that map the Price List's `location` to its code agree: "US East (Verizon) -
//   Boston" → us-east-1-wl1, "US West (Verizon) - San Francisco Bay Area" → us-west-2-wl1,
//   "US East (Verizon) - Atlanta" → us-east-1-wl1-atl1.
// EC2's own group name for a Wavelength Zone is not this code (the EC2 API reference's example for
// AvailabilityZone.groupName is us-east-1-wl1-bos-wlz-1), so it cannot stand in for it.
const WAVELENGTH_AZ = new RegExp(`^((${REGION})-wl\\d+)-([a-z]{3})-wlz-(\\d+)$`);
const WAVELENGTH_GROUP = new RegExp(`^${REGION}-wl\\d+(?:-[a-z]{3}\\d+)?$`);
const FIRST_WAVELENGTH_ZONES = new Set(['us-east-1-wl1-bos-wlz-1', 'us-west-2-wl1-sfo-wlz-1']);

/** The zone group an availability zone name is priced under, or undefined for a region's own AZ. */
export function zoneOfAz(az: string): ZoneGroup | undefined {
  const local = LOCAL_AZ.exec(az);
  if (local) return { group: local[1] as string, kind: 'Local Zone', region: local[2] as string };
  const wl = WAVELENGTH_AZ.exec(az);
  if (wl) {
    const network = wl[1] as string;
    const group = FIRST_WAVELENGTH_ZONES.has(az) ? network : `${network}-${wl[3] ?? ''}${wl[4] ?? ''}`;
    return { group, kind: 'Wavelength Zone', region: wl[2] as string };
  }
  return undefined;
}

/** Whether a price code names a Local or Wavelength Zone group (which kind), not a region. */
export function zoneKindOf(code: string): ZoneKind | undefined {
  if (LOCAL_GROUP.test(code)) return 'Local Zone';
  if (WAVELENGTH_GROUP.test(code)) return 'Wavelength Zone';
  return undefined;
}

/** `Local Zone us-west-2-lax-1` for a zone group, the code itself for a region. */
export function placeName(code: string): string {
  const kind = zoneKindOf(code);
  return kind ? `${kind} ${code}` : code;
}
