/**
 * A Service of type LoadBalancer is an AWS load balancer for as long as it exists. Which kind: a
 * Network Load Balancer when the Service asks for one (annotation
 * `service.beta.kubernetes.io/aws-load-balancer-type: nlb`, `nlb-ip` or `external` — the AWS Load
 * Balancer Controller —, an `aws-load-balancer-nlb-target-type` annotation, or `loadBalancerClass:
 * service.k8s.aws/nlb`), else what `kubernetes.load_balancer` says (default `clb`: Kubernetes' in-tree
 * AWS cloud provider creates a Classic Load Balancer). Hours, plus capacity units or data processed
 * from the usage file, as for aws_lb and aws_elb. Other Services cost nothing.
 */
import { at, isRecord } from '../../../kubernetes/kinds.ts';
import { fromUsage, monthHours } from '../quantity.ts';
import type { ComponentSpec, Pricer } from '../types.ts';
import { notBuiltIn } from './built-in.ts';

const TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
const NLB_TARGET_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type';

export const service: Pricer = {
  types: ['k8s:Service'],
  summary: 'type LoadBalancer: NLB or CLB hours, capacity units or GB processed',
  usage: {
    monthly_capacity_units_hours: 'NLB capacity units (NLCU-hours) a month',
    monthly_data_processed_gb: 'GB a Classic Load Balancer processes a month',
  },
  components(input) {
    const object = input.side === 'after' ? input.resource.after : input.resource.before;
    if (!object || at(object, ['spec', 'type']) !== 'LoadBalancer') return [];
    const other = notBuiltIn(input.resource);
    if (other) return other;
    const annotations = at(object, ['metadata', 'annotations']);
    const type = isRecord(annotations) ? annotations[TYPE] : undefined;
    let kind: 'nlb' | 'clb' = input.kubernetes.loadBalancer;
    let why = `kubernetes.load_balancer: ${kind} (no AWS load balancer annotation)`;
    if (type === 'nlb' || type === 'nlb-ip' || type === 'external') {
      kind = 'nlb';
      why = `annotation ${TYPE}: ${type}`;
    } else if (isRecord(annotations) && annotations[NLB_TARGET_TYPE] !== undefined) {
      kind = 'nlb';
      why = `annotation ${NLB_TARGET_TYPE}`;
    } else if (at(object, ['spec', 'loadBalancerClass']) === 'service.k8s.aws/nlb') {
      kind = 'nlb';
      why = 'loadBalancerClass service.k8s.aws/nlb';
    }
    const hours: ComponentSpec = {
      name: kind === 'nlb' ? 'Network load balancer' : 'Classic load balancer',
      unit: 'hours',
      quantity: monthHours(),
      skus: [{ sku: `elb/${kind}/hour` }],
      hourly: true,
      note: why,
    };
    if (kind === 'nlb') {
      return [
        hours,
        {
          name: 'Load balancer capacity units (NLCU)',
          unit: 'NLCU-hours',
          quantity: fromUsage(input.usage, 'monthly_capacity_units_hours'),
          skus: [{ sku: 'elb/nlb/lcu' }],
        },
      ];
    }
    return [
      hours,
      {
        name: 'Data processed',
        unit: 'GB',
        quantity: fromUsage(input.usage, 'monthly_data_processed_gb'),
        skus: [{ sku: 'elb/clb/gb' }],
      },
    ];
  },
};
