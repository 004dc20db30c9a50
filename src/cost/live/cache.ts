import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LiveAnswer } from './products.ts';

/** Where live prices are cached: $XDG_CACHE_HOME/tollgate/pricing (or ~/.cache/tollgate/pricing). */
export function pricingCacheDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'tollgate', 'pricing');
}

interface Entry {
  fetched_at: string;
  answer: LiveAnswer;
}

/** Answers of the Pricing API kept on disk for `ttlHours`, so a second run makes no calls. */
export class PriceCache {
  constructor(
    private readonly dir: string,
    private readonly ttlHours: number,
    private readonly now: () => Date,
  ) {}

  static keyOf(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
  }

  get(key: string): LiveAnswer | undefined {
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    const age = this.now().getTime() - Date.parse(entry.fetched_at);
    return age >= 0 && age < this.ttlHours * 3_600_000 ? entry.answer : undefined;
  }

  set(key: string, answer: LiveAnswer): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const path = join(this.dir, `${key}.json`);
      // Written whole then renamed, so a concurrent run never reads half an entry.
      writeFileSync(
        `${path}.tmp`,
        JSON.stringify({ fetched_at: this.now().toISOString(), answer } satisfies Entry),
      );
      renameSync(`${path}.tmp`, path);
    } catch {
      // A cache that cannot be written only costs the next run an API call.
    }
  }
}
