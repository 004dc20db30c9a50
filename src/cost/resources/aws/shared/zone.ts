import { UNKNOWN, type AttrView, type Unknown } from '../../../attributes.ts';
import { skuKind } from '../../../catalog/skus.ts';
import { zoneOfAz, type ZoneGroup } from '../../../../util/zone.ts';
import type { ComponentSpec, PricerInput } from '../../types.ts';
import { referencedAll, sideOf } from './references.ts';
import { joinNotes } from '../../../notes.ts';

/** The Local or Wavelength Zone that `availability_zone` names; undefined for a region's own AZ. */
export function zoneOf(attrs: AttrView): ZoneGroup | undefined {
  const az = attrs.str('availability_zone');
  return typeof az === 'string' ? zoneOfAz(az) : undefined;
}

/**
 * Where an instance runs: its own `availability_zone`, else its subnet's. A new instance's zone is
 * known only after apply, and an instance goes into a Local Zone by going into a subnet there, so a
 * subnet in the plan (by id, or by the configuration's reference when it is created too) tells. A
 * subnet the plan does not hold leaves the region's price, as for any instance without a zone.
 */
export function instanceZone(input: PricerInput): ZoneGroup | undefined {
  const az = input.attrs.str('availability_zone');
  if (typeof az === 'string') return zoneOfAz(az);
  const [subnetAz] = subnetAzs(input, 'subnet_id') ?? [];
  return subnetAz === undefined ? undefined : zoneOfAz(subnetAz);
}

/**
 * The AZs of the subnet or subnets at `path` (an instance's `subnet_id`, an Auto Scaling group's
 * `vpc_zone_identifier`), read from the plan's aws_subnet resources, by id or by the configuration's
 * references when they are created too; undefined unless the plan holds every one with its AZ known.
 */
export function subnetAzs(input: PricerInput, path: string): string[] | undefined {
  const one = input.attrs.str(path);
  const ids = typeof one === 'string' ? [one] : input.attrs.strings(path);
  let subnets: (AttrView | undefined)[];
  if (Array.isArray(ids)) {
    const inPlan = input.lookup.ofType('aws_subnet', input.resource.origin.path);
    subnets = ids.map((id) => {
      const subnet = inPlan.find((r) => sideOf(r, input.side)?.str('id') === id);
      return subnet && sideOf(subnet, input.side);
    });
  } else if (ids === UNKNOWN) {
    const found = referencedAll(input, [path], 'aws_subnet');
    if (!found) return undefined;
    subnets = found.map((r) => sideOf(r, input.side));
  } else return undefined;
  const azs = subnets.map((subnet) => subnet?.str('availability_zone'));
  return azs.length > 0 && azs.every((az) => typeof az === 'string') ? azs : undefined;
}

// Billed at a zone's own rates like its instance hours, but the catalog has no zone price for them.
const NO_ZONE_PRICE: readonly (readonly [prefix: string, what: string])[] = [
  ['ebs/', 'EBS'],
  ['ec2/cpu-credits/', 'CPU credits'],
];

/** A zone group, or why a resource spread over AZs priced in different places cannot be priced. */
export type Placement = ZoneGroup | { mixed: string };

/**
 * Where a group's instances run, from its `availability_zones`: the zone when every AZ is in one
 * zone group; mixed when a zone is among AZs priced elsewhere, as AWS decides at launch how many
 * instances each AZ gets; undefined when every AZ is the region's, or the list is not known.
 */
export function placementOfAzs(azs: readonly string[] | Unknown | undefined): Placement | undefined {
  if (!Array.isArray(azs)) return undefined;
  const zones = azs.map(zoneOfAz);
  const first = zones[0];
  if (zones.every((zone) => zone === undefined)) return undefined;
  if (first && zones.every((zone) => zone?.group === first.group)) return first;
  return {
    mixed: `availability_zones (${azs.join(', ')}) are priced apart, and AWS splits the instances between them at launch`,
  };
}

/**
 * A component of a resource placed in a Local or Wavelength Zone, where EC2 bills at the zone's own
 * rates. Zonal SKUs (instance hours) are looked up under the zone group, so a type the zone's table
 * lacks is a miss that names the zone; EBS and CPU credits, which the catalog prices for regions
 * only, are not priced rather than priced at the parent region's rate. CloudWatch metrics and the
 * public IPv4 charge are not the zone's to price: unchanged.
 */
export function inZone(spec: ComponentSpec, place: Placement | undefined): ComponentSpec {
  if (!place || spec.skus.length === 0) return spec;
  const unpriced = (reason: string): ComponentSpec => ({ ...spec, skus: [], unpricedReason: reason });
  if (spec.skus.every((choice) => skuKind(choice.sku)?.kind.zonal)) {
    if ('mixed' in place) return unpriced(place.mixed);
    return {
      ...spec,
      // The rate differs from the region's the developer knows: say whose it is.
      note: joinNotes(spec.note, `${place.kind} ${place.group} rate`),
      skus: spec.skus.map((choice) => ({ ...choice, region: place.group })),
    };
  }
  const what = NO_ZONE_PRICE.find(([prefix]) => spec.skus.some((choice) => choice.sku.startsWith(prefix)));
  if (!what) return spec;
  return unpriced(
    'mixed' in place ? place.mixed : `no catalog price for ${what[1]} in ${place.kind} ${place.group}`,
  );
}
