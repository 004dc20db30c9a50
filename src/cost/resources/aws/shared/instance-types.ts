import shapes from '../../../../../data/ec2-instance-shapes.json' with { type: 'json' };
import { closest } from '../../../../util/similar.ts';

const KNOWN = Object.keys(shapes.types);
const known = new Set(KNOWN);

/**
 * Why an instance type may have no price, when it is not one tollgate knows of at all: most often a
 * typo (`m5.larg`), which "no catalog price … run pricing refresh" would send the reader the wrong
 * way. Undefined for a known type; a type newer than the bundled list can still be priced by the
 * live source, so this only words the miss.
 */
export function unknownInstanceType(type: string): string | undefined {
  if (known.has(type)) return undefined;
  const near = closest(type, KNOWN, 2);
  return `${type} is not an EC2 instance type tollgate knows${near ? ` (did you mean ${near}?)` : ''}; a type newer than the bundled catalog needs \`tollgate pricing refresh\``;
}
