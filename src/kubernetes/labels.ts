/** Label sets of Kubernetes objects, read as strings. */
import { at, isRecord, podTemplatePath } from './kinds.ts';

/** Labels as strings; YAML scalars that are not (`version: 1.0`) are read as written. */
export function labelsOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    labels[k] =
      typeof v === 'string'
        ? v
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : v === null || v === undefined
            ? ''
            : JSON.stringify(v);
  }
  return labels;
}

/**
 * The value of label `key` that owns an object's cost: the object's own label, else its pod template's
 * (the pods are what the cost is for). Empty values count as none.
 */
export function owningLabel(object: unknown, kind: string, key: string): string | undefined {
  const own = labelsOf(at(object, ['metadata', 'labels']))[key];
  if (own !== undefined && own.trim() !== '') return own;
  const template = podTemplatePath(kind);
  const pod = template ? labelsOf(at(object, [...template, 'metadata', 'labels']))[key] : undefined;
  return pod !== undefined && pod.trim() !== '' ? pod : undefined;
}
