/**
 * `npm run catalog`: builds the bundled AWS price catalog (data/catalog/) from the price facts in
 * data/pricing-facts/. Every price keeps the source it came from and that source's snapshot date; a
 * SKU priced by several facts takes the newest. Facts that map to nothing tollgate prices are listed,
 * never dropped silently. Deterministic: the same facts always give the same files.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skuKind } from '../../src/cost/catalog/skus.ts';
import {
  CATALOG_SCHEMA,
  type CatalogIndex,
  type CatalogRegionFile,
  type CatalogSource,
} from '../../src/cost/catalog/format.ts';
import { zoneKindOf } from '../../src/util/zone.ts';
import { skuOfFact, type Fact } from './facts.ts';

const FACTS = process.env.TOLLGATE_FACTS_DIR ?? 'data/pricing-facts';
const OUT = process.argv[2] ?? 'data/catalog';

// Facts say units their own way; these are the ones that agree with each catalog unit.
const UNIT_ALIASES: Record<string, string[]> = {
  hours: ['Hrs', 'hours', 'vCPU-hour', 'GB-hour', 'RCU-hour', 'WCU-hour', 'LCU-hour'],
  'vCPU-hours': ['vCPU-hour'],
  'LCU-hours': ['LCU-hour'],
  'ACU-hours': ['ACU-hour'],
  'GB-months': ['GB-month', 'GB-Mo'],
  'IOPS-months': ['IOPS-month'],
  'MiBps-months': ['MiBps-month'],
  '1M requests': ['1M requests', '1M RRU', '1M WRU'],
  '1k requests': ['1k requests'],
  '10k requests': ['10k requests'],
  'GB-seconds': ['GB-second'],
  GB: ['GB'],
  months: ['key-month', 'secret-month', 'zone-month', 'metric-month', 'alarm metric-month'],
};

interface Price {
  usd: string;
  source: number;
  asOf: string;
}

const sources: CatalogSource[] = [];
const sourceIds = new Map<string, number>();
const regional = new Map<string, Map<string, Price>>();
const global = new Map<string, Price>();
const skipped = new Map<string, number>();
const conflicts: string[] = [];

function sourceId(source: Omit<CatalogSource, 'id'>): number {
  const key = `${source.repo}|${source.path}|${source.as_of}`;
  let id = sourceIds.get(key);
  if (id === undefined) {
    id = sources.length;
    sources.push({ id, ...source });
    sourceIds.set(key, id);
  }
  return id;
}

/** A date from a source's own words: `on or before 2026-05-12 (...)` → 2026-05-12. */
function isoDate(text: string): string {
  const m = /\d{4}-\d{2}-\d{2}/.exec(text);
  if (!m) throw new Error(`no date in "${text}"`);
  return m[0];
}

function decimalText(usd: number): string {
  // Facts are JSON numbers; their shortest decimal form is the price as published.
  return String(usd).includes('e') ? usd.toFixed(12).replace(/0+$/, '') : String(usd);
}

function put(region: string, sku: string, usd: number, source: number, asOf: string, unit?: string): void {
  const found = skuKind(sku);
  if (!found) throw new Error(`fact maps to unknown SKU ${sku}`);
  if (unit && !(UNIT_ALIASES[found.kind.unit] ?? [found.kind.unit]).includes(unit)) {
    throw new Error(`${sku} (${region}): fact unit "${unit}" does not match the SKU's ${found.kind.unit}`);
  }
  if (!(usd > 0)) {
    skipped.set('a zero or negative price', (skipped.get('a zero or negative price') ?? 0) + 1);
    return;
  }
  const target =
    found.kind.scope === 'global'
      ? global
      : (regional.get(region) ?? regional.set(region, new Map<string, Price>()).get(region)!);
  const price: Price = { usd: decimalText(usd), source, asOf };
  const existing = target.get(sku);
  if (existing) {
    if (existing.asOf > asOf) return;
    if (existing.asOf === asOf && existing.usd !== price.usd) {
      conflicts.push(`${region} ${sku}: ${existing.usd} vs ${price.usd} (both ${asOf}); kept ${price.usd}`);
    }
  }
  target.set(sku, price);
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(FACTS, name), 'utf8')) as T;
}

