// Runs the command line from its TypeScript sources in a process of its own, for tests that must
// kill it or run two at once. Started as: node --conditions=source --import tsx run-cli.ts ARGS…
import { main } from '../../src/main.js';

process.exitCode = await main(process.argv.slice(2));
