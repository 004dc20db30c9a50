/**
 * `k8s.requests.missing`: a container without a CPU or memory request. The scheduler reserves nothing
 * for it, so what it uses is neither planned for nor priced; its workload's cost is partial.
 * Severity from `kubernetes.requests_missing` (warn by default; `pass` says nothing).
 */
import { dotted, podSpecPath } from '../kubernetes/kinds.ts';
import { podRequest, type MissingRequest } from '../kubernetes/pod.ts';
import type { Finding } from '../model/finding.ts';
import type { KubernetesSettings } from '../model/policy.ts';
import type { Resource } from '../model/resource.ts';
import { inScope, type ScopeOptions } from './scope.ts';

const ROLE: Record<MissingRequest['role'], string> = {
  app: 'container',
  init: 'init container',
  sidecar: 'sidecar container',
};

export function checkRequests(
  resources: readonly Resource[],
  settings: KubernetesSettings,
  scope: ScopeOptions,
): Finding[] {
  if (settings.requestsMissing === 'pass') return [];
  const findings: Finding[] = [];
  for (const resource of resources) {
    const meta = resource.kubernetes;
    const spec = meta && podSpecPath(meta.kind);
    if (!meta || !spec || !resource.after || !inScope(resource, scope)) continue;
    const { missing } = podRequest(resource.after, spec);
    const first = missing[0];
    if (!first) continue;
    const list = missing.map((m) => `${ROLE[m.role]} "${m.container}" (${m.resources.join(', ')})`);
    const file = resource.source?.file ?? resource.origin.path;
    const line = meta.lines[dotted(first.path)];
    findings.push({
      rule: 'k8s.requests.missing',
      severity: settings.requestsMissing,
      address: resource.address,
      origin: resource.origin.path,
      source: line === undefined ? { file } : { file, line },
      message: `no request for ${list.join(', ')}: what ${missing.length === 1 ? 'it uses' : 'they use'} is not reserved, and not in the cost`,
      fix: 'Set resources.requests.cpu and resources.requests.memory on every container (a limit alone sets the request too).',
    });
  }
  return findings;
}
