import { UNKNOWN } from '../../attributes.ts';
import { afterApply, fromUsage, known, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer, SkuChoice } from '../types.ts';
import { withDefault } from './shared/references.ts';

/**
 * A customer managed KMS key bills $1 a key-month whatever its spec, and stays billed while disabled
 * (is_enabled = false); a key scheduled for deletion is not billed, which is what destroying it does,
 * so a deleted key costs nothing after. Requests (`monthly_requests`, per 10k) are priced by the
 * key's spec: symmetric and HMAC keys at the symmetric rate, RSA 2048 at its own rate, other RSA and
 * ECC specs at the asymmetric rate. The 20,000 free requests a month are per account and not
 * subtracted. Automatic rotation adds $1 a month for each of the first two rotated key versions,
 * a year and two years on; that later cost is noted, not counted.
 */
export const kmsKey: Pricer = {
  types: ['aws_kms_key'],
  summary: 'the key-month, requests by key spec',
  usage: { monthly_requests: 'API requests a month' },
  components({ attrs, resource, usage }) {
    const key: SkuChoice = { sku: 'kms/key' };
    if (attrs.bool('enable_key_rotation') === true) {
      key.note =
        'automatic rotation adds $1/month per rotated key version (first two), from the first rotation';
    }
    const components: ComponentSpec[] = [
      { name: 'Customer managed key', unit: 'months', quantity: known(1), skus: [key] },
    ];
    const specAttribute = attrs.str('key_spec') !== undefined ? 'key_spec' : 'customer_master_key_spec';
    const spec = withDefault(resource, [specAttribute], attrs.str(specAttribute), 'SYMMETRIC_DEFAULT');
    if (spec === UNKNOWN) {
      components.push({
        name: 'Requests',
        unit: '10k requests',
        quantity: unknownQuantity(afterApply(specAttribute)),
        skus: [],
      });
      return components;
    }
    const kind = requestKind(spec);
    const requests: ComponentSpec = {
      name: `Requests (${kind ? kind.label : spec})`,
      unit: '10k requests',
      quantity: fromUsage(usage, 'monthly_requests', 10_000),
      skus: kind ? [{ sku: kind.sku }] : [],
    };
    if (!kind) requests.unpricedReason = `request prices for ${spec} keys are not in the catalog`;
    components.push(requests);
    return components;
  },
};

function requestKind(spec: string): { label: string; sku: string } | undefined {
  if (spec === 'SYMMETRIC_DEFAULT' || spec.startsWith('HMAC_')) {
    return { label: 'symmetric', sku: 'kms/requests/symmetric' };
  }
  if (spec === 'RSA_2048') return { label: 'RSA 2048', sku: 'kms/requests/rsa-2048' };
  if (/^(RSA_(3072|4096)|ECC_)/.test(spec)) return { label: 'asymmetric', sku: 'kms/requests/asymmetric' };
  return undefined;
}
