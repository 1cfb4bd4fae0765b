#!/usr/bin/env node
// Thin launcher so the bin exists before the package is built.
import '../dist/cli.mjs';
