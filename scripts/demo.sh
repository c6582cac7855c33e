#!/usr/bin/env bash
# The demo: the two example services (orders -> inventory) with the signalkit preload, a load
# generator with a known mix, and `signalkit top` showing their golden signals live, marked against the
# alert thresholds of docker/slo.yaml (the SLO file the Docker stack's rules are generated from). No Docker.
#
#   bash scripts/demo.sh              live view until Ctrl-C (which stops everything)
#   bash scripts/demo.sh --once       about 10 s of load, one snapshot, exit (also when stdout is not a terminal)
#   bash scripts/demo.sh --no-setup   skip `pnpm install` and `pnpm run build` (already done)
#
# Ports: 3000/3001 for the apps and 9464/9465 for their metrics when free, other free ports otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

once=0
setup=1
for arg in "$@"; do
  case "$arg" in
    --once) once=1 ;;
    --no-setup) setup=0 ;;
    -h | --help)
      sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "demo: unknown option $arg (try --help)" >&2
      exit 2
      ;;
  esac
done
[ -t 1 ] || once=1

source scripts/toolchain.sh
if [ "$setup" = 1 ]; then
  echo "demo: installing dependencies (pnpm install --frozen-lockfile)"
  pnpm install --frozen-lockfile
  echo "demo: building (pnpm run build)"
  if ! build_log="$(pnpm run build 2>&1)"; then
    echo "$build_log" >&2
    echo "demo: the build failed" >&2
    exit 1
  fi
fi

RATE=20
logs="$(mktemp -d "${TMPDIR:-/tmp}/signalkit-demo.XXXXXX")"
pids=()

# The preferred ports when free, else ports the OS picks; all four distinct.
read -r ORDERS_PORT INVENTORY_PORT ORDERS_METRICS_PORT INVENTORY_METRICS_PORT < <(
  node -e '
    const net = require("node:net");
    const held = [];
    const listen = (port) =>
      new Promise((resolve) => {
        const server = net.createServer();
        server.once("error", () => resolve(undefined));
        server.listen(port, "127.0.0.1", () => {
          held.push(server);
          resolve(server.address().port);
        });
      });
    (async () => {
      const ports = [];
      for (const preferred of process.argv.slice(1).map(Number)) ports.push((await listen(preferred)) ?? (await listen(0)));
      for (const server of held) server.close();
      console.log(ports.join(" "));
    })();
  ' 3000 3001 9464 9465
)
ORDERS_URL="http://127.0.0.1:$ORDERS_PORT"
ORDERS_METRICS="http://127.0.0.1:$ORDERS_METRICS_PORT/metrics"
INVENTORY_METRICS="http://127.0.0.1:$INVENTORY_METRICS_PORT/metrics"

stop_all() {
  trap - EXIT INT TERM
  # The load generator first, so it finishes its requests in flight and prints its ground truth.
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
# Prints what the load generator sent (it prints its ground truth when stopped) and exits.
finish() {
  stop_all
  if [ -s "$logs/load.log" ]; then
    echo
    echo "What the load generator sent (its ground truth, over its whole run):"
    cat "$logs/load.log"
  fi
  echo "Logs: $logs/"
  exit "$1"
}
trap stop_all EXIT
trap 'finish 0' INT TERM

# Starts a service with the preload, like `pnpm run start:<name>` in examples/express-api, and waits
# until it serves and its metrics endpoint answers.
start_service() {
  local name="$1" script="$2" metrics="$3"
  shift 3
  # Job control on while starting it: its own process group, so Ctrl-C in the terminal reaches top,
  # and the services stay up until stop_all has let the load generator finish its requests.
  set -m
  (cd examples/express-api && exec env OTEL_SERVICE_NAME="$name" "$@" \
    node --import @signalkit/node/register "$script") >"$logs/$name.log" 2>&1 &
  local pid=$!
  set +m
  pids=("$pid" "${pids[@]}")
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$logs/$name.log" >&2
      echo "demo: $name exited before it served" >&2
      exit 1
    fi
    if grep -q '^listening ' "$logs/$name.log" &&
      node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$metrics"; then
      return 0
    fi
    sleep 0.2
  done
  cat "$logs/$name.log" >&2
  echo "demo: $name did not serve within 20 s" >&2
  exit 1
}

start_service inventory src/inventory.js "$INVENTORY_METRICS" \
  INVENTORY_PORT="$INVENTORY_PORT" OTEL_EXPORTER_PROMETHEUS_PORT="$INVENTORY_METRICS_PORT"
start_service orders src/orders.js "$ORDERS_METRICS" \
  ORDERS_PORT="$ORDERS_PORT" OTEL_EXPORTER_PROMETHEUS_PORT="$ORDERS_METRICS_PORT" \
  INVENTORY_URL="http://127.0.0.1:$INVENTORY_PORT"

node examples/load/src/cli.js --target "$ORDERS_URL" --rate "$RATE" --concurrency 4 >"$logs/load.log" 2>&1 &
pids=("$!" "${pids[@]}")

cat <<EOF

signalkit demo
  orders     $ORDERS_URL   metrics $ORDERS_METRICS
  inventory  http://127.0.0.1:$INVENTORY_PORT   metrics $INVENTORY_METRICS
  load       $RATE req/s to orders, per 100: 60 GET /orders/:id, 15 POST /orders (-> inventory),
             10 GET /slow (~300 ms), 10 GET /error (500), 5 unknown paths (404)
  logs       $logs/
  try        curl $ORDERS_METRICS

EOF

top_args=(--slo docker/slo.yaml "$ORDERS_METRICS" "$INVENTORY_METRICS")
status=0
if [ "$once" = 1 ]; then
  sleep 2
  node packages/cli/dist/bin.mjs top --once --interval 6 "${top_args[@]}" || status=$?
else
  echo "signalkit top starts in 2 s; Ctrl-C stops everything."
  sleep 2
  node packages/cli/dist/bin.mjs top "${top_args[@]}" || status=$?
fi

finish "$status"
