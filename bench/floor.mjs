// The floor: start node, read the plan and JSON.parse it. tollgate cannot do less than this.
import { readFileSync } from 'node:fs';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
if (!plan.format_version) process.exit(3);
