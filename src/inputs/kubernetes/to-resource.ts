/**
 * A Kubernetes object as the one Resource every stage works on: type `k8s:<Kind>`, address
 * `<apiVersion>/<Kind>/<namespace>/<name>`, the object itself as `after`, its `metadata.labels` as its
 * tags, and the lines findings point at.
 */
import { InputError } from '../../errors.ts';
import {
  at,
  dotted,
  groupOf,
  isClusterScoped,
  isRecord,
  objectAddress,
  podSpecPath,
  podTemplatePath,
  resourceType,
} from '../../kubernetes/kinds.ts';
import { labelsOf } from '../../kubernetes/labels.ts';
import type { KubernetesMeta } from '../../model/kubernetes.ts';
import type { Resource } from '../../model/resource.ts';
import type { ParsedObject, Path } from './parse.ts';
import { validateObject } from './validate.ts';

export interface ObjectContext {
  file: string;
  /** The `--k8s` path the file was found under. */
  origin: string;
  /** For objects that name none: `--namespace`, else `default`. */
  namespace: string;
  /** `kubernetes.pricing.region` of the policy. */
  region?: string;
  /** A file found in a directory: an object without a name is a tool's configuration, skipped. */
  walked: boolean;
}

/** The resource, or undefined for an object no cluster would hold (a Kustomization without a name). */
export function toResource(parsed: ParsedObject, ctx: ObjectContext): Resource | undefined {
  const { object, line, locate } = parsed;
  const apiVersion = object.apiVersion as string;
  const kind = object.kind as string;
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name =
    typeof metadata.name === 'string' && metadata.name !== ''
      ? metadata.name
      : typeof metadata.generateName === 'string' && metadata.generateName !== ''
        ? `${metadata.generateName}*`
        : undefined;
  if (name === undefined) {
    if (ctx.walked) return undefined;
    throw new InputError(ctx.file, `${kind} has no metadata.name`, line);
  }
  validateObject(object, ctx.file, locate);
  let namespace: string | undefined;
  if (!isClusterScoped(kind)) {
    namespace =
      typeof metadata.namespace === 'string' && metadata.namespace !== ''
        ? metadata.namespace
        : ctx.namespace;
    // As the API server stores it, so rules over the object see the namespace it will live in.
    object.metadata = { ...metadata, namespace };
  }
  const meta: KubernetesMeta = {
    apiVersion,
    group: groupOf(apiVersion),
    kind,
    lines: { '': line, ...innerLines(object, kind, locate) },
  };
  if (namespace !== undefined) meta.namespace = namespace;
  const resource: Resource = {
    address: objectAddress(apiVersion, kind, name, namespace),
    type: resourceType(kind),
    name,
    provider: 'kubernetes',
    action: 'create',
    before: null,
    after: object,
    afterUnknown: {},
    beforeSensitive: {},
    afterSensitive: {},
    tags: {
      known: labelsOf(metadata.labels),
      unknown: [],
      allUnknown: false,
      sensitive: [],
      carrier: 'labels',
    },
    source: { file: ctx.file, line },
    origin: { kind: 'kubernetes', path: ctx.origin },
    kubernetes: meta,
  };
  if (ctx.region !== undefined) resource.region = ctx.region;
  return resource;
}

/** Lines of the pod template's metadata, each container, and each volume claim template's metadata. */
function innerLines(object: Record<string, unknown>, kind: string, locate: ParsedObject['locate']) {
  const lines: Record<string, number> = {};
  // A template without metadata points at the template itself: the key line nearest the path.
  const keyLine = (path: Path) => (lines[dotted(path)] = locate.keyLine(path));
  const template = podTemplatePath(kind);
  if (template && at(object, template) !== undefined) keyLine([...template, 'metadata']);
  const spec = podSpecPath(kind);
  if (spec) {
    for (const field of ['initContainers', 'containers']) {
      const list = at(object, [...spec, field]);
      if (Array.isArray(list))
        list.forEach((_, i) => (lines[dotted([...spec, field, i])] = locate.line([...spec, field, i])));
    }
  }
  if (kind === 'StatefulSet') {
    const claims = at(object, ['spec', 'volumeClaimTemplates']);
    if (Array.isArray(claims))
      claims.forEach((_, i) => keyLine(['spec', 'volumeClaimTemplates', i, 'metadata']));
  }
  return lines;
}
