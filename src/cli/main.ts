#!/usr/bin/env node
import { processIO } from './io.ts';
import { main } from './program.ts';

process.exitCode = await main(process.argv.slice(2), processIO());
