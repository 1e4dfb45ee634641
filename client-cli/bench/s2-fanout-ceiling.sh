#!/usr/bin/env bash
# Scenario 2, the fan-out ceiling: the rooms of scenario 1 (1 000 clients, rooms of 10, 64-byte text),
# each client keeping 8 messages unacknowledged. Run against the bare baseline and Tavern's server in
# the same session (ROUNDS pairs, interleaved); reports deliveries/s and CPU per delivery of each and
# the same-run ratios. Targets: the baseline at least 1 500 000 deliveries/s with the bench under
# 0.5 µs of CPU per delivery (the instrument is honest), Tavern as close to the baseline as it gets.
#
#   client-cli/bench/s2-fanout-ceiling.sh [extra Tavern settings, e.g. --tavern.net.transport=epoll]
#
# WARMUP / DURATION (default 20s / 30s) change the periods (the warm-up goes on past WARMUP until the
# server's JIT settles, at most WARMUP_MAX: see lib.sh), ROUNDS (default 1) the pairs.
source "$(dirname "$0")/lib.sh"
bench_setup s2-fanout-ceiling
TAVERN_ARGS=("$@")
compare s2 --clients 1000 --room-size 10 --rate 0 --window 8 --size 64 --warmup "$WARMUP" --duration "$DURATION" --connect-rate 1000/s
table "$RUN_DIR"/s2-r*.json | tee "$RUN_DIR/table.md"
