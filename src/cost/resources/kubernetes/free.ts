/**
 * Kinds that cost nothing themselves: configuration, identity and policy objects, and objects whose
 * cost is billed through another one (a HorizontalPodAutoscaler through the workload it scales, a
 * StorageClass through its claims). Kinds neither priced nor listed here (Ingress, which an AWS
 * controller turns into a load balancer; custom resources) are reported as not priced.
 */
export const KUBERNETES_FREE_KINDS: readonly string[] = [
  'Namespace',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'NetworkPolicy',
  'LimitRange',
  'ResourceQuota',
  'PriorityClass',
  'StorageClass',
  'IngressClass',
  'RuntimeClass',
  'Endpoints',
  'EndpointSlice',
  'Lease',
  'PodTemplate',
  'CustomResourceDefinition',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CSIDriver',
].map((kind) => `k8s:${kind}`);
