#!/usr/bin/env bash
# Scenario 5, a connect burst: 10 000 clients connecting and logging in at once (every handshake
# in flight together, no pacing), against the default accept backlog (4 096). Reports the time
# until all are logged in, the per-client connect+login latency, and errors; the kernel's listen
# queue counters (nstat: ListenOverflows, ListenDrops) show whether SYNs were dropped meanwhile.
# Target: no errors, no refused connections.
#
#   CLIENTS=10000 client-cli/bench/s5-connect-burst.sh [extra server settings]
source "$(dirname "$0")/lib.sh"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
clients=${CLIENTS:-10000}
bench_setup s5-connect-burst
server_start "$@"
nstat -n > /dev/null 2>&1 || true   # resets nstat's history: the next call shows the increments
run_bench s5 --idle --clients "$clients" --connect-rate 1000000/s --connect-concurrency "$clients" \
  --bind-address 127.0.0.1-127.0.0.20 --duration 5s > /dev/null
nstat -z TcpExtListenOverflows TcpExtListenDrops TcpExtTCPReqQFullDrop TcpExtSyncookiesSent 2>/dev/null \
  | tee "$RUN_DIR/nstat.txt" || true
server_stop
jq -r '"\(.bench.connected) of \(.bench.clients) logged in \(.bench.connectSeconds) s after the first connect; per client ms p50 \(.bench.connectMs.p50) p99 \(.bench.connectMs.p99) max \(.bench.connectMs.max); connect errors \(.bench.connectErrors); errors \(.bench.errors|tostring); load \(.loadBefore) -> \(.loadAfter)"' "$RUN_DIR/s5.json"
