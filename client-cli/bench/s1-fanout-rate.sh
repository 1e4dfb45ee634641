#!/usr/bin/env bash
# Scenario 1, room fan-out at a fixed rate: 1 000 clients in rooms of 10, 10 messages/s each, 64-byte
# text, so 100 000 deliveries/s are owed. Run against the bare baseline and Tavern's server in the
# same session (ROUNDS pairs, interleaved); reports deliveries/s, losses, latency and CPU per delivery
# of each, and the same-run ratios. Targets (Tavern): lost 0, p50 under 1 ms, p99 under 10 ms.
#
#   client-cli/bench/s1-fanout-rate.sh [extra Tavern settings, e.g. --tavern.net.transport=epoll]
#
# WARMUP / DURATION (default 20s / 30s) change the periods (the warm-up goes on past WARMUP until the
# server's JIT settles, at most WARMUP_MAX: see lib.sh), ROUNDS (default 1) the pairs.
source "$(dirname "$0")/lib.sh"
bench_setup s1-fanout-rate
TAVERN_ARGS=("$@")
compare s1 --clients 1000 --room-size 10 --rate 10 --size 64 --warmup "$WARMUP" --duration "$DURATION" --connect-rate 1000/s
table "$RUN_DIR"/s1-r*.json | tee "$RUN_DIR/table.md"
