#!/usr/bin/env bash
# Scenario 2, the fan-out ceiling: the rooms of scenario 1 (1 000 clients, rooms of 10, 64-byte text),
# each client keeping 8 messages unacknowledged. Measured twice in one run against the same load:
# Tavern's server, then the minimal Netty fan-out baseline (io.tavern.cli.bench.baseline: same frames,
# same transport, no logic). Reports deliveries/s of both and their ratio.
# Targets: at least 1 500 000 deliveries/s, and at least 0.9 of the baseline.
#
#   client-cli/bench/s2-fanout-ceiling.sh [extra server settings, e.g. --tavern.net.transport=epoll]
#
# The baseline gets the same transport when the settings name one. WARMUP / DURATION (20s / 30s).
source "$(dirname "$0")/lib.sh"
bench_setup s2-fanout-ceiling
transport=auto
for arg in "$@"; do
  case $arg in --tavern.net.transport=*) transport=${arg#*=} ;; esac
done
load=(--clients 1000 --room-size 10 --rate 0 --window 8 --size 64
      --warmup "${WARMUP:-20s}" --duration "${DURATION:-30s}" --connect-rate 1000/s)

server_start "$@"
run_bench s2-tavern "${load[@]}" > /dev/null
server_stop

baseline_start --transport "$transport"
run_bench s2-baseline "${load[@]}" > /dev/null
server_stop

summarize "$RUN_DIR/s2-tavern.json" "$RUN_DIR/s2-baseline.json"
jq -rn --slurpfile t "$RUN_DIR/s2-tavern.json" --slurpfile b "$RUN_DIR/s2-baseline.json" \
  '"Tavern / baseline: \($t[0].bench.deliveriesPerSecond / $b[0].bench.deliveriesPerSecond * 1000 | round / 1000)"' \
  | tee "$RUN_DIR/ratio.txt"
