/**
 * What tollgate knows about Kubernetes kinds without a cluster to ask: which are cluster-scoped, where
 * each workload keeps its pod template, and how objects are named in reports.
 */

/**
 * Built-in kinds that live outside namespaces (`kubectl api-resources --namespaced=false`). A kind not
 * listed (most custom resources) is taken as namespaced, as most are.
 */
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'DeviceClass',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'SelfSubjectAccessReview',
  'SelfSubjectReview',
  'SelfSubjectRulesReview',
  'StorageClass',
  'StorageVersionMigration',
  'SubjectAccessReview',
  'TokenReview',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'VolumeAttributesClass',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The API group of an apiVersion: `apps/v1` → `apps`, the core `v1` → `` (empty). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * `apps/v1/Deployment/<namespace>/<name>`, `v1/Service/<namespace>/<name>`, and for cluster-scoped
 * kinds `v1/Namespace/<name>`.
 */
export function objectAddress(apiVersion: string, kind: string, name: string, namespace?: string): string {
  return namespace === undefined
    ? `${apiVersion}/${kind}/${name}`
    : `${apiVersion}/${kind}/${namespace}/${name}`;
}

/** The resource type of a kind, as policies' `applies_to` globs see it: `k8s:Deployment`. */
export function resourceType(kind: string): string {
  return `k8s:${kind}`;
}

/** Where a workload's pod template is: `spec.template`, or a CronJob's `spec.jobTemplate.spec.template`. */
export function podTemplatePath(kind: string): string[] | undefined {
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      return ['spec', 'template'];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template'];
    case 'PodTemplate':
      return ['template'];
    default:
      return undefined;
  }
}

/** The pod spec of a workload or Pod: `spec.template.spec`, a Pod's own `spec`. */
export function podSpecPath(kind: string): string[] | undefined {
  if (kind === 'Pod') return ['spec'];
  const template = podTemplatePath(kind);
  return template && kind !== 'PodTemplate' ? [...template, 'spec'] : undefined;
}

/** `spec.template.metadata.labels`, as users read paths in their YAML. */
export function dotted(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
}

/** The value at `path` in a JSON-like object, undefined when any step is missing. */
export function at(value: unknown, path: readonly (string | number)[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return node;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
