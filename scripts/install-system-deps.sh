#!/usr/bin/env bash
# Debian packages the tests need (idempotent): promtool + Prometheus (package prometheus), amtool +
# Alertmanager (prometheus-alertmanager), wrk for the benchmark's quick mode, Chromium (and a font for its
# screenshots) for the browser test of `signalkit top --web`.
set -euo pipefail
need=()
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v amtool >/dev/null 2>&1 || need+=(prometheus-alertmanager)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "signalkit: installing Debian packages: ${need[*]}" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  # The packages start services (Prometheus :9090, Alertmanager :9093) where an init system runs;
  # the tests start their own, on free ports.
  $SUDO systemctl stop prometheus prometheus-alertmanager >/dev/null 2>&1 || true
fi
