#!/usr/bin/env bash
# Scenario 7, I/O models compared: scenarios 1 (fixed rate) and 2 (ceiling, Tavern's server only)
# under tavern.net.transport=nio, epoll and io_uring, everything else the same. Prints a table of
# deliveries/s, p99 latency and server CPU per delivery (server CPU time over the measured window,
# divided by the deliveries received in it, as the bench reports it).
#
#   TRANSPORTS="nio epoll io_uring" client-cli/bench/s7-io-models.sh [extra server settings]
source "$(dirname "$0")/lib.sh"
bench_setup s7-io-models
for transport in ${TRANSPORTS:-nio epoll io_uring}; do
  server_start --tavern.net.transport="$transport" "$@"
  run_bench "s1-$transport" --clients 1000 --room-size 10 --rate 10 --size 64 \
    --warmup "$WARMUP" --duration "$DURATION" > /dev/null
  server_stop
  server_start --tavern.net.transport="$transport" "$@"
  run_bench "s2-$transport" --clients 1000 --room-size 10 --rate 0 --window 8 --size 64 \
    --warmup "$WARMUP" --duration "$DURATION" > /dev/null
  server_stop
done
for transport in ${TRANSPORTS:-nio epoll io_uring}; do
  summarize "$RUN_DIR/s1-$transport.json" "$RUN_DIR/s2-$transport.json"
done
{
  echo "| transport | s1 deliveries/s | s1 p50 / p99 ms | s1 server µs CPU/delivery | s2 deliveries/s | s2 p99 ms | s2 server µs CPU/delivery | s2 rejected SERVER_BUSY |"
  echo "|---|---|---|---|---|---|---|---|"
  for transport in ${TRANSPORTS:-nio epoll io_uring}; do
    jq -rn --arg t "$transport" --slurpfile a "$RUN_DIR/s1-$transport.json" --slurpfile b "$RUN_DIR/s2-$transport.json" \
      'def r2: . * 100 | round / 100;
       "| \($t) | \($a[0].bench.deliveriesPerSecond|round) | \($a[0].bench.latencyMs.p50) / \($a[0].bench.latencyMs.p99) | \($a[0].bench.cpu.serverMicrosPerDelivery|r2) | \($b[0].bench.deliveriesPerSecond|round) | \($b[0].bench.latencyMs.p99) | \($b[0].bench.cpu.serverMicrosPerDelivery|r2) | \($b[0].bench.refusals.SERVER_BUSY // 0) |"'
  done
} | tee "$RUN_DIR/table.md"
