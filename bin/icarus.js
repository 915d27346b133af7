#!/usr/bin/env node
// The command runs the compiled CLI; `npm run build` (or the set-up script) makes dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error(
    'icarus: dist/ is missing. Run `npm run build` (`npm run setup` builds it too) first.',
  );
  process.exit(1);
}
await import(entry.href);