// EC2 on-demand, Linux, shared tenancy.
interface Ec2File {
  retrieved_from: { repo: string; path: string; commit: string; snapshot_date: string }[];
  regions: Record<string, Record<string, number>>;
  /** Local and Wavelength Zone groups, keyed by the code their prices are listed under. */
  zones: Record<string, Record<string, number>>;
  supplemented_from_karpenter: Record<string, string[]>;
}
const ec2 = readJson<Ec2File>('ec2-ondemand.json');
const [primary, karpenter] = ec2.retrieved_from as [
  Ec2File['retrieved_from'][0],
  Ec2File['retrieved_from'][0],
];
const ec2Primary = sourceId({
  repo: primary.repo,
  path: primary.path,
  commit: primary.commit,
  as_of: isoDate(primary.snapshot_date),
  label: 'EC2 on-demand Linux (Vantage ec2instances.info data)',
});
const ec2Karpenter = sourceId({
  repo: karpenter.repo,
  path: karpenter.path,
  commit: karpenter.commit,
  as_of: isoDate(karpenter.snapshot_date),
  label: 'EC2 on-demand Linux (Karpenter generated price table)',
});
for (const [region, types] of Object.entries(ec2.regions)) {
  const supplemented = new Set(ec2.supplemented_from_karpenter[region] ?? []);
  for (const [type, usd] of Object.entries(types)) {
    const source = supplemented.has(type) ? ec2Karpenter : ec2Primary;
    put(region, `ec2/instance/${type}`, usd, source, sources[source]!.as_of);
  }
}
// A zone's prices are filed under its group as if it were a region, so a lookup names the group
// (us-west-2-lax-1) and can never land on the parent region's price.
for (const [zone, types] of Object.entries(ec2.zones)) {
  if (!zoneKindOf(zone)) throw new Error(`EC2 zone group "${zone}" is neither a Local nor a Wavelength Zone`);
  for (const [type, usd] of Object.entries(types))
    put(zone, `ec2/instance/${type}`, usd, ec2Primary, sources[ec2Primary]!.as_of);
}

// RDS instance tables: single-AZ for every region (2021), single and multi-AZ for eu-west-1 (2023).
interface RdsFile {
  single_az: {
    as_of: string;
    source: { repo: string; path: string; commit: string };
    regions: Record<string, Record<string, Record<string, number>>>;
  };
  eu_west_1_2023: {
    as_of: string;
    source: { repo: string; path: string; commit: string };
    single_az: Record<string, Record<string, number>>;
    multi_az: Record<string, Record<string, number>>;
  };
}
const rds = readJson<RdsFile>('rds-instances-ondemand.json');
function rdsInstance(
  region: string,
  cls: string,
  engine: string,
  deployment: string,
  usd: number,
  source: number,
  asOf: string,
): void {
  const sku = engine.startsWith('aurora')
    ? `rds/instance/${engine}/cluster/${cls}`
    : `rds/instance/${engine}/${deployment}/${cls}`;
  if (engine.startsWith('aurora') && deployment === 'multi-az') return;
  put(region, sku, usd, source, asOf);
}
{
  const t = rds.single_az;
  const id = sourceId({ ...t.source, as_of: t.as_of, label: 'RDS on-demand instances (ec2instances.info)' });
  for (const [region, classes] of Object.entries(t.regions)) {
    for (const [cls, engines] of Object.entries(classes)) {
      for (const [engine, usd] of Object.entries(engines))
        rdsInstance(region, cls, engine, 'single-az', usd, id, t.as_of);
    }
  }
  const e = rds.eu_west_1_2023;
  const eid = sourceId({
    ...e.source,
    as_of: e.as_of,
    label: 'RDS on-demand instances, eu-west-1 (AWS Price List dump)',
  });
  for (const [deployment, table] of [
    ['single-az', e.single_az],
    ['multi-az', e.multi_az],
  ] as const) {
    for (const [cls, engines] of Object.entries(table)) {
      for (const [engine, usd] of Object.entries(engines))
        rdsInstance('eu-west-1', cls, engine, deployment, usd, eid, e.as_of);
    }
  }
}

