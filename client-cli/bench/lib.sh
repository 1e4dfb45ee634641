# Shared by the benchmark scenarios in this folder; sourced, not run.
#
# What it gives a scenario script:
#   bench_setup NAME         build if needed, copy the jars into a fresh run folder, note the machine
#   server_start [ARGS...]   start Tavern's server (java -jar tavern-server.jar) on free loopback ports,
#                            a data folder of its own, the chat rate limit off, every other setting at
#                            its default unless ARGS says otherwise; SERVER_LAUNCH=image starts it as
#                            the container image does (image_layout, image_java_flags)
#   baseline_start           start the bare fan-out baseline (io.tavern.cli.bench.baseline.BareFanoutServer)
#   run_bench TAG [ARGS...]  run `tavern-cli bench --json --server-pid PID` against the running server;
#                            writes $RUN_DIR/TAG.json (the bench's report plus tag, server kind, load)
#   server_stop              stop the server by its PID (also done on exit, whatever happens)
#   compare NAME ARGS...     the scenario ARGS against the baseline and against Tavern, interleaved
#                            (ROUNDS pairs, the order alternating), a fresh server for every run
#   table FILES...           the runs as a Markdown table, with Tavern / baseline ratios per round
#   summarize FILES...       one line per run
#   heap_used_kib, rss_kib, metric NAME, loadavg
#
# Every run measures its own CPU: the bench samples its own CPU time, the server's (/proc/PID/stat)
# and the machine's at the start and end of the measured window, and divides by the deliveries it
# received in that window (see the bench's "cpu" object). Only same-run ratios and CPU per delivery
# compare across runs on a shared machine; "otherCores" says how much else ran meanwhile.
#
# Environment: BENCH_OUT (default /tmp/tavern-bench) for results; BENCH_REBUILD=1 to rebuild;
# WARMUP (default 20s, the least the JIT needs on 2 cores) and DURATION (default 30s); WARMUP_MAX (default
# 180s): past WARMUP the bench warms up on, in 5 s steps, until the server's JIT compiler threads take under
# JIT_SETTLED percent (default 3) of its CPU two steps in a row, at most WARMUP_MAX in all (WARMUP_MAX=0: a fixed
# warm-up; how long each run warmed up, and the JIT's share of the server's CPU in its window, are in the table);
# ROUNDS (default 1) pairs per scenario in compare; SERVER_JAVA_OPTS / BENCH_JAVA_OPTS for extra JVM options;
# SERVER_LAUNCH=image with IMAGE_JAVA_OPTS (the container's JAVA_OPTS) and SERVER_MEMORY_LIMIT (a pod's
# memory limit, e.g. 1G) to run the server as the image and the Helm chart run it;
# TAVERN_SERVER_JAR / TAVERN_CLI_JAR to measure other builds; BENCH_QUIET_WAIT / BENCH_QUIET_CORES
# (see wait_quiet); PROFILE=1 to profile the bench and the server with async-profiler during each
# measured window (PROFILE_SECONDS, default 10): flat top frames in $RUN_DIR/TAG.{bench,server}.profile.txt;
# PROFILE_EVENT=alloc profiles what they allocate instead of their CPU (frames weighted by bytes).
# Needs: bash, a JDK 17+ (java, jcmd, jstat), curl, jq. Everything runs on 127.0.0.1 and stops by itself.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
BENCH_OUT=${BENCH_OUT:-/tmp/tavern-bench}
WARMUP=${WARMUP:-20s}
WARMUP_MAX=${WARMUP_MAX:-180s}
JIT_SETTLED=${JIT_SETTLED:-3}
DURATION=${DURATION:-30s}
ASYNC_PROFILER_VERSION=4.2
SERVER_PID=""
SERVER_KIND=""
GAME_PORT=""
HTTP_PORT=""
RUN_DIR=""

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# Busy CPU seconds of the whole machine so far (all cores; idle and iowait excluded).
system_busy_seconds() {
  awk -v tck="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / tck; exit }' /proc/stat
}

