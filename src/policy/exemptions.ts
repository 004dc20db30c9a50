/**
 * `exemptions:`: findings a team has accepted, by rule and resource, each with a reason, an owner and
 * an expiry date. Exempted findings stay in the report, marked, and do not count toward the verdict.
 * An exemption past its date exempts nothing and is itself a blocking finding, `exemption.expired`:
 * an exception nobody renews should come back to the people who granted it, not linger.
 * Today's date is given (--now, TOLLGATE_NOW, else the clock, read at the edge), never read here.
 */
import { PolicyError } from '../errors.ts';
import type { Finding } from '../model/finding.ts';
import type { PolicyExemption } from '../model/policy.ts';
import type { ExpiringExemption } from '../model/report.ts';
import { daysBetween, isIsoDate } from '../util/date.ts';
import { matchesAddress, matchesGlobs } from '../util/glob.ts';
import type { ParsedYamlFile } from './validate.ts';

/** Exemptions expiring within this many days are flagged in the summary. */
export const EXPIRING_WITHIN_DAYS = 14;

/** Findings about the policy itself (not a resource) carry this address. */
export const POLICY_ADDRESS = 'policy';

export function compileExemptions(f: ParsedYamlFile): PolicyExemption[] {
  const raw = (f.data.exemptions as Record<string, unknown>[] | undefined) ?? [];
  return raw.map((entry, i) => {
    const path = ['exemptions', i];
    const expires = entry.expires as string;
    if (!isIsoDate(expires))
      throw new PolicyError(
        f.file,
        `exemptions[${i}].expires "${expires}" is not a date (expected YYYY-MM-DD)`,
        f.lineOf([...path, 'expires']),
      );
    return {
      rules: entry.rules as string[],
      resources: entry.resources as string[],
      reason: entry.reason as string,
      owner: entry.owner as string,
      expires,
      at: { file: f.file, line: f.lineOf(path) },
    };
  });
}

export interface ExemptionResult {
  /** Every finding, exempted ones marked, plus one `exemption.expired` per expired exemption. */
  findings: Finding[];
  /** Exemptions in force that exempted at least one finding. */
  matched: Set<PolicyExemption>;
  expiring: ExpiringExemption[];
}

/** Applies the policy's exemptions on `today` (`YYYY-MM-DD`). Findings already exempted stay as they are. */
export function applyExemptions(
  findings: readonly Finding[],
  exemptions: readonly PolicyExemption[],
  today: string,
): ExemptionResult {
  const matched = new Set<PolicyExemption>();
  const expiring: ExpiringExemption[] = [];
  const expired: Finding[] = [];
  const active: PolicyExemption[] = [];
  for (const e of exemptions) {
    const daysLeft = daysBetween(today, e.expires);
    if (daysLeft < 0) {
      expired.push(expiredFinding(e));
      continue;
    }
    active.push(e);
    if (daysLeft <= EXPIRING_WITHIN_DAYS)
      expiring.push({
        rules: e.rules,
        resources: e.resources,
        reason: e.reason,
        owner: e.owner,
        expires: e.expires,
        days_left: daysLeft,
        at: e.at,
      });
  }
  const out = findings.map((f) => {
    if (f.exemption || f.rule === 'exemption.expired') return f;
    const e = active.find((x) => matchesGlobs(x.rules, f.rule) && addressMatches(x.resources, f.address));
    if (!e) return f;
    matched.add(e);
    return {
      ...f,
      exemption: {
        reason: e.reason,
        owner: e.owner,
        expires: e.expires,
        source: 'policy' as const,
        at: e.at,
      },
    };
  });
  return { findings: [...out, ...expired], matched, expiring };
}

/** Address globs, `!` negating, as rule globs are. */
function addressMatches(patterns: readonly string[], address: string): boolean {
  const positives = patterns.filter((p) => !p.startsWith('!'));
  if (patterns.some((p) => p.startsWith('!') && matchesAddress(p.slice(1), address))) return false;
  return positives.some((p) => matchesAddress(p, address));
}

/** `tags.required on module.legacy.*`: how messages name an exemption. */
export function exemptionLabel(e: { rules: readonly string[]; resources: readonly string[] }): string {
  return `${e.rules.join(', ')} on ${e.resources.join(', ')}`;
}

function expiredFinding(e: PolicyExemption): Finding {
  const f: Finding = {
    rule: 'exemption.expired',
    severity: 'block',
    address: POLICY_ADDRESS,
    message: `the exemption of ${exemptionLabel(e)} expired on ${e.expires} (${e.reason}; owner ${e.owner}), so it exempts nothing`,
    fix: `Fix what it exempted, or have ${e.owner} renew it with a new expires date.`,
    source: e.at.line === undefined ? { file: e.at.file } : { file: e.at.file, line: e.at.line },
  };
  return f;
}
