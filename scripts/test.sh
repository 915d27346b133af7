#!/usr/bin/env bash
# The test command: set up what is missing, type-check, format and lint, then run
# every test on freshly trained test landscapes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent check
rm -rf renders/test-landscapes
node --test --test-concurrency=1 dist/tests/
