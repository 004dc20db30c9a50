/**
 * `npm run bench`: times `tollgate check` as a whole process on generated plans of 1 000, 10 000 and
 * 50 000 resources, next to the floor (node starting and JSON.parse-ing the same file), and prints the
 * ratios against the targets. It reports; it never fails a build on timing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePlan } from './generate.ts';
import { generateHclDirectory } from './generate-hcl.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').filter(Boolean).map(Number);
const HCL_FILES = Number(process.env.BENCH_TF_FILES ?? 500);
const TIME_TARGET = 2;
const MEMORY_TARGET = 4;
const PRICING_TARGET = 1.25;
// Node itself takes ~40 MB before reading a byte; the memory target is about what a run adds to it.

interface Sample {
  ms: number;
  rss: number;
}

function measure(args: string[]): Sample {
  const rssFile = join(OUT, 'rss.txt');
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'bench', 'maxrss.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, rss: Number(readFileSync(rssFile, 'utf8')) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pad = (s: string, n: number) => s.padStart(n);

mkdirSync(OUT, { recursive: true });
console.log('building dist/ ...');
spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });

const bare = median([0, 1, 2].map(() => measure(['-e', '0']).rss));
const rows: string[] = [];
const noCostRows: string[] = [];
const perResource: number[] = [];
for (const size of SIZES) {
  const planPath = join(OUT, `plan-${size}.json`);
  writeFileSync(planPath, JSON.stringify(generatePlan(size)));
  const bytes = statSync(planPath).size;
  const runs = size >= 50000 ? 3 : 5;
  const floor: Sample[] = [];
  const tool: Sample[] = [];
  const noCost: Sample[] = [];
  const toolArgs = [
    join(ROOT, 'dist', 'cli.js'),
    'check',
    '--plan',
    planPath,
    '--policy',
    join(ROOT, 'policies', 'default.yaml'),
    '--format',
    'json',
    '--output',
    join(OUT, `report-${size}.json`),
    '--fail-on',
    'never',
  ];
  measure([join(ROOT, 'bench', 'floor.mjs'), planPath]); // warm the file cache
  for (let i = 0; i < runs; i++) {
    floor.push(measure([join(ROOT, 'bench', 'floor.mjs'), planPath]));
    tool.push(measure(toolArgs));
    noCost.push(measure([...toolArgs, '--no-cost']));
  }
  const f = { ms: median(floor.map((s) => s.ms)), rss: median(floor.map((s) => s.rss)) };
  const t = { ms: median(tool.map((s) => s.ms)), rss: median(tool.map((s) => s.rss)) };
  const withoutCost = median(noCost.map((s) => s.ms));
  const withoutCostRss = median(noCost.map((s) => s.rss));
  noCostRows.push(
    `${pad(String(size), 9)} resources: ${withoutCost.toFixed(0)} ms (${(withoutCost / f.ms).toFixed(2)}× the floor), ` +
      `peak RSS ${mb(withoutCostRss)} (${((withoutCostRss - bare) / bytes).toFixed(2)}× the file above node)`,
  );
  const pricingRatio = t.ms / withoutCost;
  perResource.push(t.ms / size);
  const timeRatio = t.ms / f.ms;
  const memoryRatio = (t.rss - bare) / bytes;
  rows.push(
    [
      pad(String(size), 9),
      pad(mb(bytes), 9),
      pad(`${f.ms.toFixed(0)} ms`, 9),
      pad(`${t.ms.toFixed(0)} ms`, 9),
      pad(`${timeRatio.toFixed(2)}×`, 6) +
        (size === 10000 ? (timeRatio <= TIME_TARGET ? ' ok ' : ' OVER') : '     '),
      pad(`${withoutCost.toFixed(0)} ms`, 9),
      pad(`+${((pricingRatio - 1) * 100).toFixed(0)}%`, 6) +
        (size === 10000 ? (pricingRatio <= PRICING_TARGET ? ' ok ' : ' OVER') : '     '),
      pad(mb(f.rss), 9),
      pad(mb(t.rss), 9),
      pad(mb(t.rss - bare), 9),
      pad(`${memoryRatio.toFixed(2)}×`, 6) +
        (size === 10000 ? (memoryRatio <= MEMORY_TARGET ? ' ok ' : ' OVER') : '     '),
    ].join('  '),
  );
}

console.log('');
console.log(
  `tollgate check --format json on generated plans (median of 5 runs; 3 at 50 000), node ${process.version}`,
);
console.log(
  `targets at 10 000 resources: time ≤ ${TIME_TARGET}× the floor; pricing adds ≤ ${Math.round((PRICING_TARGET - 1) * 100)}% to a run without it; peak RSS above bare node (${mb(bare)}) ≤ ${MEMORY_TARGET}× the plan file size`,
);
console.log('');
console.log(
  [
    ' resources',
    '     file',
    '    floor',
    ' tollgate',
    ' time ratio ',
    ' --no-cost',
    ' pricing  ',
    ' floor RSS',
    '  tollgate',
    ' over node',
    ' added/file ',
  ].join('  '),
);
for (const row of rows) console.log(row);
console.log('');
console.log('the same runs with --no-cost (tags and policy only):');
for (const row of noCostRows) console.log(row);
if (perResource.length > 1) {
  const first = perResource[0] as number;
  const growth = perResource.map((p, i) => `${SIZES[i]}: ${(p * 1000).toFixed(1)} µs`).join(', ');
  console.log('');
  console.log(
    `time per resource (linear growth keeps this flat or falling): ${growth} (first ${(first * 1000).toFixed(1)} µs)`,
  );
}

// --tf: a generated configuration of HCL_FILES .tf files. hcl2json's WebAssembly start-up is paid once
// per process, so a one-file directory shows that fixed cost apart from the per-file work.
if (HCL_FILES > 0) {
  const big = join(OUT, `tf-${HCL_FILES}`);
  const small = join(OUT, 'tf-13');
  generateHclDirectory(big, HCL_FILES);
  generateHclDirectory(small, 13);
  const tfArgs = (dir: string) => [
    join(ROOT, 'dist', 'cli.js'),
    'check',
    '--tf',
    dir,
    '--policy',
    join(ROOT, 'policies', 'default.yaml'),
    '--format',
    'json',
    '--output',
    join(OUT, `report-${basename(dir)}.json`),
    '--fail-on',
    'never',
  ];
  const runs = 5;
  measure([join(ROOT, 'bench', 'floor-hcl.mjs'), big]);
  const floor: Sample[] = [];
  const tool: Sample[] = [];
  const fixed: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(measure([join(ROOT, 'bench', 'floor-hcl.mjs'), big]));
    tool.push(measure(tfArgs(big)));
    fixed.push(measure(tfArgs(small)));
  }
  const report = JSON.parse(readFileSync(join(OUT, `report-tf-${HCL_FILES}.json`), 'utf8')) as {
    summary: { resources: number };
  };
  const f = median(floor.map((s) => s.ms));
  const t = median(tool.map((s) => s.ms));
  const one = median(fixed.map((s) => s.ms));
  console.log('');
  console.log(
    `tollgate check --tf on a generated directory of ${HCL_FILES} .tf files (${report.summary.resources} resources, modules with for_each), median of ${runs}`,
  );
  console.log(
    `  floor (node + reading the files): ${f.toFixed(0)} ms, ${mb(median(floor.map((s) => s.rss)))}`,
  );
  console.log(
    `  tollgate --tf:                    ${t.toFixed(0)} ms, ${mb(median(tool.map((s) => s.rss)))}  (${(t / f).toFixed(2)}× the floor)`,
  );
  console.log(
    `  tollgate --tf on 13 files:        ${one.toFixed(0)} ms  (start-up incl. hcl2json's WebAssembly, paid once)`,
  );
  console.log(`  per file beyond that:             ${((t - one) / (HCL_FILES - 13)).toFixed(2)} ms`);
}
