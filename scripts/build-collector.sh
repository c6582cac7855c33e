#!/usr/bin/env bash
# Builds the test OpenTelemetry Collector from docker/otel-collector/builder.yaml with the collector
# builder (ocb) from the Go module proxy, into .cache/otelcol/ (git-ignored). Idempotent: does nothing
# when the binary exists and was built from the same manifest. Prints the binary's path on stdout.
# The first build downloads and compiles the components: several minutes on 2 cores.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MANIFEST="$ROOT/docker/otel-collector/builder.yaml"
CACHE="$ROOT/.cache/otelcol"
# The builder's version is the manifest's dist.version: the builder decides the collector core version.
VERSION="$(sed -n 's/^  version: *\([0-9][0-9.]*\) *$/\1/p' "$MANIFEST")"
NAME="$(sed -n 's/^  name: *\([A-Za-z0-9_-]*\) *$/\1/p' "$MANIFEST")"
BINARY="$CACHE/build/$NAME"
STAMP="$CACHE/manifest.sha256"

if [ -z "$VERSION" ] || [ -z "$NAME" ]; then
  echo "build-collector: cannot read dist.name / dist.version from $MANIFEST" >&2
  exit 1
fi
command -v go >/dev/null 2>&1 || { echo "build-collector: go is not on PATH (Go >= 1.25 needed)" >&2; exit 1; }

mkdir -p "$CACHE"
# The generated sources live inside this git work tree; do not stamp its VCS state into the binary.
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
# One build at a time (parallel test runs may call this together).
exec 9>"$CACHE/lock"
flock 9

want="$( (cat "$MANIFEST"; echo "builder v$VERSION") | sha256sum | cut -d' ' -f1)"
if [ -x "$BINARY" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  echo "$BINARY"
  exit 0
fi

echo "build-collector: building $NAME with builder v$VERSION (first time: several minutes)" >&2
GOBIN="$CACHE/bin" go install "go.opentelemetry.io/collector/cmd/builder@v$VERSION" >&2
rm -f "$STAMP"
# output_path in the manifest is relative to the repository root.
(cd "$ROOT" && "$CACHE/bin/builder" --config="$MANIFEST") >&2
[ -x "$BINARY" ] || { echo "build-collector: the builder did not produce $BINARY" >&2; exit 1; }
echo "$want" >"$STAMP"
echo "$BINARY"
