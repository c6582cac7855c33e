#!/usr/bin/env bash
# Builds docker/test/compose-config (compose-go loading a compose file as `docker compose config` does; the
# tests use it where the compose plugin is missing) into .cache/compose-config/ (git-ignored). Idempotent:
# does nothing when the binary exists and was built from the same sources. Prints the binary's path on stdout;
# everything else (Go's module downloads among it) goes to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/docker/test/compose-config"
CACHE="$ROOT/.cache/compose-config"
BINARY="$CACHE/bin/compose-config"
STAMP="$CACHE/sources.sha256"

command -v go >/dev/null 2>&1 || { echo "build-compose-config: go is not on PATH" >&2; exit 1; }
mkdir -p "$CACHE/bin"
exec 9>"$CACHE/lock"
flock 9

want="$( (cd "$SRC" && cat go.mod go.sum ./*.go; go version) | sha256sum | cut -d' ' -f1)"
if [ -x "$BINARY" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  echo "$BINARY"
  exit 0
fi

echo "build-compose-config: building docker/test/compose-config (first time: downloads compose-go)" >&2
rm -f "$STAMP"
(cd "$SRC" && GOFLAGS="${GOFLAGS:--buildvcs=false}" go build -o "$BINARY" .) >&2
echo "$want" >"$STAMP"
echo "$BINARY"
