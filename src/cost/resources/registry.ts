import { AWS_PRICERS } from './aws/index.ts';
import { KUBERNETES_PRICERS } from './kubernetes/index.ts';
import type { Pricer } from './types.ts';

const byType = new Map<string, Pricer>();
for (const pricer of [...AWS_PRICERS, ...KUBERNETES_PRICERS]) {
  for (const type of pricer.types) {
    if (byType.has(type)) throw new Error(`two pricers for ${type}`);
    byType.set(type, pricer);
  }
}

export function pricerFor(type: string): Pricer | undefined {
  return byType.get(type);
}

export function pricedTypes(): string[] {
  return [...byType.keys()].sort();
}
