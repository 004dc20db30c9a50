// The floor for --tf: start node and read every .tf file of the directory tree. tollgate cannot do less.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let bytes = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.tf')) bytes += readFileSync(path, 'utf8').length;
  }
}
walk(process.argv[2]);
if (bytes === 0) process.exit(3);
