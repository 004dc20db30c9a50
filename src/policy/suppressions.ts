/**
 * Inline suppressions: a `# tollgate:ignore RULE REASON` comment on or above a resource block exempts
 * that resource's findings for RULE (a glob: `tags.*`). Exempted findings stay in the report, marked,
 * and do not count toward the verdict. A suppression without a reason exempts nothing and is itself a
 * finding: an exemption nobody explained is one nobody can review.
 */
import type { Finding } from '../model/finding.ts';
import type { Resource } from '../model/resource.ts';
import { matchesGlobs } from '../util/glob.ts';

export function applySuppressions(findings: readonly Finding[], resources: readonly Resource[]): Finding[] {
  const byResource = new Map<string, Resource>();
  const out: Finding[] = [...findings];
  for (const r of resources) {
    if (!r.suppressions || r.suppressions.length === 0) continue;
    byResource.set(`${r.origin.path}\0${r.address}`, r);
    for (const s of r.suppressions) {
      if (s.reason !== undefined && s.rule !== '') continue;
      out.push({
        rule: 'suppression.invalid',
        severity: 'warn',
        address: r.address,
        origin: r.origin.path,
        source: { file: r.source?.file ?? r.origin.path, line: s.line },
        message:
          s.rule === ''
            ? 'tollgate:ignore names no rule, so it exempts nothing'
            : `tollgate:ignore ${s.rule} gives no reason, so it exempts nothing`,
        fix: `Write the reason after the rule: "# tollgate:ignore ${s.rule || 'RULE'} REASON".`,
      });
    }
  }
  if (byResource.size === 0) return out;
  return out.map((f) => {
    const resource = byResource.get(`${f.origin ?? ''}\0${f.address}`);
    if (!resource || f.exemption || f.rule === 'suppression.invalid') return f;
    const s = resource.suppressions?.find(
      (x) => x.reason !== undefined && x.rule !== '' && matchesGlobs([x.rule], f.rule),
    );
    if (!s) return f;
    return {
      ...f,
      exemption: {
        reason: s.reason as string,
        source: 'inline',
        at: { file: resource.source?.file ?? resource.origin.path, line: s.line },
      },
    };
  });
}
