#!/usr/bin/env bash
# Proves the README's test command on a fresh machine: clones HEAD (committed work only) into a temporary
# directory and runs `bash .ci/run` there with every cache empty and private to this run, so nothing an
# earlier run left behind (Go modules and builds, the npm cache, the pnpm store, the clone's .tools/ and .cache/)
# can hide a missing install step. The environment is the caller's (a fresh machine's has the same certificate
# and proxy settings), with every cache location moved; the user's configuration files (~/.npmrc, Go's env
# file, ~/.gitconfig: settings, not caches) are copied into the private HOME. What it cannot make private:
# Debian packages (apt installs system-wide) and this machine's Node/npm/Go, which a fresh machine has too.
#
#   bash scripts/fresh-check.sh [--keep]
#
# Prints the run's last lines (ending `N passed, N failed`) and exits with its status; the whole log stays in
# the temporary directory, which is removed unless --keep is given or the run failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keep=0
case "${1:-}" in
  --keep) keep=1 ;;
  "") ;;
  *) echo "usage: bash scripts/fresh-check.sh [--keep]" >&2; exit 2 ;;
esac

if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-check: the work tree has uncommitted changes; they are not part of this check (HEAD is cloned)" >&2
fi
head="$(git -C "$ROOT" rev-parse --short HEAD)"
work="$(mktemp -d "${TMPDIR:-/tmp}/signalkit-fresh-XXXXXX")"
clone="$work/signalkit"
git clone --quiet --no-local --no-hardlinks "$ROOT" "$clone"
git -C "$clone" checkout --quiet --detach "$head"
mkdir -p "$work"/{home,xdg-cache,xdg-data,xdg-config,go/path,go/mod,go/build,npm-cache,pnpm-store,tmp}
for config in .npmrc .gitconfig .config/go/env; do
  if [ -f "$HOME/$config" ]; then
    mkdir -p "$(dirname "$work/home/$config")"
    cp "$HOME/$config" "$work/home/$config"
  fi
done
# Go reads its env file from the config folder, which XDG_CONFIG_HOME moves.
if [ -f "$HOME/.config/go/env" ]; then mkdir -p "$work/xdg-config/go" && cp "$HOME/.config/go/env" "$work/xdg-config/go/env"; fi

# The machine's PATH without anything a previous run installed under a project (.tools/, node_modules/.bin).
path="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '/\.tools/' -e '/node_modules/' | paste -sd: -)"

log="$work/run.log"
echo "fresh-check: $head in $clone, caches under $work (log: $log)" >&2
start=$(date +%s)
set +e
(
  cd "$clone" &&
    env -u SIGNALKIT_ROOT -u npm_config_prefix -u PNPM_HOME \
      PATH="$path" TERM=dumb CI=true \
      HOME="$work/home" TMPDIR="$work/tmp" \
      XDG_CACHE_HOME="$work/xdg-cache" XDG_DATA_HOME="$work/xdg-data" XDG_CONFIG_HOME="$work/xdg-config" \
      GOPATH="$work/go/path" GOMODCACHE="$work/go/mod" GOCACHE="$work/go/build" GOFLAGS="-modcacherw -buildvcs=false" \
      npm_config_cache="$work/npm-cache" npm_config_store_dir="$work/pnpm-store" \
      bash .ci/run </dev/null
) >"$log" 2>&1
status=$?
set -e
elapsed=$(($(date +%s) - start))

echo "--- fresh-check: last lines of $log"
tail -n 25 "$log"
echo "--- fresh-check: $head, exit $status after ${elapsed}s"
if [ "$status" -eq 0 ] && [ "$keep" -eq 0 ]; then
  rm -rf "$work"
else
  echo "fresh-check: kept $work" >&2
fi
exit "$status"
