import shapes from '../../../../../data/ec2-instance-shapes.json' with { type: 'json' };
import { closest } from '../../../../util/similar.ts';

/** The EC2 instance types the bundled catalog prices, with their vCPUs and memory (GiB). */
const SHAPES = shapes.types as unknown as Record<string, [number, number] | undefined>;

/** vCPUs and GiB of an instance type the catalog prices, or undefined. */
export function instanceShape(type: string): { vcpu: number; memoryGib: number } | undefined {
  const shape = Object.hasOwn(SHAPES, type) ? SHAPES[type] : undefined;
  return shape ? { vcpu: shape[0], memoryGib: shape[1] } : undefined;
}

/** Every instance type whose size is known, for suggestions. */
export function knownInstanceTypes(): string[] {
  return Object.keys(SHAPES);
}

/**
 * Why an instance type may have no price, when it is not one tollgate knows of at all: most often a
 * typo (`m5.larg`), which "no catalog price … run pricing refresh" would send the reader the wrong
 * way. Undefined for a known type; a type newer than the bundled list can still be priced by the
 * live source, so this only words the miss.
 */
export function unknownInstanceType(type: string): string | undefined {
  if (instanceShape(type)) return undefined;
  const near = closest(type, knownInstanceTypes(), 2);
  return `${type} is not an EC2 instance type tollgate knows${near ? ` (did you mean ${near}?)` : ''}; a type newer than the bundled catalog needs \`tollgate pricing refresh\``;
}
