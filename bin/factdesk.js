#!/usr/bin/env node
// The `factdesk` command. The TypeScript is compiled to dist/ by `npm install` (the prepare script).
import { runCli } from '../dist/src/cli.js';

const code = await runCli(
  process.argv.slice(2),
  process.env,
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
);
process.exitCode = code;
