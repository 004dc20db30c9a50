/**
 * Errors that stop a run. Everything a user should fix in their own input or policy is one of these;
 * anything else reaching the top level is a bug in tollgate.
 */
export class TollgateError extends Error {
  readonly exitCode: number = 2;
}

/** Bad command-line usage: unknown flag, bad value, missing input. */
export class UsageError extends TollgateError {
  override name = 'UsageError';
}

/** An input or policy file tollgate cannot use, located as precisely as known. */
export class InputError extends TollgateError {
  override name = 'InputError';
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${formatLocation(file, line, column)}: ${detail}`);
  }
}

/** A policy that is valid YAML but cannot be enforced as written. */
export class PolicyError extends InputError {
  override name = 'PolicyError';
}

export function formatLocation(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** The one place that decides what the user sees for a failure, and the exit code. */
export function describeFailure(err: unknown, debug = false): { message: string; exitCode: number } {
  if (err instanceof TollgateError) return { message: err.message, exitCode: err.exitCode };
  const detail = err instanceof Error ? err.message : String(err);
  const stack = debug && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  return {
    message: `internal error: ${detail} (this is a bug in tollgate; rerun with TOLLGATE_DEBUG=1 for details)${stack}`,
    exitCode: 2,
  };
}
