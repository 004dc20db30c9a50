/**
 * Long-running workloads: pods × their effective request × the rate, every hour of the month.
 * Deployments, StatefulSets, ReplicaSets and ReplicationControllers run `spec.replicas` pods (or the
 * range of the autoscaler that targets them), DaemonSets one per node (`kubernetes.daemonset_nodes`),
 * a bare Pod one. A StatefulSet also pays for its volume claim templates, one volume per replica. A
 * bare Pod that runs to completion (`restartPolicy: Never` or `OnFailure`) is priced like a Job.
 */
import { at, podSpecPath } from '../../../kubernetes/kinds.ts';
import { podRequest } from '../../../kubernetes/pod.ts';
import { EBS_USAGE } from '../aws/shared/ebs.ts';
import { monthHours, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer } from '../types.ts';
import { notBuiltIn } from './built-in.ts';
import { runToCompletion } from './job.ts';
import { replicasOf } from './replicas.ts';
import { requestComponents, type PodHours } from './requests.ts';
import { claimTemplateComponents } from './volume.ts';

export const workload: Pricer = {
  types: [
    'k8s:Deployment',
    'k8s:StatefulSet',
    'k8s:DaemonSet',
    'k8s:ReplicaSet',
    'k8s:ReplicationController',
    'k8s:Pod',
  ],
  summary:
    'pods (replicas, an autoscaler’s range, daemonset_nodes) × effective CPU and memory request × rate; a StatefulSet’s claim volumes',
  // A StatefulSet's claims on magnetic volumes bill I/O requests.
  usage: EBS_USAGE,
  components(input) {
    const { resource, side } = input;
    const meta = resource.kubernetes;
    const object = side === 'after' ? resource.after : resource.before;
    const specPath = meta && podSpecPath(meta.kind);
    if (!meta || !object || !specPath) return [];
    const other = notBuiltIn(resource);
    if (other) return other;
    const restart = at(object, [...specPath, 'restartPolicy']);
    if (meta.kind === 'Pod' && (restart === 'Never' || restart === 'OnFailure'))
      return runToCompletion(input, object, specPath);
    const replicas = replicasOf(input, object);
    const hours: PodHours =
      replicas.kind === 'known'
        ? {
            quantity: monthHours(replicas.min),
            ...(replicas.max ? { max: monthHours(replicas.max) } : {}),
            note: replicas.note,
            hourly: true,
          }
        : { quantity: unknownQuantity(replicas.reason), note: 'pods unknown', hourly: true };
    const specs: ComponentSpec[] = requestComponents(podRequest(object, specPath), hours, input.kubernetes);
    if (meta.kind === 'StatefulSet') specs.push(...claimTemplateComponents(input, object, replicas));
    return specs;
  },
};