// ElastiCache and OpenSearch tables.
interface NodeTable<T> {
  source: { repo: string; path: string; commit: string; as_of: string };
  regions: Record<string, Record<string, T>>;
}
{
  const ec = readJson<NodeTable<Record<string, number>>>('elasticache-ondemand.json');
  const id = sourceId({
    repo: ec.source.repo,
    path: ec.source.path,
    commit: ec.source.commit,
    as_of: ec.source.as_of,
    label: 'ElastiCache on-demand nodes (ec2instances.info)',
  });
  for (const [region, nodes] of Object.entries(ec.regions)) {
    for (const [node, engines] of Object.entries(nodes)) {
      for (const [engine, usd] of Object.entries(engines))
        put(region, `elasticache/node/${engine}/${node}`, usd, id, ec.source.as_of);
    }
  }
  const os = readJson<NodeTable<number>>('opensearch-ondemand.json');
  const oid = sourceId({
    repo: os.source.repo,
    path: os.source.path,
    commit: os.source.commit,
    as_of: os.source.as_of,
    label: 'OpenSearch on-demand instances (ec2instances.info)',
  });
  for (const [region, types] of Object.entries(os.regions)) {
    for (const [type, usd] of Object.entries(types))
      put(region, `opensearch/instance/${type}`, usd, oid, os.source.as_of);
  }
}

// Single facts: services.json, researched extras (extra-*.json), and tollgate's global facts.
const factFiles = readdirSync(FACTS)
  .filter((n) => n === 'services.json' || /^extra-.*\.json$/.test(n) || n === 'tollgate-global-facts.json')
  .sort();
let factCount = 0;
for (const file of factFiles) {
  for (const fact of readJson<Fact[]>(file)) {
    factCount++;
    // A price without a date cannot say how old it is: not used.
    const mapped =
      /\d{4}-\d{2}-\d{2}/.test(fact.source.as_of) || fact.source.as_of.includes('static')
        ? skuOfFact(fact)
        : { skip: 'a fact without a snapshot date' };
    if ('skip' in mapped) {
      skipped.set(mapped.skip, (skipped.get(mapped.skip) ?? 0) + 1);
      continue;
    }
    const asOf = isoDate(fact.source.as_of.includes('static') ? '1970-01-01' : fact.source.as_of);
    const id = sourceId({
      repo: fact.source.repo,
      path: fact.source.path,
      commit: fact.source.commit ?? '',
      as_of: asOf,
      label: `${fact.service} (${file})`,
    });
    put(fact.region, mapped.sku, fact.usd, id, asOf, fact.unit);
  }
}

// Write.
rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'regions'), { recursive: true });
const sortedEntries = (map: Map<string, Price>) =>
  Object.fromEntries(
    [...map]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([sku, p]) => [sku, [p.usd, p.source] as [string, number]]),
  );
const regionCounts: Record<string, number> = {};
for (const region of [...regional.keys()].sort()) {
  const prices = regional.get(region)!;
  regionCounts[region] = prices.size;
  const file: CatalogRegionFile = { schema: CATALOG_SCHEMA, region, prices: sortedEntries(prices) };
  writeFileSync(join(OUT, 'regions', `${region}.json`), `${JSON.stringify(file)}\n`);
}
const dates = sources
  .map((s) => s.as_of)
  .filter((d) => d !== '1970-01-01')
  .sort();
const index: CatalogIndex = {
  schema: CATALOG_SCHEMA,
  kind: 'bundled',
  currency: 'USD',
  hours_per_month: 730,
  description:
    'AWS on-demand list prices bundled with tollgate, built by `npm run catalog` from data/pricing-facts (see its PROVENANCE.md).',
  snapshot: { oldest: dates[0] ?? '', newest: dates[dates.length - 1] ?? '' },
  sources,
  regions: regionCounts,
  global: sortedEntries(global),
};
writeFileSync(join(OUT, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);

const total = Object.values(regionCounts).reduce((a, b) => a + b, 0) + global.size;
console.log(
  `catalog: ${total} prices in ${regional.size} regions (+${global.size} global) from ${factCount} facts and the EC2/RDS/ElastiCache/OpenSearch tables`,
);
console.log(`snapshot: ${index.snapshot.oldest} … ${index.snapshot.newest}; ${sources.length} sources`);
for (const [reason, n] of [...skipped].sort((a, b) => b[1] - a[1]))
  console.log(`  not used: ${n} × ${reason}`);
for (const c of conflicts) console.log(`  conflict: ${c}`);
