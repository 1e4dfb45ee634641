# Shared by the benchmark scenarios in this folder; sourced, not run.
#
# What it gives a scenario script:
#   bench_setup NAME        build if needed, copy the jars into a fresh run folder, note the machine
#   server_start [ARGS...]  start Tavern's server on free loopback ports, the chat rate limit off,
#                           every other setting at its default unless ARGS says otherwise
#   baseline_start [ARGS..] start the minimal Netty fan-out baseline (io.tavern.cli.bench.baseline)
#   run_bench TAG [ARGS...] run `tavern-cli bench --json` against the running server; samples the
#                           server's and the load generator's CPU time at the start and end of the
#                           measured period; writes $RUN_DIR/TAG.json
#   server_stop             stop the server (also done on exit, whatever happens)
#   heap_used_kib, rss_kib, cpu_seconds, metric NAME, loadavg
#
# Environment: BENCH_OUT (default /tmp/tavern-bench) for results; BENCH_REBUILD=1 to rebuild;
# SERVER_JAVA_OPTS / BENCH_JAVA_OPTS for extra JVM options (e.g. to profile); TAVERN_SERVER_JAR /
# TAVERN_CLI_JAR to measure other builds; BENCH_QUIET_WAIT / BENCH_QUIET_CORES (see wait_quiet).
# Needs: bash, a JDK 17+ (java, jcmd), curl, jq. Everything runs on 127.0.0.1 and stops by itself.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
BENCH_OUT=${BENCH_OUT:-/tmp/tavern-bench}
CLK_TCK=$(getconf CLK_TCK)
SERVER_PID=""
SERVER_KIND=""
GAME_PORT=""
HTTP_PORT=""
RUN_DIR=""

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# Busy CPU seconds of the whole machine so far (all cores; idle and iowait excluded).
system_busy_seconds() {
  awk -v tck="$CLK_TCK" '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / tck; exit }' /proc/stat
}

# Waits (up to BENCH_QUIET_WAIT seconds, default 600) until the machine is quiet: under
# BENCH_QUIET_CORES (default 0.3) cores busy over 5 s. The two cores are shared by the server and
# the load generator; anything else running skews the figures, so each run also reports how many
# cores other processes used while it measured ("otherCores").
wait_quiet() {
  local limit=${BENCH_QUIET_WAIT:-600} max=${BENCH_QUIET_CORES:-0.3} waited=0 b0 b1 busy
  while true; do
    b0=$(system_busy_seconds); sleep 5; b1=$(system_busy_seconds)
    busy=$(awk -v a="$b0" -v b="$b1" 'BEGIN { printf "%.2f", (b - a) / 5 }')
    if awk -v x="$busy" -v m="$max" 'BEGIN { exit !(x < m) }'; then
      log "machine quiet ($busy cores busy)"
      return 0
    fi
    waited=$((waited + 5))
    if ((waited >= limit)); then
      log "machine still busy ($busy cores) after ${limit}s; going ahead: see otherCores in the results"
      return 0
    fi
    ((waited % 60 == 0)) && log "waiting for a quiet machine ($busy cores busy)"
  done
}

# A TCP port no socket uses, below the ephemeral range (the load generator's own connections take
# ports from that range, and a listener cannot bind a port an open connection holds).
free_port() {
  local port low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  for _ in $(seq 1 200); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! ss -Htan "sport = :$port" | grep -q .; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

bench_setup() {
  local name=$1
  if [[ ${BENCH_REBUILD:-0} == 1 || ! -f $REPO/app/target/tavern-server.jar || ! -f $REPO/client-cli/target/tavern-cli.jar ]]; then
    log "building (./mvnw -B -q -DskipTests install)"
    (cd "$REPO" && ./mvnw -B -q -DskipTests install)
  fi
  RUN_DIR="$BENCH_OUT/$name-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$RUN_DIR"
  # Private copies: a rebuild in the work tree during the run cannot swap the jars underneath it.
  # TAVERN_SERVER_JAR / TAVERN_CLI_JAR measure other builds (another commit's, for a before/after).
  cp "${TAVERN_SERVER_JAR:-$REPO/app/target/tavern-server.jar}" "$RUN_DIR/tavern-server.jar"
  cp "${TAVERN_CLI_JAR:-$REPO/client-cli/target/tavern-cli.jar}" "$RUN_DIR/tavern-cli.jar"
  {
    echo "date:    $(date -Is)"
    echo "cpu:     $(nproc) x $(lscpu | sed -n 's/^Model name: *//p')"
    echo "memory:  $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
    echo "kernel:  $(uname -r)"
    echo "java:    $(java -version 2>&1 | head -1)"
    echo "commit:  $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$REPO" diff --quiet 2>/dev/null || echo ' (work tree has changes)')"
    echo "nofile:  $(ulimit -n)"
    echo "server:  ${TAVERN_SERVER_JAR:-$REPO/app/target/tavern-server.jar}"
  } > "$RUN_DIR/machine.txt"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  log "results in $RUN_DIR (load average $(loadavg))"
}

