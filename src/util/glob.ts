import picomatch from 'picomatch';

const cache = new Map<string, (value: string) => boolean>();

// `bash: true` lets `*` cross `/` and `.`, so `module.legacy.*` covers every address inside the module
// and `apps/v1/*` every Kubernetes object of that group.
function matcher(glob: string): (value: string) => boolean {
  let m = cache.get(glob);
  if (!m) {
    m = picomatch(glob, { bash: true, dot: true, nonegate: true, noextglob: true });
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
