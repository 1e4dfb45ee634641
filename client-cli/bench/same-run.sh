#!/usr/bin/env bash
# Scenarios 1, 2 and 3 against the bare baseline and Tavern's server in one session, interleaved:
# for each scenario ROUNDS pairs (default 1), the order alternating, a fresh server for every run,
# a warm-up of WARMUP (default 20s) and on until the server's JIT settles (at most WARMUP_MAX, see lib.sh), then
# DURATION (default 30s) measured. Prints one table of every run and the same-run ratios (Tavern / baseline).
# About 8 minutes per round on 2 cores, more where the JIT needs longer.
#
#   ROUNDS=2 client-cli/bench/same-run.sh [extra Tavern settings]
source "$(dirname "$0")/lib.sh"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
bench_setup same-run
TAVERN_ARGS=("$@")
compare s1 --clients 1000 --room-size 10 --rate 10 --size 64 --warmup "$WARMUP" --duration "$DURATION" --connect-rate 1000/s
compare s2 --clients 1000 --room-size 10 --rate 0 --window 8 --size 64 --warmup "$WARMUP" --duration "$DURATION" --connect-rate 1000/s
compare s3 --clients 5000 --room-size 50 --rate 1 --size 64 --connect-rate 1000/s --bind-address 127.0.0.1-127.0.0.8 \
  --warmup "$WARMUP" --duration "$DURATION"
table "$RUN_DIR"/s*-r*.json | tee "$RUN_DIR/table.md"