bench_cleanup() {
  server_stop || true
}

wait_for_log() {
  local file=$1 pattern=$2 seconds=$3
  for _ in $(seq 1 $((seconds * 5))); do
    if grep -q "$pattern" "$file" 2>/dev/null; then
      return 0
    fi
    if [[ -n $SERVER_PID ]] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
      log "the server died; last lines of $file:"
      tail -20 "$file" >&2
      return 1
    fi
    sleep 0.2
  done
  log "timed out waiting for '$pattern' in $file"
  tail -20 "$file" >&2
  return 1
}

# Tavern's server, rate limit off, otherwise defaults (ARGS may add settings; the scenario says why).
server_start() {
  GAME_PORT=$(free_port)
  HTTP_PORT=$(free_port)
  local log_file="$RUN_DIR/server-$GAME_PORT.log"
  # shellcheck disable=SC2086
  java ${SERVER_JAVA_OPTS:-} -jar "$RUN_DIR/tavern-server.jar" \
    --tavern.chat.rate-limit.per-second=0 \
    --tavern.net.bind-address=127.0.0.1 \
    --tavern.net.port="$GAME_PORT" \
    --server.port="$HTTP_PORT" \
    --server.address=127.0.0.1 \
    --tavern.db.embedded-dir="$RUN_DIR/data-$GAME_PORT" \
    --management.endpoints.web.exposure.include=health,prometheus \
    "$@" > "$log_file" 2>&1 &
  SERVER_PID=$!
  SERVER_KIND=tavern
  wait_for_log "$log_file" "Started TavernApplication" 180
  log "Tavern server pid $SERVER_PID on $GAME_PORT: $(grep -o 'transport [a-z_]*, [0-9]* worker threads' "$log_file" | head -1)"
}

# The minimal Netty fan-out server the ceiling is compared with; same transport choice and threads.
baseline_start() {
  GAME_PORT=$(free_port)
  HTTP_PORT=""
  local log_file="$RUN_DIR/baseline-$GAME_PORT.log"
  # shellcheck disable=SC2086
  java ${SERVER_JAVA_OPTS:-} -cp "$RUN_DIR/tavern-cli.jar" io.tavern.cli.bench.baseline.FanoutBaselineServer \
    --host 127.0.0.1 --port "$GAME_PORT" "$@" > "$log_file" 2>&1 &
  SERVER_PID=$!
  SERVER_KIND=baseline
  wait_for_log "$log_file" "listening on" 60
  log "baseline pid $SERVER_PID: $(cat "$log_file")"
}

server_stop() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server $SERVER_PID did not stop in 30 s; killing it"
      kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

# utime + stime of a process, in seconds.
cpu_seconds() {
  awk -v tck="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / tck }' "/proc/$1/stat"
}

rss_kib() {
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}

# Used heap after a full GC, in KiB.
heap_used_kib() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | sed -n 's/.*heap *total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1
}

# A value from the server's Prometheus endpoint (summed over label sets), or "" if absent.
metric() {
  [[ -n $HTTP_PORT ]] || { echo ""; return 0; }
  curl -s --max-time 5 "http://127.0.0.1:$HTTP_PORT/actuator/prometheus" |
    awk -v name="$1" '$1 == name || index($1, name "{") == 1 { sum += $NF; found = 1 } END { if (found) printf "%.0f\n", sum }'
}

