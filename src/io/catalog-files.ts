import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.ts';
import type { CatalogData } from '../cost/catalog/catalog.ts';
import { CATALOG_SCHEMA, type CatalogIndex, type CatalogRegionFile } from '../cost/catalog/format.ts';
import { packageRoot } from './package-root.ts';

/** Where `tollgate pricing refresh` writes, and where `check` looks first: the XDG data directory. */
export function userCatalogDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'tollgate', 'catalog');
}

export function bundledCatalogDir(): string {
  return join(packageRoot(), 'data', 'catalog');
}

/**
 * The catalog a run uses: `--catalog DIR` (or TOLLGATE_CATALOG) if given, else a refreshed catalog in
 * the user's data directory if one exists, else the bundled one. Region files are read on first use.
 */
export function loadCatalog(explicit: string | undefined, env: NodeJS.ProcessEnv): CatalogData {
  const chosen = explicit ?? (env.TOLLGATE_CATALOG || undefined);
  if (chosen) return readCatalogDir(chosen, chosen);
  const user = userCatalogDir(env);
  if (existsSync(join(user, 'index.json'))) return readCatalogDir(user, user);
  return readCatalogDir(bundledCatalogDir());
}

function readCatalogDir(dir: string, shown?: string): CatalogData {
  const indexPath = join(dir, 'index.json');
  const index = readJson<CatalogIndex>(indexPath, shown ? join(shown, 'index.json') : 'bundled catalog');
  if (index.schema !== CATALOG_SCHEMA) {
    throw new InputError(
      shown ?? indexPath,
      `catalog schema ${index.schema} is not supported (expected ${CATALOG_SCHEMA}); rebuild it`,
    );
  }
  const regions = new Map<string, CatalogRegionFile | undefined>();
  const data: CatalogData = {
    index,
    region(region) {
      if (!regions.has(region)) {
        const known = Object.hasOwn(index.regions, region) && /^[a-z0-9-]+$/.test(region);
        regions.set(
          region,
          known
            ? readJson<CatalogRegionFile>(
                join(dir, 'regions', `${region}.json`),
                `${shown ?? 'bundled catalog'} (${region})`,
              )
            : undefined,
        );
      }
      return regions.get(region);
    },
  };
  if (shown) data.path = shown;
  return data;
}

function readJson<T>(path: string, shown: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      shown,
      code === 'ENOENT'
        ? 'price catalog not found'
        : `price catalog cannot be read (${code ?? (err as Error).message})`,
    );
  }
}

/** Writes a catalog directory whole: into a sibling temp directory first, then swapped in. */
export function writeCatalog(
  dir: string,
  index: CatalogIndex,
  regions: Map<string, CatalogRegionFile>,
): void {
  const temp = `${dir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(join(temp, 'regions'), { recursive: true });
  for (const [region, file] of regions)
    writeFileSync(join(temp, 'regions', `${region}.json`), `${JSON.stringify(file)}\n`);
  writeFileSync(join(temp, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(temp, dir);
}
