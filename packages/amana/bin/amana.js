#!/usr/bin/env node
// The published entry point: Node ≥ 22.18 runs the TypeScript sources directly (type stripping).
import '../src/cli/main.ts'
