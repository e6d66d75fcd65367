#!/usr/bin/env node
// The CLI entry point; the compiled code lives in dist/ (built by `npm ci` through `prepare`).
import { main } from '../dist/cli.js';

main(process.argv);
