#!/usr/bin/env bash
# The whole test suite from a fresh clone: toolchain, system packages, install, build, then every check.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
bash scripts/install-system-deps.sh
pnpm install --frozen-lockfile
pnpm run build
node scripts/run-tests.mjs "$@"
