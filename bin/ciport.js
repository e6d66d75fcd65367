#!/usr/bin/env node
// The CLI entry point: the bundled build in dist/bundle/ (made by `npm ci` through `prepare`).
import '../dist/bundle/ciport.mjs';
