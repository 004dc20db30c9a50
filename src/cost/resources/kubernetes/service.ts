/**
 * A Service of type LoadBalancer is an AWS load balancer for as long as it exists. Which kind: a
 * Network Load Balancer when the Service asks for one (annotation
 * `service.beta.kubernetes.io/aws-load-balancer-type: nlb`, `nlb-ip` or `external` — the AWS Load
 * Balancer Controller —, an `aws-load-balancer-nlb-target-type` annotation, or `loadBalancerClass:
 * service.k8s.aws/nlb` or EKS Auto Mode's `eks.amazonaws.com/nlb`), else what
 * `kubernetes.load_balancer` says (default `clb`: Kubernetes' in-tree AWS cloud provider creates a
 * Classic Load Balancer). Hours, plus capacity units or data processed from the usage file, as for
 * aws_lb and aws_elb, plus the public IPv4 addresses of an internet-facing one (see publicIpv4).
 * Other Services cost nothing.
 */
import { at, isRecord } from '../../../kubernetes/kinds.ts';
import { loadBalancerAddresses } from '../aws/shared/public_ipv4.ts';
import { fromUsage, monthHours } from '../quantity.ts';
import type { UsageValues } from '../../usage.ts';
import type { ComponentSpec, Pricer } from '../types.ts';
import { notBuiltIn } from './built-in.ts';
import { joinNotes } from '../../notes.ts';

const PREFIX = 'service.beta.kubernetes.io/aws-load-balancer-';
const TYPE = `${PREFIX}type`;
const NLB_TARGET_TYPE = `${PREFIX}nlb-target-type`;
const SCHEME = `${PREFIX}scheme`;
const INTERNAL = `${PREFIX}internal`;
const SUBNETS = `${PREFIX}subnets`;
const EIP_ALLOCATIONS = `${PREFIX}eip-allocations`;

/** Load balancer classes whose controller provisions an NLB: the AWS Load Balancer Controller's, EKS Auto Mode's. */
const NLB_CLASSES = new Set(['service.k8s.aws/nlb', 'eks.amazonaws.com/nlb']);

/**
 * Who provisions the load balancer, which decides the default scheme: Kubernetes' in-tree AWS cloud
 * provider (a CLB, or an NLB for type `nlb`), internet-facing unless `aws-load-balancer-internal`
 * says otherwise; or the AWS Load Balancer Controller (and EKS Auto Mode, which reads the same
 * annotations), internal unless `aws-load-balancer-scheme` says otherwise (since its v2.2.0).
 */
type Controller = 'in-tree' | 'controller';

interface Choice {
  kind: 'nlb' | 'clb';
  controller: Controller;
  why: string;
}

export const service: Pricer = {
  types: ['k8s:Service'],
  summary:
    'type LoadBalancer: NLB or CLB hours, capacity units or GB processed, the public IPv4 addresses of internet-facing ones',
  usage: {
    monthly_capacity_units_hours: 'NLB capacity units (NLCU-hours) a month',
    monthly_data_processed_gb: 'GB a Classic Load Balancer processes a month',
    subnets:
      'subnets (Availability Zones) an internet-facing load balancer is in, when its aws-load-balancer-subnets annotation does not list them: one public IPv4 address each',
  },
  components(input) {
    const object = input.side === 'after' ? input.resource.after : input.resource.before;
    if (!object || at(object, ['spec', 'type']) !== 'LoadBalancer') return [];
    const other = notBuiltIn(input.resource);
    if (other) return other;
    const raw = at(object, ['metadata', 'annotations']);
    const annotations = isRecord(raw) ? raw : {};
    const { kind, controller, why } = choose(annotations, object, input.kubernetes.loadBalancer);
    const addresses = publicIpv4(annotations, kind, controller, input.usage);
    const hours: ComponentSpec = {
      name: kind === 'nlb' ? 'Network load balancer' : 'Classic load balancer',
      unit: 'hours',
      quantity: monthHours(),
      skus: [{ sku: `elb/${kind}/hour` }],
      hourly: true,
      note: joinNotes(why, addresses.note),
    };
    const usage: ComponentSpec =
      kind === 'nlb'
        ? {
            name: 'Load balancer capacity units (NLCU)',
            unit: 'NLCU-hours',
            quantity: fromUsage(input.usage, 'monthly_capacity_units_hours'),
            skus: [{ sku: 'elb/nlb/lcu' }],
          }
        : {
            name: 'Data processed',
            unit: 'GB',
            quantity: fromUsage(input.usage, 'monthly_data_processed_gb'),
            skus: [{ sku: 'elb/clb/gb' }],
          };
    return addresses.component ? [hours, usage, addresses.component] : [hours, usage];
  },
};

function choose(annotations: Record<string, unknown>, object: unknown, byDefault: 'nlb' | 'clb'): Choice {
  const type = annotation(annotations, TYPE);
  if (type === 'nlb') return { kind: 'nlb', controller: 'in-tree', why: `annotation ${TYPE}: nlb` };
  if (type === 'nlb-ip' || type === 'external')
    return { kind: 'nlb', controller: 'controller', why: `annotation ${TYPE}: ${type}` };
  const loadBalancerClass = at(object, ['spec', 'loadBalancerClass']);
  if (typeof loadBalancerClass === 'string' && NLB_CLASSES.has(loadBalancerClass))
    return { kind: 'nlb', controller: 'controller', why: `loadBalancerClass ${loadBalancerClass}` };
  if (annotation(annotations, NLB_TARGET_TYPE) !== undefined)
    return { kind: 'nlb', controller: 'controller', why: `annotation ${NLB_TARGET_TYPE}` };
  // Only a controller that takes every Service of type LoadBalancer (the AWS Load Balancer
  // Controller's webhook, EKS Auto Mode) makes an NLB of one without annotations.
  return {
    kind: byDefault,
    controller: byDefault === 'nlb' ? 'controller' : 'in-tree',
    why: `kubernetes.load_balancer: ${byDefault} (no AWS load balancer annotation)`,
  };
}

