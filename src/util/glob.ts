import picomatch from 'picomatch';

const cache = new Map<string, (value: string) => boolean>();

// `bash: true` lets `*` cross `/` and `.`, so `module.legacy.*` covers every address inside the module
// and `apps/v1/*` every Kubernetes object of that group.
function matcher(glob: string): (value: string) => boolean {
  let m = cache.get(glob);
  if (!m) {
    m = picomatch(glob, { bash: true, dot: true, nonegate: true, noextglob: true, keepQuotes: true });
    cache.set(glob, m);
  }
  return m;
}

/**
 * Whether `value` matches a list of globs: some positive glob matches (or there are none) and no
 * `!`-negated glob matches. So `["!eu-*"]` is "anything outside eu-*", `["aws_*", "!aws_iam_*"]` is
 * "AWS but not IAM".
 */
export function matchesGlobs(globs: readonly string[], value: string): boolean {
  let positives = 0;
  let included = false;
  for (const glob of globs) {
    if (glob.startsWith('!')) {
      if (matcher(glob.slice(1))(value)) return false;
    } else {
      positives++;
      if (!included && matcher(glob)(value)) included = true;
    }
  }
  return positives === 0 ? globs.length > 0 : included;
}

/**
 * Whether a resource address matches an address glob. Brackets in addresses are instance keys, never
 * character classes, so `aws_x.y[*]` means "every instance" and `module.a["k"].*` is literal.
 */
export function matchesAddress(pattern: string, address: string): boolean {
  if (pattern === address) return true;
  return matchesGlobs([pattern.replace(/[[\]]/g, (b) => `\\${b}`)], address);
}