# Waits (up to BENCH_QUIET_WAIT seconds, default 30) until the machine is quiet: under
# BENCH_QUIET_CORES (default 0.3) cores busy over 5 s. Then goes ahead regardless: each run reports
# how many cores other processes used while it measured ("otherCores").
wait_quiet() {
  local limit=${BENCH_QUIET_WAIT:-30} max=${BENCH_QUIET_CORES:-0.3} waited=0 b0 b1 busy
  while ((waited < limit)); do
    b0=$(system_busy_seconds); sleep 5; b1=$(system_busy_seconds)
    busy=$(awk -v a="$b0" -v b="$b1" 'BEGIN { printf "%.2f", (b - a) / 5 }')
    if awk -v x="$busy" -v m="$max" 'BEGIN { exit !(x < m) }'; then
      log "machine quiet ($busy cores busy)"
      return 0
    fi
    waited=$((waited + 5))
  done
  log "machine busy (${busy:-?} cores, load $(loadavg)); going ahead: see otherCores in the results"
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
    log "building (./mvnw -B -q -DskipTests package)"
    (cd "$REPO" && ./mvnw -B -q -DskipTests package)
  fi
  RUN_DIR="$BENCH_OUT/$name-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$RUN_DIR"
  # Private copies: a rebuild in the work tree during the run cannot swap the jars underneath it.
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
    echo "warm-up: $WARMUP, then until the server's JIT settles (under $JIT_SETTLED % of its CPU), at most $WARMUP_MAX; measured: $DURATION"
    echo "load:    $(loadavg)"
    echo "server:  ${SERVER_LAUNCH:-jar}${IMAGE_JAVA_OPTS:+, JAVA_OPTS $IMAGE_JAVA_OPTS}${SERVER_MEMORY_LIMIT:+, memory limit $SERVER_MEMORY_LIMIT}"
  } > "$RUN_DIR/machine.txt"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  if [[ ${PROFILE:-0} == 1 ]]; then
    log "profiling with $(async_profiler)" # fetched now, not during the first measured window
  fi
  log "results in $RUN_DIR (load average $(loadavg))"
}

bench_cleanup() {
  server_stop || true
  memory_limit_remove
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

# Tavern's server with the per-player limits off, as for trusted load: the chat rate limit (the scenarios
# send 10 messages/s per client, over the default 5/s), the request budgets (a windowed client sends far
# more than a player) and the per-address room-creation rate (every bench client comes from loopback);
# otherwise defaults (ARGS may add settings; the scenario says why).
server_start() {
  GAME_PORT=$(free_port)
  HTTP_PORT=$(free_port)
  local log_file="$RUN_DIR/tavern-$GAME_PORT.log"
  local launch=(-jar "$RUN_DIR/tavern-server.jar")
  if [[ ${SERVER_LAUNCH:-jar} == image ]]; then
    # shellcheck disable=SC2206
    launch=($(image_java_flags) ${IMAGE_JAVA_OPTS:-} org.springframework.boot.loader.launch.JarLauncher)
    image_layout
  fi
  # shellcheck disable=SC2086
  (in_memory_limit && cd "${IMAGE_APP_DIR:-.}" && exec java ${SERVER_JAVA_OPTS:-} "${launch[@]}" \
    --tavern.chat.rate-limit.per-second=0 \
    --tavern.limits.session.per-second=0 \
    --tavern.limits.address.per-second=0 \
    --tavern.rooms.creations-per-minute-per-address=1000000 \
    --tavern.net.bind-address=127.0.0.1 \
    --tavern.net.port="$GAME_PORT" \
    --server.port="$HTTP_PORT" \
    --server.address=127.0.0.1 \
    --tavern.db.embedded-dir="$RUN_DIR/data-$GAME_PORT" \
    --management.endpoints.web.exposure.include=health,prometheus \
    "$@") > "$log_file" 2>&1 &
  SERVER_PID=$!
  SERVER_KIND=tavern
  wait_for_log "$log_file" "Started TavernApplication" 180
  log "Tavern pid $SERVER_PID on $GAME_PORT: $(grep -o 'transport [a-z_]*, [0-9]* worker threads' "$log_file" | head -1)"
}

# SERVER_MEMORY_LIMIT (e.g. 1G, the Helm chart's default limit): Tavern's server (not the bare baseline, the
# reference) runs in a memory control group of its own with that limit, as a container does, so the JVM sizes
# itself from the limit as it does in a pod (its heap, its collector's structures, even which collector it picks;
# without one it sees the host's memory). A child of this shell's own group, cgroup v2 or v1's memory controller;
# needs the right to make one (root here), and fails the run otherwise.
# Called in the server's subshell before its exec: the subshell moves itself into the group.
in_memory_limit() {
  [[ -z ${SERVER_MEMORY_LIMIT:-} ]] && return 0
  local group
  group=$(memory_limit_group) || return 1
  if [[ ! -d $group ]]; then
    mkdir -p "$group" || { log "cannot make the memory control group $group"; return 1; }
  fi
  if [[ -f $group/memory.max ]]; then
    echo "$SERVER_MEMORY_LIMIT" > "$group/memory.max"
  else
    echo "$SERVER_MEMORY_LIMIT" > "$group/memory.limit_in_bytes"
  fi || { log "cannot set the memory limit of $group"; return 1; }
  echo "$BASHPID" > "$group/cgroup.procs"
}

# The group SERVER_MEMORY_LIMIT puts the server in: under the unified hierarchy when this shell is in one
# (cgroup v2), else under v1's memory controller.
memory_limit_group() {
  local path
  if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
    path=$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)
    echo "/sys/fs/cgroup${path%/}/tavern-bench-$$"
  elif [[ -d /sys/fs/cgroup/memory ]]; then
    path=$(awk -F: '$2 == "memory" {print $3}' /proc/self/cgroup)
    echo "/sys/fs/cgroup/memory${path%/}/tavern-bench-$$"
  else
    log "SERVER_MEMORY_LIMIT: no memory control group hierarchy here"
    return 1
  fi
}

