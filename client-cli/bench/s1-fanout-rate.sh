#!/usr/bin/env bash
# Scenario 1, room fan-out at a fixed rate: 1 000 clients in rooms of 10, 10 messages/s each, 64-byte
# text, so 100 000 deliveries/s are owed. Reports deliveries/s, lost (must be 0) and latency.
# Targets: p50 under 1 ms, p99 under 10 ms.
#
#   client-cli/bench/s1-fanout-rate.sh [extra server settings, e.g. --tavern.net.transport=epoll]
#
# WARMUP / DURATION (default 20s / 30s) change the periods.
source "$(dirname "$0")/lib.sh"
bench_setup s1-fanout-rate
server_start "$@"
run_bench s1 --clients 1000 --room-size 10 --rate 10 --size 64 \
  --warmup "${WARMUP:-20s}" --duration "${DURATION:-30s}" --connect-rate 1000/s > /dev/null
server_stop
summarize "$RUN_DIR/s1.json"
