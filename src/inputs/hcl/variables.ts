/**
 * Values of root module variables, in Terraform's order of precedence (later wins): TF_VAR_ environment
 * variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in name order, then every
 * --var-file and --var in the order given on the command line.
 */
import { InputError, UsageError } from '../../errors.ts';
import { evaluateRaw } from './body.ts';
import type { ModuleConfig } from './config.ts';
import { evaluate } from './evaluate.ts';
import { HclSyntaxError, parseExpression } from './parser.ts';
import { convert, takesExpression } from './types.ts';
import { EvalError, type Value } from './value.ts';

/** A --var or --var-file argument, kept in command-line order. */
export type VariableArgument = { kind: 'var'; text: string } | { kind: 'var-file'; path: string };

/** A variable file already read: its name and either hcl2json's JSON (.tfvars) or parsed JSON (.tfvars.json). */
export interface VariableFile {
  name: string;
  json: Record<string, unknown>;
  /** .tfvars.json values are literal; .tfvars strings are templates. */
  literal: boolean;
}

export interface VariableSources {
  env: Record<string, string | undefined>;
  /** terraform.tfvars(.json) and *.auto.tfvars(.json), already in precedence order. */
  automatic: VariableFile[];
  /** --var and --var-file, in command-line order, files already read. */
  explicit: ({ kind: 'var'; text: string } | { kind: 'var-file'; file: VariableFile })[];
}

const NO_SCOPE = { root: () => undefined };

/** The value given for each root variable, converted to its declared type. */
export function rootVariableValues(config: ModuleConfig, sources: VariableSources): Map<string, Value> {
  const values = new Map<string, Value>();
  const fromString = (name: string, text: string, where: string): Value => {
    const decl = config.variables.get(name);
    if (!decl || !takesExpression(decl.type)) return text;
    try {
      return evaluate(parseExpression(text), NO_SCOPE);
    } catch (err) {
      if (err instanceof HclSyntaxError || err instanceof EvalError) {
        throw new UsageError(
          `${where}: the value of ${name} is not a valid expression for its type (${err.message})`,
        );
      }
      throw err;
    }
  };
  const fromFile = (file: VariableFile): void => {
    for (const [name, raw] of Object.entries(file.json)) {
      if (!config.variables.has(name)) continue; // Terraform only warns about these.
      const value = file.literal
        ? (raw as Value)
        : evaluateRaw(raw, NO_SCOPE, (message) => {
            throw new InputError(
              file.name,
              `${name}: variable files may hold only constant values (${message})`,
            );
          });
      values.set(name, value);
    }
  };

  for (const [key, text] of Object.entries(sources.env)) {
    if (!key.startsWith('TF_VAR_') || text === undefined) continue;
    const name = key.slice('TF_VAR_'.length);
    if (config.variables.has(name)) values.set(name, fromString(name, text, `environment variable ${key}`));
  }
  for (const file of sources.automatic) fromFile(file);
  for (const arg of sources.explicit) {
    if (arg.kind === 'var-file') fromFile(arg.file);
    else {
      const [name, text] = splitVar(arg.text);
      if (config.variables.has(name)) values.set(name, fromString(name, text, `--var ${arg.text}`));
    }
  }
  for (const [name, value] of values) {
    const decl = config.variables.get(name);
    if (!decl) continue;
    try {
      values.set(name, convert(value, decl.type, `var.${name}`));
    } catch (err) {
      if (err instanceof EvalError)
        throw new UsageError(`the value given for variable "${name}" does not fit its type: ${err.message}`);
      throw err;
    }
  }
  return values;
}

/** `name=value` of --var; the value may itself contain `=`. */
export function splitVar(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--var ${JSON.stringify(text)}: expected NAME=VALUE`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1)];
}