# Removes the group once its processes are gone (the server was stopped first).
memory_limit_remove() {
  [[ -z ${SERVER_MEMORY_LIMIT:-} ]] && return 0
  local group
  group=$(memory_limit_group 2>/dev/null) || return 0
  for _ in 1 2 3 4 5; do
    [[ -d $group ]] || return 0
    rmdir "$group" 2>/dev/null && return 0
    sleep 0.2 # the server's last threads are still leaving
  done
  log "could not remove $group"
}

# SERVER_LAUNCH=image: the server as the container image starts it, for memory figures. The jar is extracted into
# Spring Boot's layers, which are laid out in one directory as the Dockerfile copies them into /app, and started by
# JarLauncher with the flags of the Dockerfile's ENTRYPOINT (read from it, so they cannot drift), then
# IMAGE_JAVA_OPTS where the image expands its JAVA_OPTS (the Helm chart's go there: later flags win).
# SERVER_JAVA_OPTS come before them all. No container: the flags that size the heap see the host's memory,
# unless SERVER_MEMORY_LIMIT gives the server a pod's limit.
image_java_flags() {
  sed -n 's/.*"exec java \(.*\) \$JAVA_OPTS .*/\1/p' "$REPO/Dockerfile"
}

image_layout() {
  IMAGE_APP_DIR="$RUN_DIR/image/app"
  [[ -d $IMAGE_APP_DIR ]] && return 0
  java -Djarmode=tools -jar "$RUN_DIR/tavern-server.jar" extract --layers --launcher --destination "$RUN_DIR/image/layers" > /dev/null
  mkdir -p "$IMAGE_APP_DIR"
  local layer
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    [[ -d $RUN_DIR/image/layers/$layer ]] && cp -r "$RUN_DIR/image/layers/$layer/." "$IMAGE_APP_DIR/"
  done
  log "image layout in $IMAGE_APP_DIR, flags: $(image_java_flags)"
}