# run_bench TAG ARGS...: the load generator against the running server. While it runs, the server's
# CPU time is sampled when the measured period starts and ends (read from the bench's progress
# lines), so that CPU per delivery covers exactly the deliveries counted.
run_bench() {
  local tag=$1
  shift
  local out="$RUN_DIR/$tag.bench.json" err="$RUN_DIR/$tag.bench.log"
  local load_before
  wait_quiet
  load_before=$(loadavg)
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:-} -jar "$RUN_DIR/tavern-cli.jar" bench --host 127.0.0.1 --port "$GAME_PORT" --json "$@" \
    > "$out" 2> "$err" &
  local bench_pid=$! started="" server_cpu0="" server_cpu1="" bench_cpu0="" bench_cpu1="" t0="" t1="" sys0="" sys1=""
  while kill -0 "$bench_pid" 2>/dev/null; do
    if [[ -z $started ]] && grep -q -e "^Measuring for" -e "^Holding" "$err"; then
      started=1
      t0=$(date +%s.%N); server_cpu0=$(cpu_seconds "$SERVER_PID"); bench_cpu0=$(cpu_seconds "$bench_pid")
      sys0=$(system_busy_seconds)
    elif [[ -n $started && -z $t1 ]] && grep -q -e "^Waiting up to" -e "still connected" "$err"; then
      t1=$(date +%s.%N); server_cpu1=$(cpu_seconds "$SERVER_PID"); bench_cpu1=$(cpu_seconds "$bench_pid")
      sys1=$(system_busy_seconds)
    fi
    sleep 0.1
  done
  wait "$bench_pid" || log "bench exited with $?"
  local load_after
  load_after=$(loadavg)
  if [[ ! -s $out ]]; then
    log "the bench printed no report; its log:"
    cat "$err" >&2
    return 1
  fi
  jq --arg tag "$tag" --arg kind "$SERVER_KIND" --arg lb "$load_before" --arg la "$load_after" \
     --arg t0 "${t0:-0}" --arg t1 "${t1:-0}" \
     --arg s0 "${server_cpu0:-0}" --arg s1 "${server_cpu1:-0}" --arg b0 "${bench_cpu0:-0}" --arg b1 "${bench_cpu1:-0}" \
     --arg y0 "${sys0:-0}" --arg y1 "${sys1:-0}" \
     '{tag: $tag, server: $kind, loadBefore: $lb, loadAfter: $la,
       wallSeconds: (($t1|tonumber) - ($t0|tonumber)),
       serverCpuSeconds: (($s1|tonumber) - ($s0|tonumber)),
       benchCpuSeconds: (($b1|tonumber) - ($b0|tonumber)),
       systemBusySeconds: (($y1|tonumber) - ($y0|tonumber))}
      | . + {serverCores: (if .wallSeconds > 0 then .serverCpuSeconds / .wallSeconds else 0 end),
             benchCores: (if .wallSeconds > 0 then .benchCpuSeconds / .wallSeconds else 0 end),
             otherCores: (if .wallSeconds > 0 then ([0, .systemBusySeconds - .serverCpuSeconds - .benchCpuSeconds] | max) / .wallSeconds else 0 end)}
      | . + {bench: $bench[0]}
      | . + {serverCpuMicrosPerDelivery: (if .bench.delivered > 0 then .serverCpuSeconds * 1e6 / .bench.delivered else null end)}' \
     --slurpfile bench "$out" -n > "$RUN_DIR/$tag.json"
  cat "$RUN_DIR/$tag.json"
}

# One line per run, for the README's tables.
summarize() {
  jq -r '"\(.tag): \(.bench.deliveriesPerSecond) deliveries/s, lost \(.bench.lost), latency ms p50 \(.bench.latencyMs.p50) p99 \(.bench.latencyMs.p99) p99.9 \(.bench.latencyMs.p999) max \(.bench.latencyMs.max); server \(.serverCores*100|round/100) cores, \(.serverCpuMicrosPerDelivery // 0 | .*100|round/100) us CPU/delivery; bench \(.benchCores*100|round/100) cores; others \(.otherCores*100|round/100) cores; errors \(.bench.errors|tostring); load \(.loadBefore) -> \(.loadAfter)"' "$@"
}
