import { Command, CommanderError, Option } from 'commander';
import { describeFailure } from '../errors.ts';
import { toolVersion } from '../io/package-root.ts';
import type { VariableArgument } from '../inputs/hcl/variables.ts';
import { checkCommand, FORMATS, type CheckFlags } from './commands/check.ts';
import { pricingRefreshCommand, type RefreshFlags } from './commands/pricing.ts';
import { hookCommand, HOOKS } from './commands/hook.ts';
import { DEFAULT_TEST_DIR, testCommand } from './commands/test.ts';
import type { CliIO } from './io.ts';

const FAIL_ON = ['block', 'warn', 'never'] as const;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never throws. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  // --var and --var-file apply in the order given, across both flags, as in Terraform.
  const variables: VariableArgument[] = [];
  const program = new Command('tollgate')
    .description(
      'Policy-as-code guardrail for infrastructure changes: tags, cost and budgets at pull-request time.',
    )
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .configureHelp({ helpWidth: 100 })
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // One line, as every other usage error: commander puts its suggestion on a line of its own.
      outputError: (s, write) =>
        write(
          `tollgate: ${s.replace(/^error: /, '').replace(/\n\(Did you mean (.*)\)/, (_, what: string) => ` (did you mean ${what})`)}`,
        ),
    });

  program
    .command('check')
    .description('Check a change against the policy and report tags, findings and the verdict.')
    .addOption(
      new Option(
        '--plan <file>',
        'Terraform plan JSON (terraform show -json); repeatable; - for stdin',
      ).argParser(collect),
    )
    .addOption(
      new Option(
        '--tf <dir>',
        'Terraform configuration directory (.tf files), read without a plan; repeatable',
      ).argParser(collect),
    )
    .addOption(
      new Option('--var <name=value>', 'a variable for --tf directories; repeatable').argParser(
        (v: string) => {
          variables.push({ kind: 'var', text: v });
          return true;
        },
      ),
    )
    .addOption(
      new Option('--var-file <file>', 'a .tfvars file for --tf directories; repeatable').argParser(
        (v: string) => {
          variables.push({ kind: 'var-file', path: v });
          return true;
        },
      ),
    )
    .addOption(
      new Option(
        '--k8s <path>',
        'Kubernetes manifests: a file, a directory (searched recursively), or - for stdin; repeatable',
      ).argParser(collect),
    )
    .addOption(
      new Option(
        '--k8s-base <path>',
        'the manifests to compare each --k8s path with (in the same order), instead of --base-ref',
      ).argParser(collect),
    )
    .option('--namespace <ns>', 'namespace of Kubernetes objects that name none (default: default)')
    .option(
      '--base-ref <ref>',
      'compare --tf directories and --k8s paths with this git commit: created, changed, deleted',
    )
    .option(
      '--policy <path>',
      'policy file or directory of YAML files (default: ./policies, else the bundled default)',
    )
    .option('--usage <file>', 'usage file (YAML) for usage-billed costs and monthly hours')
    .addOption(
      new Option('--pricing <source>', 'where prices come from')
        .choices(['catalog', 'live'])
        .default('catalog'),
    )
    .option('--catalog <dir>', 'price catalog directory (default: a refreshed catalog, else the bundled one)')
    .option('--no-cost', 'skip cost estimation (tag and policy checks only)')
    .option(
      '--pricing-ttl <hours>',
      'how long live prices stay cached (default: 24, or TOLLGATE_PRICING_TTL_HOURS)',
    )
    .option('--all', 'also check resources the change leaves unchanged')
    .option(
      '--now <date>',
      "today's date for exemption expiry, YYYY-MM-DD (default: TOLLGATE_NOW, else today)",
    )
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <level>', 'lowest verdict that exits 1').choices(FAIL_ON).default('block'),
    )
    .action(async (flags: CheckFlags) => {
      exitCode = await checkCommand({ ...flags, variables }, io);
    });

  program
    .command('test')
    .description(
      'Run policy tests: each case checks an input with a policy and compares findings and verdict with what it expects.',
    )
    .argument('[path]', `a test file, or a directory of them (default: ${DEFAULT_TEST_DIR})`)
    .option(
      '--now <date>',
      'the date for cases that give none, YYYY-MM-DD (default: TOLLGATE_NOW, else today)',
    )
    .action(async (path: string | undefined, flags: { now?: string }) => {
      exitCode = await testCommand(path, flags, io);
    });

  program
    .command('pricing')
    .description('Manage the AWS price catalog.')
    .command('refresh')
    .description(
      'Refresh the price catalog from the AWS Price List API (needs AWS credentials with pricing:GetProducts).',
    )
    .option('--regions <list>', 'comma-separated regions (default: every region of the current catalog)')
    .option(
      '--output <dir>',
      'where to write the catalog (default: $XDG_DATA_HOME/tollgate/catalog, which check uses)',
    )
    .option('--catalog <dir>', 'the catalog to refresh from (default: the current one)')
    .action(async (flags: RefreshFlags) => {
      exitCode = await pricingRefreshCommand(flags, io);
    });

  program
    .command('hook')
    .description('Run as a pre-commit hook: check the directories of the given files (--format compact).')
    .argument('<kind>', `what the files are: ${HOOKS.join(', ')}`)
    .argument(
      '[files...]',
      'changed files, as pre-commit passes them; check flags (--policy ...) may come first',
    )
    .allowUnknownOption()
    .helpOption(false)
    .action(async (kind: string, files: string[]) => {
      exitCode = await hookCommand(kind, files, program, io, (args) => main(args, io));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; every parse error is a usage error.
      return err.exitCode === 0 ? 0 : 2;
    }
    const failure = describeFailure(err, io.env.TOLLGATE_DEBUG === '1');
    io.stderr.write(`tollgate: ${failure.message}\n`);
    return failure.exitCode;
  }
}
