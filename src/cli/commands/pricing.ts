import { resolve } from 'node:path';
import { awsPricingApi } from '../../cost/live/client.ts';
import { refreshCatalog } from '../../cost/live/refresh.ts';
import { InputError, UsageError } from '../../errors.ts';
import { loadCatalog, userCatalogDir, writeCatalog } from '../../io/catalog-files.ts';
import { isAwsRegion } from '../../util/region.ts';
import { zoneKindOf } from '../../util/zone.ts';
import type { CliIO } from '../io.ts';

export interface RefreshFlags {
  regions?: string;
  output?: string;
  catalog?: string;
}

/**
 * `tollgate pricing refresh`: today's prices from the AWS Price List API for the regions asked (or
 * every region and zone group of the current catalog), written where `check` finds them.
 */
export async function pricingRefreshCommand(flags: RefreshFlags, io: CliIO): Promise<number> {
  const base = loadCatalog(flags.catalog, io.env);
  const regions = flags.regions
    ? flags.regions
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean)
    : Object.keys(base.index.regions);
  const bad = regions.find((r) => !isAwsRegion(r) && !zoneKindOf(r));
  if (bad) {
    throw new UsageError(
      `pricing refresh: "${bad}" is not an AWS region code (e.g. us-east-1) or a Local or Wavelength Zone group (us-west-2-lax-1)`,
    );
  }
  const output = flags.output ? resolve(io.cwd, flags.output) : userCatalogDir(io.env);
  const api = await awsPricingApi(io.env);
  const today = (io.env.TOLLGATE_NOW ?? new Date().toISOString()).slice(0, 10);
  const result = await refreshCatalog(api, base, regions, today, (line) => io.stderr.write(`${line}\n`));
  const { stats } = result;
  if (stats.refreshed === 0) {
    const why = stats.errors[0] ?? 'the Pricing API returned no prices';
    throw new InputError(
      'pricing refresh',
      `no price could be refreshed (${why}); the catalog was not changed`,
    );
  }
  writeCatalog(output, result.index, result.regions);
  io.stdout.write(
    `Refreshed ${stats.refreshed} prices (${stats.added} new) for ${regions.length} region${regions.length === 1 ? '' : 's'}; ` +
      `${stats.kept} kept from the previous catalog${stats.failed ? `; ${stats.failed} queries failed (${stats.errors[0] ?? ''})` : ''}.\n` +
      `Catalog written to ${output} (snapshots ${result.index.snapshot.oldest} to ${result.index.snapshot.newest}); tollgate check uses it from now on.\n`,
  );
  return 0;
}
