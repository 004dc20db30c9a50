/**
 * Terraform addresses: `module.a["k"].module.b[0].aws_x.y["z"]`. Index keys are quoted strings that may
 * contain dots or brackets, so they are scanned, not split.
 */

/** The address with every instance key removed: `module.a.module.b.aws_x.y`. */
export function stripInstanceKeys(address: string): string {
  let out = '';
  let i = 0;
  while (i < address.length) {
    const ch = address[i];
    if (ch === '[') {
      i = skipIndex(address, i);
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function skipIndex(address: string, open: number): number {
  let i = open + 1;
  if (address[i] === '"') {
    i++;
    while (i < address.length && address[i] !== '"') i += address[i] === '\\' ? 2 : 1;
    i++;
  }
  while (i < address.length && address[i] !== ']') i++;
  return i + 1;
}

/** Short provider name from a plan's provider_name: `registry.terraform.io/hashicorp/aws` → `aws`. */
export function shortProviderName(providerName: string): string {
  const last = providerName.slice(providerName.lastIndexOf('/') + 1);
  return last.startsWith('provider.') ? last.slice('provider.'.length) : last;
}
