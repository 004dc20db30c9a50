/** What a Kubernetes object carries besides the object itself (which is the resource's `after`). */
export interface KubernetesMeta {
  apiVersion: string;
  /** The API group (`apps`, `batch`), `` for the core group. */
  group: string;
  kind: string;
  /** The effective namespace (given, `--namespace`, or `default`); absent for cluster-scoped kinds. */
  namespace?: string;
  /**
   * Source lines of places in the object that findings point at, by dotted path: `` (the object),
   * `spec.template.metadata`, `spec.template.spec.containers[0]`, `spec.volumeClaimTemplates[0].metadata`.
   */
  lines: Record<string, number>;
}

/** Where labels are required (`kubernetes.label_targets`). */
export type LabelTarget = 'object' | 'pod' | 'pvc';