# The bare fan-out baseline: epoll, as many event loops as cores, nothing but the fan-out.
baseline_start() {
  GAME_PORT=$(free_port)
  HTTP_PORT=""
  local log_file="$RUN_DIR/baseline-$GAME_PORT.log"
  # shellcheck disable=SC2086
  java ${SERVER_JAVA_OPTS:-} -cp "$RUN_DIR/tavern-cli.jar" io.tavern.cli.bench.baseline.BareFanoutServer \
    --host 127.0.0.1 --port "$GAME_PORT" "$@" > "$log_file" 2>&1 &
  SERVER_PID=$!
  SERVER_KIND=baseline
  wait_for_log "$log_file" "listening on" 60
  log "baseline pid $SERVER_PID: $(head -1 "$log_file")"
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

rss_kib() {
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}

# Used heap after a full GC, in KiB.
heap_used_kib() {
  jcmd "$1" GC.run > /dev/null
  # jstat's columns are the same whichever collector runs (GC.heap_info's text is not: a JVM given 1 GiB or
  # less picks the serial collector unless told otherwise): survivor spaces, eden and old generation used.
  jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { printf "%d\n", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"] }'
}

# histogram_growth BEFORE WITH N: the N classes whose instances grew the most in bytes between two
# class histograms (jcmd GC.class_histogram), as "bytes-grown instances-grown class".
histogram_growth() {
  awk 'FNR == NR && $1 ~ /^[0-9]+:$/ { bytes[$4] = $3; count[$4] = $2; next }
       $1 ~ /^[0-9]+:$/ { grow = $3 - bytes[$4]; if (grow > 0) printf "%d %d %s\n", grow, $2 - count[$4], $4 }' "$1" "$2" |
    sort -rn | head -"$3"
}

# A value from Tavern's Prometheus endpoint (summed over label sets), or "" if absent.
metric() {
  [[ -n $HTTP_PORT ]] || { echo ""; return 0; }
  curl -s --max-time 5 "http://127.0.0.1:$HTTP_PORT/actuator/prometheus" |
    awk -v name="$1" '$1 == name || index($1, name "{") == 1 { sum += $NF; found = 1 } END { if (found) printf "%.0f\n", sum }'
}

# async-profiler's native agent, from Maven Central (tools.profiler:async-profiler), unpacked once.
async_profiler() {
  local dir="$BENCH_OUT/tools/async-profiler-$ASYNC_PROFILER_VERSION"
  local lib="$dir/linux-x64/libasyncProfiler.so"
  if [[ ! -f $lib ]]; then
    mkdir -p "$dir"
    (cd "$REPO" && ./mvnw -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64" \
      -DoutputDirectory="$dir") >&2
    (cd "$dir" && jar xf "async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar" linux-x64/libasyncProfiler.so)
  fi
  echo "$lib"
}

# Profiles process PID for PROFILE_SECONDS (PROFILE_EVENT: cpu, kernel frames included, or alloc), then writes its
# flat top frames to FILE.
profile_process() {
  local pid=$1 file=$2 lib
  lib=$(async_profiler)
  # The quotes keep jcmd from reading the agent's options (which contain '=') as its own.
  jcmd "$pid" JVMTI.agent_load "$lib" "\"start,event=${PROFILE_EVENT:-cpu},$(profile_options),timeout=${PROFILE_SECONDS:-10},flat=25,file=$file\"" > /dev/null \
    || log "could not profile $pid"
}

# A CPU sample every millisecond, top frames only; an allocation sample every 512 KiB allocated, with the 15
# heaviest call paths too (the top frame of an allocation is only the type allocated).
profile_options() {
  if [[ ${PROFILE_EVENT:-cpu} == alloc ]]; then echo "alloc=512k,traces=15"; else echo "interval=1ms,traces=0"; fi
}

# run_bench TAG ARGS...: the load generator against the running server. The bench measures its own
# CPU time, the server's and the machine's over its measured window; this adds the tag, the server's
# kind and the load average, and profiles both processes meanwhile when PROFILE=1.
run_bench() {
  local tag=$1
  shift
  local out="$RUN_DIR/$tag.bench-out.txt" err="$RUN_DIR/$tag.bench.log"
  wait_quiet
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:-} -jar "$RUN_DIR/tavern-cli.jar" bench --host 127.0.0.1 --port "$GAME_PORT" \
    --server-pid "$SERVER_PID" --warmup-max "$WARMUP_MAX" --jit-settled "$JIT_SETTLED" --json "$@" > "$out" 2> "$err" &
  local bench_pid=$! profiled=""
  while kill -0 "$bench_pid" 2>/dev/null; do
    if [[ ${PROFILE:-0} == 1 && -z $profiled ]] && grep -q "^Measuring for" "$err"; then
      profiled=1
      sleep 2 # into the window
      profile_process "$bench_pid" "$RUN_DIR/$tag.bench.profile.txt"
      profile_process "$SERVER_PID" "$RUN_DIR/$tag.server.profile.txt"
    fi
    sleep 0.2
  done
  wait "$bench_pid" || log "bench exited with $?"
  # The profiler's own lines ("Profiling started") share the bench's standard output: the report is the JSON line.
  if ! grep -q '^{' "$out"; then
    log "the bench printed no report; its log:"
    cat "$err" >&2
    return 1
  fi
  grep '^{' "$out" | jq --arg tag "$tag" --arg kind "$SERVER_KIND" '{tag: $tag, server: $kind, bench: .}' > "$RUN_DIR/$tag.json"
  cat "$RUN_DIR/$tag.json"
}

# compare NAME BENCH_ARGS...: the same load against the baseline and Tavern, ROUNDS pairs, the order
# alternating (baseline first in odd rounds), each run on a freshly started server. Tavern's extra
# settings come from TAVERN_ARGS (an array, may be empty). Writes NAME-rR-KIND.json.
compare() {
  local name=$1
  shift
  local round kind
  for round in $(seq 1 "${ROUNDS:-1}"); do
    local order=(baseline tavern)
    ((round % 2 == 0)) && order=(tavern baseline)
    for kind in "${order[@]}"; do
      if [[ $kind == baseline ]]; then
        baseline_start
      else
        server_start ${TAVERN_ARGS[@]+"${TAVERN_ARGS[@]}"}
      fi
      run_bench "$name-r$round-$kind" "$@" > /dev/null || log "$name round $round on $kind failed"
      server_stop
    done
  done
}

# One line per run.
summarize() {
  jq -r 'def r(n): . * pow(10; n) | round / pow(10; n);
    "\(.tag): \(.bench.deliveriesPerSecond) deliveries/s, lost \(.bench.lost), refused \(.bench.refusals|tostring), latency ms p50 \(.bench.latencyMs.p50) p99 \(.bench.latencyMs.p99) p99.9 \(.bench.latencyMs.p999); server \(.bench.cpu.serverMicrosPerDelivery // "?") us/delivery (\(.bench.cpu.serverCores // "?") cores), bench \(.bench.cpu.benchMicrosPerDelivery // "?") us/delivery (\(.bench.cpu.benchCores // "?") cores), others \(.bench.cpu.otherCores // "?") cores; errors \(.bench.errors|tostring); load \(.bench.loadAverage.before) -> \(.bench.loadAverage.after)"' "$@"
}

# table FILES...: a Markdown table of the runs, then for each round of each scenario the Tavern /
# baseline ratios of throughput and of server CPU per delivery.
table() {
  echo "| run | server | deliveries/s | lost | refused | latency p50 / p99 / p99.9 ms | server µs CPU/delivery | server cores | bench µs CPU/delivery | bench cores | other cores | server RSS MiB | load (1 min) | warm-up s | server JIT % | server sleeps/msg |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  jq -r 'def r(n): if . == null then "?" else . * pow(10; n) | round / pow(10; n) end;
    "| \(.tag) | \(.server) | \(.bench.deliveriesPerSecond | round) | \(.bench.lost) | \(.bench.refusals | to_entries | map("\(.key) \(.value)") | join(", ") | if . == "" then "0" else . end) | \(.bench.latencyMs.p50) / \(.bench.latencyMs.p99) / \(.bench.latencyMs.p999) | \(.bench.cpu.serverMicrosPerDelivery | r(2)) | \(.bench.cpu.serverCores | r(2)) | \(.bench.cpu.benchMicrosPerDelivery | r(2)) | \(.bench.cpu.benchCores | r(2)) | \(.bench.cpu.otherCores | r(2)) | \((.bench.cpu.serverRssKiB // 0) / 1024 | round) | \(.bench.loadAverage.before | split(" ")[0]) | \(.bench.warmupSeconds // "?")\(if .bench.warmupJitSettled == false then " (JIT unsettled)" else "" end) | \(if .bench.cpu.serverJitShare == null then "?" else (.bench.cpu.serverJitShare * 100 | r(1)) end) | \(.bench.cpu.serverSleepsPerMessage // "?") |"' "$@"
  echo
  jq -rs 'map({key: (.tag | sub("-(tavern|baseline)$"; "")), value: .}) | group_by(.key)[]
    | select(length == 2) | map(.value) | (map(select(.server == "tavern"))[0]) as $t | (map(select(.server == "baseline"))[0]) as $b
    | "\($t.tag | sub("-tavern$"; "")): Tavern / baseline = \(($t.bench.deliveriesPerSecond / $b.bench.deliveriesPerSecond * 1000 | round) / 1000) of the deliveries/s, \(if $t.bench.cpu.serverMicrosPerDelivery and $b.bench.cpu.serverMicrosPerDelivery then ($t.bench.cpu.serverMicrosPerDelivery / $b.bench.cpu.serverMicrosPerDelivery * 10 | round) / 10 else "?" end)x the server CPU per delivery"' "$@"
}
