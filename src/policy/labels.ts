/**
 * The taxonomy applied to Kubernetes labels. `tags.required` keys are looked up through
 * `kubernetes.labels` (taxonomy key → label key) in each label set `kubernetes.label_targets` names:
 * the object's `metadata.labels`, a workload's pod template (`spec.template`, a CronJob's
 * `spec.jobTemplate.spec.template`) and a StatefulSet's volume claim templates. Labels are not
 * inherited: a pod template without the label is missing it even when the Deployment has it, since
 * the pods (which carry the cost at runtime) will not have it.
 */
import { at, dotted, podTemplatePath } from '../kubernetes/kinds.ts';
import { labelsOf } from '../kubernetes/labels.ts';
import type { KubernetesSettings } from '../model/policy.ts';
import type { EffectiveTags } from '../model/resource.ts';
import type { TagSet, TagSetsOf } from './tags.ts';

/** The tag sets of every resource: label sets for Kubernetes objects, tags for the rest. */
export function tagSetsWithLabels(settings: KubernetesSettings): TagSetsOf {
  const keyFor = (key: string): string =>
    Object.hasOwn(settings.labels, key) ? (settings.labels[key] as string) : key;
  const targets = new Set(settings.labelTargets);
  return (resource) => {
    const meta = resource.kubernetes;
    if (!meta) return resource.tags ? [{ tags: resource.tags }] : [];
    const object = resource.after;
    const sets: TagSet[] = [];
    const file = resource.source?.file ?? resource.origin.path;
    const set = (path: (string | number)[], template: boolean, lineKey: string): TagSet => {
      const line = meta.lines[lineKey];
      return {
        tags: labelTags(labelsOf(at(object, [...path, 'labels']))),
        labels: { keyFor, path: dotted([...path, 'labels']), template },
        source: line === undefined ? { file } : { file, line },
      };
    };
    // A bare Pod is its own pod: its labels are checked once, for either target.
    const podIsObject = meta.kind === 'Pod';
    if (resource.tags && (targets.has('object') || (podIsObject && targets.has('pod')))) {
      sets.push({
        tags: resource.tags,
        labels: { keyFor, path: 'metadata.labels', template: false },
      });
    }
    const template = podTemplatePath(meta.kind);
    if (targets.has('pod') && template && at(object, template) !== undefined) {
      const metadata = [...template, 'metadata'];
      sets.push(set(metadata, true, dotted(metadata)));
    }
    const claims = meta.kind === 'StatefulSet' ? at(object, ['spec', 'volumeClaimTemplates']) : undefined;
    if (targets.has('pvc') && Array.isArray(claims)) {
      claims.forEach((_, i) => {
        const metadata = ['spec', 'volumeClaimTemplates', i, 'metadata'];
        sets.push(set(metadata, false, dotted(metadata)));
      });
    }
    return sets;
  };
}

function labelTags(known: Record<string, string>): EffectiveTags {
  return { known, unknown: [], allUnknown: false, sensitive: [], carrier: 'labels' };
}
