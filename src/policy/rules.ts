/**
 * `rules:`: the policy author's own checks, a json-logic condition per resource (true is a
 * violation). A rule that names an operator tollgate lacks, or throws, is a policy error (exit 2)
 * naming the rule — at load, where a dry run on a sample resource finds most, and at evaluation.
 */
import { PolicyError } from '../errors.ts';
import type { ResourceCost } from '../model/cost.ts';
import type { Finding } from '../model/finding.ts';
import type { Rule } from '../model/policy.ts';
import type { Resource } from '../model/resource.ts';
import { matchesGlobs } from '../util/glob.ts';
import { compileLogic, evaluateLogic } from './json-logic.ts';
import { entrySettings, resourceFinding } from './entries.ts';
import { COST_OFF, ruleData, type RuleDataOptions } from './rule-data.ts';
import { inScope, type ScopeOptions } from './scope.ts';
import { displayPath, type ParsedYamlFile } from './validate.ts';

/** A resource a rule's dry run is evaluated on at load: every field present, nothing set. */
const SAMPLE: Record<string, unknown> = {
  address: 'aws_instance.sample',
  type: 'aws_instance',
  action: 'create',
  region: 'us-east-1',
  before: null,
  after: {},
  tags: {},
  cost: { monthly_before: 0, monthly_after: 0, monthly_delta: 0, status: 'free' },
};

/** The `rules:` entries of one file, compiled; operators are checked and each rule dry-run. */
export function compileRules(f: ParsedYamlFile): Rule[] {
  const raw = (f.data.rules as Record<string, unknown>[] | undefined) ?? [];
  return raw.map((entry, i) => {
    const path = ['rules', i];
    const id = entry.id as string;
    const when = entry.when as Record<string, unknown>;
    const whereWhen = f.lineOf([...path, 'when']);
    if (Object.keys(when).length !== 1) {
      throw new PolicyError(
        f.file,
        `rules[${i}] (${id}): when must be one json-logic operation, a mapping with a single key such as {"==": [...]} (got ${Object.keys(when).length} keys)`,
        whereWhen,
      );
    }
    const compiled = compileLogic(when);
    if ('error' in compiled) {
      const { operator, suggestion } = compiled.error;
      throw new PolicyError(
        f.file,
        `rules[${i}] (${id}): ${displayPath(['when', ...compiled.error.path.slice(0, -1)]) || 'when'} uses the unknown operator "${operator}" (${suggestion ? `did you mean "${suggestion}"?` : 'json-logic reads every mapping with one key as an operation'})`,
        f.lineOf([...path, 'when', ...compiled.error.path]) ?? whereWhen,
      );
    }
    const rule: Rule = {
      id,
      when: compiled.logic as Record<string, unknown>,
      message: entry.message as string,
      ...entrySettings(f, entry, path),
    };
    if (Array.isArray(entry.applies_to)) rule.appliesTo = entry.applies_to as string[];
    if (typeof entry.fix === 'string') rule.fix = entry.fix;
    try {
      evaluateLogic(rule.when, SAMPLE);
    } catch (err) {
      throw new PolicyError(
        f.file,
        `rule "${id}" fails on a sample resource: ${(err as Error).message}`,
        whereWhen,
      );
    }
    return rule;
  });
}

export interface RuleCheck {
  findings: Finding[];
  /** Rules whose applies_to matched some resource of the inputs. */
  matched: Set<Rule>;
}

/** Evaluates every rule on every in-scope resource it applies to. */
export function checkRules(
  resources: readonly Resource[],
  rules: readonly Rule[],
  /** Each resource's cost, in the resources' order; empty when cost estimation is off. */
  costs: readonly ResourceCost[],
  options: ScopeOptions & RuleDataOptions,
): RuleCheck {
  const findings: Finding[] = [];
  const matched = new Set<Rule>();
  // Each resource's rule data, by its index: built once, shared by every rule.
  const data: (Record<string, unknown> | undefined)[] = [];
  for (const rule of rules) {
    // Resources on which the rule read a cost with --no-cost: it is not evaluated on them.
    let costOff = 0;
    for (let i = 0; i < resources.length; i++) {
      const resource = resources[i] as Resource;
      if (rule.appliesTo && !matchesGlobs(rule.appliesTo, resource.type)) continue;
      matched.add(rule);
      if (!inScope(resource, options)) continue;
      let input = data[i];
      if (!input) {
        input = ruleData(resource, costs[i], options);
        data[i] = input;
      }
      let result;
      try {
        result = evaluateLogic(rule.when, input);
      } catch (err) {
        throw new PolicyError(
          rule.at.file,
          `rule "${rule.id}" failed on ${resource.address}: ${(err as Error).message}`,
          rule.at.line,
        );
      }
      if (result.read.includes(COST_OFF)) {
        costOff++;
        continue;
      }
      if (result.unknowns.length > 0) {
        if (rule.onUnknown === 'pass') continue;
        const why = `cannot be decided: ${result.unknowns.join('; ')} (${rule.message})`;
        findings.push(
          resourceFinding(resource, `rule.${rule.id}`, rule.onUnknown, why, { indeterminate: true }),
        );
      } else if (result.truthy) {
        findings.push(
          resourceFinding(resource, `rule.${rule.id}`, rule.severity, rule.message, { fix: rule.fix }),
        );
      }
    }
    if (costOff > 0) findings.push(costOffNote(rule, costOff));
  }
  return { findings, matched };
}

/**
 * One note per rule that reads `cost.*` with --no-cost, as budgets have: the rule is not evaluated on
 * those resources. At `rule.ID` in the policy file, as budget findings are at `budget.NAME`.
 */
function costOffNote(rule: Rule, resources: number): Finding {
  const f: Finding = {
    rule: `rule.${rule.id}`,
    severity: 'info',
    address: `rule.${rule.id}`,
    message: `not evaluated: cost estimation is turned off (--no-cost), and the rule reads the cost of ${resources === 1 ? '1 resource' : `${resources} resources`} (${rule.message})`,
  };
  f.source = rule.at.line === undefined ? { file: rule.at.file } : { file: rule.at.file, line: rule.at.line };
  return f;
}
