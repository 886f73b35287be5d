#!/usr/bin/env node
// The `chokepoint` command. TypeScript sources run through tsx's loader: no build step after npm install.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli/index.ts');
await runCli(process.argv);
