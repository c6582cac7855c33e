#!/usr/bin/env bash
# The real backends the end-to-end tests (test/e2e) run, installed once and cached (idempotent: a second
# run only checks, in about a second):
#   Prometheus + promtool, Alertmanager + amtool  Debian packages (scripts/install-system-deps.sh)
#   OpenTelemetry Collector                       ocb build of docker/otel-collector/builder.yaml, at the
#                                                 compose image's version (scripts/build-collector.sh)
#   Jaeger v2                                     built from the Go module proxy into .cache/jaeger/
#   compose-config (compose-go)                   docker/test/compose-config built into .cache/compose-config/
#                                                 (scripts/build-compose-config.sh)
# Prints each backend's version on stdout (builds and installs report on stderr), and writes their paths to
# .cache/backends.env for the tests.
#
# Jaeger is optional: when it cannot be built, the reason goes to .cache/backends.env (JAEGER_UNAVAILABLE)
# and the tests check the traces in the collector's file export instead; the script still succeeds.
# Which Jaeger: the compose file pins jaegertracing/jaeger 2.20.0. Its module has no /v2 suffix, so a
# release is reachable only as a pseudo-version of its commit (798e4b0fcf22 for 2.20.0), which the module
# proxy here refuses ("403 Forbidden: This module version is not available"). The approved module version
# here is v1.75.0, the Jaeger v2.12.0 code (its CHANGELOG's last release is v1.74.0 / v2.11.0): Jaeger v2 with
# the same /api/v3 query API (the query parameters in snake_case; their camelCase names came in 2.19). v1.76.0
# (v2.13.0) is served too but is not an approved release. Its go.mod has a replace directive, so
# `go install module@version` refuses it; it is built as a tool of a small generated module carrying the same replace.
# First run on a fresh machine: the collector and Jaeger compile for several minutes each on 2 cores.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
JAEGER_MODULE=github.com/jaegertracing/jaeger
JAEGER_MODULE_VERSION=v1.75.0
JAEGER_RELEASE=2.12.0 # the Jaeger release that module version is
JAEGER_REPLACE='github.com/Shopify/sarama => github.com/Shopify/sarama v1.33.0' # from Jaeger's own go.mod
JAEGER_DIR="$CACHE/jaeger"
JAEGER_BIN="$JAEGER_DIR/bin/jaeger"
mkdir -p "$CACHE"

bash "$ROOT/scripts/install-system-deps.sh"
for tool in prometheus promtool prometheus-alertmanager amtool; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-backends: $tool is missing after install-system-deps.sh" >&2; exit 1; }
done

OTELCOL="$(bash "$ROOT/scripts/build-collector.sh")"
# The compose file checker (compose-go) for the tests where the docker compose plugin is missing.
COMPOSE_CONFIG="$(bash "$ROOT/scripts/build-compose-config.sh")"

# Jaeger: rebuilt when the pinned version changes; a failure is reported, not fatal.
build_jaeger() {
  command -v go >/dev/null 2>&1 || { echo "go is not on PATH"; return 1; }
  local src="$JAEGER_DIR/src" stamp="$JAEGER_DIR/version" want="$JAEGER_MODULE@$JAEGER_MODULE_VERSION; $JAEGER_REPLACE"
  if [ -x "$JAEGER_BIN" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "install-backends: building Jaeger ($JAEGER_MODULE@$JAEGER_MODULE_VERSION; first time: several minutes)" >&2
  rm -rf "$src" "$stamp"
  mkdir -p "$src" "$JAEGER_DIR/bin"
  printf 'module signalkit.local/jaeger\n\ngo 1.26\n\nreplace %s\n' "$JAEGER_REPLACE" >"$src/go.mod"
  (
    cd "$src"
    export GOFLAGS="${GOFLAGS:--buildvcs=false}"
    go get -tool "$JAEGER_MODULE/cmd/jaeger@$JAEGER_MODULE_VERSION" &&
      go build -o "$JAEGER_BIN" "$JAEGER_MODULE/cmd/jaeger"
  ) >"$JAEGER_DIR/build.log" 2>&1 || { tail -n 5 "$JAEGER_DIR/build.log"; return 1; }
  echo "$want" >"$stamp"
}

mkdir -p "$JAEGER_DIR"
# One build at a time (two test runs may start together).
exec 8>"$JAEGER_DIR/lock"
flock 8
JAEGER_UNAVAILABLE=
if ! reason="$(build_jaeger)"; then
  JAEGER_UNAVAILABLE="$(echo "$reason" | tr '\n' ' ' | sed 's/ *$//' | cut -c1-400)"
  echo "install-backends: Jaeger is not available, the tests read traces from the collector's file export: $JAEGER_UNAVAILABLE" >&2
fi
exec 8>&-

first_line() { "$@" 2>&1 | head -n 1; }
{
  echo "PROMETHEUS=$(command -v prometheus)"
  echo "PROMTOOL=$(command -v promtool)"
  echo "ALERTMANAGER=$(command -v prometheus-alertmanager)"
  echo "AMTOOL=$(command -v amtool)"
  echo "OTELCOL=$OTELCOL"
  echo "COMPOSE_CONFIG=$COMPOSE_CONFIG"
  if [ -z "$JAEGER_UNAVAILABLE" ]; then echo "JAEGER=$JAEGER_BIN"; else echo "JAEGER="; fi
  echo "JAEGER_UNAVAILABLE=$JAEGER_UNAVAILABLE"
} >"$CACHE/backends.env.$$"
mv "$CACHE/backends.env.$$" "$CACHE/backends.env"

echo "backends (paths in .cache/backends.env):"
echo "  prometheus:   $(first_line prometheus --version)"
echo "  promtool:     $(first_line promtool --version)"
echo "  alertmanager: $(first_line prometheus-alertmanager --version)"
echo "  amtool:       $(first_line amtool --version)"
echo "  otelcol:      $(first_line "$OTELCOL" --version)"
if [ -z "$JAEGER_UNAVAILABLE" ]; then
  # A source build has no version stamped in (`jaeger version` prints empty fields); the module version it
  # was built from says which release it is.
  built="$(go version -m "$JAEGER_BIN" | awk -v m="$JAEGER_MODULE" '($1 == "mod" || $1 == "dep") && $2 == m { print $3 }')"
  echo "  jaeger:       $JAEGER_MODULE $built (Jaeger v$JAEGER_RELEASE)"
else
  echo "  jaeger:       not available"
fi