/** An annotation's value as the API server keeps it, a string; undefined when absent. */
function annotation(annotations: Record<string, unknown>, key: string): string | undefined {
  const value = annotations[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return undefined;
}

/** A string-list annotation (`a,b,c`): its non-empty entries; undefined when absent or empty. */
function list(annotations: Record<string, unknown>, key: string): string[] | undefined {
  const entries = annotation(annotations, key)
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return entries && entries.length > 0 ? entries : undefined;
}

/** Go's strconv.ParseBool, which the AWS Load Balancer Controller parses boolean annotations with. */
function parseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

const NO_ADDRESSES = 'no public IPv4 addresses';

type Scheme = { internal: true; why: string } | { internal: false; why?: string } | { unknown: string };

function schemeOf(annotations: Record<string, unknown>, controller: Controller): Scheme {
  const internal = annotation(annotations, INTERNAL);
  if (controller === 'in-tree') {
    // The in-tree provider reads only the legacy annotation: any value but "false" makes it internal.
    if (internal !== undefined && internal !== '' && internal !== 'false')
      return { internal: true, why: `internal (annotation ${INTERNAL}: "${internal}"): ${NO_ADDRESSES}` };
    const scheme = annotation(annotations, SCHEME);
    return scheme === undefined
      ? { internal: false }
      : {
          internal: false,
          why: `Kubernetes' in-tree AWS cloud provider ignores ${SCHEME}: "${scheme}", which only the AWS Load Balancer Controller reads`,
        };
  }
  // The controller: the scheme annotation wins, then the legacy one, else internal.
  const scheme = annotation(annotations, SCHEME);
  if (scheme === 'internal')
    return { internal: true, why: `internal (annotation ${SCHEME}: internal): ${NO_ADDRESSES}` };
  if (scheme === 'internet-facing') return { internal: false };
  if (scheme !== undefined)
    return {
      unknown: `annotation ${SCHEME} is "${scheme}", neither internal nor internet-facing: the load balancer controller refuses it`,
    };
  if (internal !== undefined) {
    const value = parseBool(internal);
    if (value === true)
      return { internal: true, why: `internal (annotation ${INTERNAL}: "${internal}"): ${NO_ADDRESSES}` };
    if (value === false) return { internal: false };
    return { unknown: `annotation ${INTERNAL} is "${internal}", not a boolean` };
  }
  return {
    internal: true,
    why: `internal, the AWS Load Balancer Controller's default without ${SCHEME}: ${NO_ADDRESSES}`,
  };
}

/**
 * AWS charges every public IPv4 address by the hour, load balancers' included (see aws/lb.ts and
 * aws/elb.ts): an internet-facing one has one in each subnet (Availability Zone) it uses. Which
 * subnets a Service's load balancer uses is the controller's choice, by subnet discovery, unless
 * `aws-load-balancer-subnets` lists them, else the usage file's `subnets` (one number for every
 * Service: `resource_type_default_usage`); without either the count is unknown, saying what would
 * tell it.
 * An NLB given Elastic IPs (`aws-load-balancer-eip-allocations`, one per subnet) uses them instead:
 * they are billed as Elastic IPs wherever they are allocated, and outlive the Service.
 */
function publicIpv4(
  annotations: Record<string, unknown>,
  kind: 'nlb' | 'clb',
  controller: Controller,
  usage: UsageValues,
): { component?: ComponentSpec; note?: string } {
  const scheme = schemeOf(annotations, controller);
  if ('unknown' in scheme) return { component: loadBalancerAddresses({ unknown: scheme.unknown }) };
  if (scheme.internal) return { note: scheme.why };
  const ignored = scheme.why ? `; ${scheme.why}` : '';
  const eips = kind === 'nlb' ? list(annotations, EIP_ALLOCATIONS) : undefined;
  if (eips) {
    return {
      note: `internet-facing on the ${eips.length} Elastic IP${eips.length === 1 ? '' : 's'} of ${EIP_ALLOCATIONS}, billed where ${eips.length === 1 ? 'it is' : 'they are'} allocated${ignored}`,
    };
  }
  const scales = kind === 'clb' ? 'a Classic Load Balancer may add more as it scales' : '';
  const subnets = list(annotations, SUBNETS);
  let count: number;
  let from: string;
  if (subnets) {
    count = subnets.length;
    from = SUBNETS;
  } else {
    const given = usage.number('subnets');
    if (given === undefined) {
      return {
        component: loadBalancerAddresses({
          unknown: `internet-facing: one per subnet the load balancer uses; set ${SUBNETS} (or subnets in the usage file) to count them${ignored}`,
        }),
      };
    }
    if (given.lt(1) || !given.mod(1).eq(0)) {
      return {
        component: loadBalancerAddresses({
          unknown: `usage subnets is ${given.toString()}, not a whole number of subnets${ignored}`,
        }),
      };
    }
    count = given.toNumber();
    from = 'usage subnets';
  }
  const component = loadBalancerAddresses(count, 'subnet', scales);
  return { component: { ...component, note: `${component.note ?? ''} (${from})${ignored}` } };
}
