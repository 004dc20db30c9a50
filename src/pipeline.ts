import type { VariableArgument } from './inputs/hcl/variables.ts';
import { readTerraformDelta, readTerraformDirectories } from './inputs/terraform-hcl.ts';
import { readTerraformPlan } from './inputs/terraform-plan.ts';
import { readPolicySources } from './io/policy-files.ts';
import { toolVersion } from './io/package-root.ts';
import type { Finding } from './model/finding.ts';
import type { Policy } from './model/policy.ts';
import type { InputSummary, Report, ResourceReport } from './model/report.ts';
import { ACTIONS, type Action, type Resource } from './model/resource.ts';
import { loadPolicy } from './policy/load.ts';
import type { ScopeOptions } from './policy/scope.ts';
import { applySuppressions } from './policy/suppressions.ts';
import { checkTags } from './policy/tags.ts';
import { sortFindings, verdictOf } from './verdict.ts';

export interface CheckRequest {
  /** Plan files; `-` is standard input. */
  plans: string[];
  /** Policy file or directory; undefined for `policies/` of `cwd`, else the bundled default. */
  policyPath?: string;
  cwd: string;
  includeUnchanged: boolean;
  /** Terraform configuration directories read without a plan. */
  tfDirs?: string[];
  /** --var and --var-file for those directories, in command-line order. */
  tfVariables?: VariableArgument[];
  /** Compare the directories with this git ref (created, changed, deleted resources). */
  baseRef?: string;
  /** The environment, for TF_VAR_* variables. */
  env?: Record<string, string | undefined>;
}

/** Everything the stages need, read from disk: the I/O half of a run. */
export interface LoadedInputs {
  policy: Policy;
  inputs: InputSummary[];
  resources: Resource[];
  /** What the inputs themselves report (HCL: variables without values, unknown counts, ...). */
  findings?: Finding[];
}

/** Reads the policy and inputs, then evaluates them: the whole of `tollgate check`. */
export function runCheck(request: CheckRequest): Report {
  return evaluate(loadInputs(request), {
    includeUnchanged: request.includeUnchanged,
    version: toolVersion(),
  });
}

export function loadInputs(request: CheckRequest): LoadedInputs {
  const policy = loadPolicy(readPolicySources(request.policyPath, request.cwd));
  const inputs: InputSummary[] = [];
  const resources: Resource[] = [];
  for (const path of request.plans) {
    const plan = readTerraformPlan(path);
    inputs.push(plan.meta);
    for (const r of plan.resources) resources.push(r);
  }
  const findings: Finding[] = [];
  if (request.tfDirs && request.tfDirs.length > 0) {
    const options = { cwd: request.cwd, variables: request.tfVariables ?? [], env: request.env ?? {} };
    const hcl = request.baseRef
      ? readTerraformDelta(request.tfDirs, options, request.baseRef)
      : readTerraformDirectories(request.tfDirs, options);
    for (const input of hcl) {
      inputs.push(input.meta);
      for (const r of input.resources) resources.push(r);
      findings.push(...input.findings);
    }
  }
  return { policy, inputs, resources, findings };
}

/** The pure half of a run: policy and resources in, the report out. */
export function evaluate(loaded: LoadedInputs, options: ScopeOptions & { version: string }): Report {
  const { policy, inputs, resources } = loaded;
  const scope: ScopeOptions = { includeUnchanged: options.includeUnchanged };
  const tagCheck = checkTags(resources, policy.tags, scope);
  // Inline suppressions apply to every finding, so they run after all checks.
  const findings: Finding[] = sortFindings(
    applySuppressions([...(loaded.findings ?? []), ...tagCheck.findings], resources),
  );
  const actions = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
  for (const r of resources) actions[r.action]++;
  const count = (severity: Finding['severity']): number =>
    findings.filter((f) => f.severity === severity && !f.exemption).length;
  return {
    schema_version: 1,
    tool: { name: 'tollgate', version: options.version },
    verdict: verdictOf(findings),
    summary: {
      resources: resources.length,
      checked: tagCheck.checked.size,
      actions,
      findings: {
        total: findings.length,
        block: count('block'),
        warn: count('warn'),
        info: count('info'),
        exempted: findings.filter((f) => f.exemption).length,
      },
      inputs,
      policy: { files: policy.files },
    },
    resources: resources.map((r) => resourceReport(r, tagCheck.checked.has(r))),
    findings,
  };
}

function resourceReport(r: Resource, checked: boolean): ResourceReport {
  let tags: Record<string, string> | null = null;
  if (r.tags) {
    const { known, sensitive } = r.tags;
    tags = sensitive.length === 0 ? known : {};
    if (sensitive.length > 0) {
      for (const [k, v] of Object.entries(known)) tags[k] = sensitive.includes(k) ? '(sensitive)' : v;
    }
  }
  return {
    address: r.address,
    type: r.type,
    name: r.name,
    module: r.module ?? null,
    provider: r.provider,
    region: r.region ?? null,
    action: r.action,
    origin: r.origin.path,
    checked,
    taggable: r.tags !== undefined,
    tags,
    tags_unknown: r.tags ? [...r.tags.unknown] : [],
    source: r.source ?? null,
  };
}
