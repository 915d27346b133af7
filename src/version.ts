/** The running Icarus version, read from package.json. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };

export const icarusVersion: string = pkg.version;
