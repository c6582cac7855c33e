#!/usr/bin/env bash
# Debian packages the tests need (idempotent): promtool (package prometheus) to lint the /metrics output.
set -euo pipefail
need=()
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "signalkit: installing Debian packages: ${need[*]}" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  # The package starts a Prometheus service on :9090 where an init system runs; tests start their own.
  $SUDO systemctl stop prometheus >/dev/null 2>&1 || true
fi
